package dev.finerouter.engine.train;

/**
 * The classifier's output for n prompts.
 *
 * @param tasks the assigned task of each prompt, or {@link PromptTasks#OTHERS} (−1) when no task's probability
 *     passes the threshold
 * @param probabilities sigmoid(s(p, t)), row-major n × taskCount
 * @param taskCount number of tasks
 */
public record TaskPrediction(int[] tasks, float[] probabilities, int taskCount) {
    /** The probability of task {@code t} for prompt {@code p}. */
    public float probability(int p, int t) {
        return probabilities[p * taskCount + t];
    }
}

package dev.finerouter.engine.route;

import java.util.Objects;

/**
 * The router's answer for one prompt: the decision with its per-model numbers, plus the task assignment.
 *
 * @param decision chosen model, compared models with Q̃, Q̄, Q_final, cost, and the reason
 * @param taskProbability the classifier's probability of the assigned task (of the best task when Others)
 * @param bestTask the most probable task even when it did not pass the threshold
 * @param taskSummary summary of the assigned task, or {@code "Others"}
 */
public record PromptDecision(RoutingDecision decision, float taskProbability, int bestTask, String taskSummary) {
    public PromptDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(taskSummary, "taskSummary");
    }
}

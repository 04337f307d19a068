package dev.finerouter.engine.cluster;

import java.util.List;

/**
 * The result of Stage-1 task discovery.
 *
 * @param config the settings used
 * @param assignment the task (or Others) of every prompt
 * @param tasks the tasks, index = id
 * @param othersMedianScorePerModel Q̄_∅: per model, the median known score over the Others group (NaN if none)
 */
public record TaskDiscovery(Stage1Config config, TaskAssignment assignment, List<DiscoveredTask> tasks,
        float[] othersMedianScorePerModel) {

    /** Validates and copies. */
    public TaskDiscovery {
        if (config == null || assignment == null || tasks == null || othersMedianScorePerModel == null) {
            throw new IllegalArgumentException("all fields are required");
        }
        tasks = List.copyOf(tasks);
        if (tasks.size() != assignment.taskCount()) {
            throw new IllegalArgumentException(tasks.size() + " tasks but the assignment has " + assignment.taskCount());
        }
        for (int t = 0; t < tasks.size(); t++) {
            if (tasks.get(t).id() != t) {
                throw new IllegalArgumentException("task at index " + t + " has id " + tasks.get(t).id());
            }
        }
        othersMedianScorePerModel = othersMedianScorePerModel.clone();
    }

    /** A copy of Q̄_∅. */
    @Override
    public float[] othersMedianScorePerModel() {
        return othersMedianScorePerModel.clone();
    }

    /** The prompts in Others. */
    public int[] othersMembers() {
        return assignment.othersMembers();
    }

    /** Mean number of candidates per task (NaN without tasks). */
    public double meanCandidates() {
        return tasks.stream().mapToInt(t -> t.candidates().length).average().orElse(Double.NaN);
    }

    /** Equality by content, arrays included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TaskDiscovery d && config.equals(d.config) && assignment.equals(d.assignment)
                && tasks.equals(d.tasks) && java.util.Arrays.equals(othersMedianScorePerModel, d.othersMedianScorePerModel);
    }

    /** Hash by content. */
    @Override
    public int hashCode() {
        return 31 * assignment.hashCode() + tasks.hashCode();
    }

    /** A short description. */
    @Override
    public String toString() {
        return "TaskDiscovery[tasks=" + tasks.size() + ", others=" + assignment.othersMembers().length + "]";
    }
}

package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.TaskDiscovery;

/**
 * What the Stage-1-only variants route to once a prompt has a task: the task's top candidate (candidates are in
 * fused-rank order); for Others (−1) the model with the best Q̄_∅ (ties: cheapest, then lower index; the cheapest
 * model when Q̄_∅ is unknown for all).
 */
final class TaskTopCandidate {
    private final int[] top;
    private final double[] othersMedian;

    TaskTopCandidate(TaskDiscovery discovery) {
        top = new int[discovery.tasks().size()];
        for (DiscoveredTask t : discovery.tasks()) {
            top[t.id()] = t.candidates()[0];
        }
        float[] med = discovery.othersMedianScorePerModel();
        othersMedian = new double[med.length];
        for (int j = 0; j < med.length; j++) {
            othersMedian[j] = med[j];
        }
    }

    int taskCount() {
        return top.length;
    }

    int model(int task, EvaluationData data, int row) {
        if (task >= top.length) {
            throw new IllegalArgumentException("task " + task + " does not exist (" + top.length + " tasks)");
        }
        return task >= 0 ? top[task] : ToleranceChoice.argmax(othersMedian, data, row);
    }

    /** The model for each prompt of {@code split} given its task ({@code tasks[i]} for prompt i; −1 = Others). */
    int[] route(EvaluationSplit split, int[] tasks) {
        int[] out = new int[tasks.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = model(tasks[i], split.data(), split.row(i));
        }
        return out;
    }
}

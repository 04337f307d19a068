package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.TaskDiscovery;

import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * Stage-1-only ablation (c): a fine-grained task classifier's prediction (given, not trained here) → that task's
 * top candidate; Others (−1) → best Q̄_∅.
 */
public final class ClassifiedTaskRouter implements RouterUnderTest {
    private final TaskTopCandidate choice;
    private final IntUnaryOperator taskOfRow;

    /**
     * Creates the ablation.
     *
     * @param discovery the Stage-1 result on train (candidates, Q̄_∅)
     * @param taskOfRow predicted task of a dataset row (−1 = Others), e.g. from a trained task classifier
     */
    public ClassifiedTaskRouter(TaskDiscovery discovery, IntUnaryOperator taskOfRow) {
        this.choice = new TaskTopCandidate(discovery);
        this.taskOfRow = Objects.requireNonNull(taskOfRow, "taskOfRow");
    }

    @Override
    public String name() {
        return "Stage 1 only: fine classifier";
    }

    @Override
    public boolean hasCostKnob() {
        return false;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        return choice.route(split, tasks(split));
    }

    @Override
    public int[] tasks(EvaluationSplit split) {
        int[] out = new int[split.size()];
        for (int i = 0; i < out.length; i++) {
            int t = taskOfRow.applyAsInt(split.row(i));
            if (t < -1 || t >= choice.taskCount()) {
                throw new IllegalArgumentException("predicted task " + t + " for row " + split.row(i) + " is out of range");
            }
            out[i] = t;
        }
        return out;
    }
}

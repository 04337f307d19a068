package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.TaskDiscovery;


/**
 * Stage-1-only ablation (a): the prompt goes to the task whose center embedding is nearest by cosine (always the
 * nearest; no Others threshold) and is routed to that task's top candidate. Without any task, everything is Others
 * (best Q̄_∅). Nothing is trained here: the discovery is built on the train split by the caller.
 */
public final class NearestCenterRouter implements RouterUnderTest {
    private final float[][] centers;
    private final TaskTopCandidate choice;

    /** Uses the discovery's task centers (description-embedding space) and candidates. */
    public NearestCenterRouter(TaskDiscovery discovery) {
        this(discovery, discovery.tasks().stream().map(DiscoveredTask::centerEmbedding).toArray(float[][]::new));
    }

    /**
     * Uses the given task centers, e.g. medians of the members' prompt embeddings when the evaluation data holds
     * prompt embeddings rather than description embeddings.
     *
     * @param centers one L2-normalised center per task, by task id
     */
    public NearestCenterRouter(TaskDiscovery discovery, float[][] centers) {
        if (centers.length != discovery.tasks().size()) {
            throw new IllegalArgumentException(centers.length + " centers for " + discovery.tasks().size() + " tasks");
        }
        this.centers = java.util.Arrays.stream(centers).map(float[]::clone).toArray(float[][]::new);
        choice = new TaskTopCandidate(discovery);
    }

    @Override
    public String name() {
        return "Stage 1 only: nearest center";
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
        EvaluationData data = split.data();
        int[] out = new int[split.size()];
        for (int i = 0; i < out.length; i++) {
            int best = -1;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < centers.length; t++) {
                if (centers[t].length != data.dim()) {
                    throw new IllegalArgumentException("task center has dimension " + centers[t].length + ", embeddings " + data.dim());
                }
                double s = data.dot(split.row(i), centers[t]);
                if (s > bestSim) {
                    bestSim = s;
                    best = t;
                }
            }
            out[i] = best;
        }
        return out;
    }
}

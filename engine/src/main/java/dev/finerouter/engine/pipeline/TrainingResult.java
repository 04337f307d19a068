package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.route.RobustRuleTuner;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.train.ClassifierMetrics;

import java.util.List;
import java.util.Objects;

/**
 * What Stage 2 produced.
 *
 * @param discovery the Stage-1 result it was trained on
 * @param config the Stage-2 settings
 * @param router the trained router
 * @param promptEmbeddings embeddings of every dataset prompt, row-major rows × dim (dataset row order)
 * @param dim embedding dimension
 * @param classifierHeldOut classifier metrics on the held-out training prompts' cluster labels
 * @param estimatorDevMse the estimator's mean squared error on the dev split's known scores
 * @param device where training ran
 * @param timings per-stage wall time
 * @param tuning the robust rule's dev search, or {@code null} for the paper preset
 * @param levelSearch every number of clustering levels ℓ tried on train/dev, in order (empty when ℓ was given);
 *                    {@link #discovery()} is the chosen one
 */
public record TrainingResult(DiscoveryResult discovery, TrainingConfig config, TrainedRouter router, float[] promptEmbeddings, int dim,
                             ClassifierMetrics classifierHeldOut, double estimatorDevMse, String device, List<StageTiming> timings,
                             RobustRuleTuner.Result tuning, List<LevelTrial> levelSearch) {
    public TrainingResult {
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(router, "router");
        timings = List.copyOf(timings);
        levelSearch = List.copyOf(levelSearch);
        if (promptEmbeddings.length != (long) discovery.dataset().size() * dim) {
            throw new IllegalArgumentException("one prompt embedding per dataset row expected");
        }
    }

    /** ℓ as given. */
    public TrainingResult(DiscoveryResult discovery, TrainingConfig config, TrainedRouter router, float[] promptEmbeddings, int dim,
                          ClassifierMetrics classifierHeldOut, double estimatorDevMse, String device, List<StageTiming> timings,
                          RobustRuleTuner.Result tuning) {
        this(discovery, config, router, promptEmbeddings, dim, classifierHeldOut, estimatorDevMse, device, timings, tuning, List.of());
    }

    /** Without a robust-rule search (the paper preset). */
    public TrainingResult(DiscoveryResult discovery, TrainingConfig config, TrainedRouter router, float[] promptEmbeddings, int dim,
                          ClassifierMetrics classifierHeldOut, double estimatorDevMse, String device, List<StageTiming> timings) {
        this(discovery, config, router, promptEmbeddings, dim, classifierHeldOut, estimatorDevMse, device, timings, null);
    }

    /**
     * The routing policy this run recommends: α chosen on dev for the robust rule, the paper's 0.5 otherwise; no
     * tolerance, no budget.
     */
    public RoutingPolicy recommendedPolicy() {
        return tuning == null ? RoutingPolicy.PAPER : RoutingPolicy.PAPER.withAlpha(tuning.alpha());
    }

    /** The embeddings of the given dataset rows, row-major. */
    public float[] embeddingsOf(int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(promptEmbeddings, rows[i] * dim, out, i * dim, dim);
        }
        return out;
    }
}

package dev.finerouter.engine.pipeline;

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
 */
public record TrainingResult(DiscoveryResult discovery, TrainingConfig config, TrainedRouter router, float[] promptEmbeddings, int dim,
                             ClassifierMetrics classifierHeldOut, double estimatorDevMse, String device, List<StageTiming> timings) {
    public TrainingResult {
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(router, "router");
        timings = List.copyOf(timings);
        if (promptEmbeddings.length != (long) discovery.dataset().size() * dim) {
            throw new IllegalArgumentException("one prompt embedding per dataset row expected");
        }
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

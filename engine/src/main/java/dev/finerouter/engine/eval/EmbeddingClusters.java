package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.KMeans;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

/**
 * What the cluster-router baselines ({@link AvengersProRouter}, {@link HierShrinkRouter}) share: seeded
 * {@link KMeans} on the prompt embeddings of some rows, the "at least 5 prompts per cluster" cap, NaN-aware training
 * means and nearest-center searches. Package-private: an implementation detail of the two baselines.
 */
final class EmbeddingClusters {
    /** Lloyd iterations at most per k-means run (keeps a fit on 20k × 384 embeddings within seconds). */
    static final int MAX_ITERATIONS = 30;

    /** Prompts per cluster at least: a cluster count is capped at ⌊members / 5⌋ (and is at least 1). */
    static final int MIN_MEMBERS_PER_CLUSTER = 5;

    private EmbeddingClusters() {
    }

    /** {@code k} capped so that every cluster can have {@link #MIN_MEMBERS_PER_CLUSTER} members: max(1, min(k, ⌊members / 5⌋)). */
    static int cap(int k, int members) {
        return Math.max(1, Math.min(k, members / MIN_MEMBERS_PER_CLUSTER));
    }

    /**
     * Seeded k-means ({@link #MAX_ITERATIONS} iterations at most) on the L2-normalised embeddings of {@code rows}; the
     * result's assignment is in the order of {@code rows}. k is capped at the number of rows by {@link KMeans}.
     */
    static KMeans.Result kmeans(EvaluationData data, int[] rows, int k, long seed) {
        try {
            return kmeans(data, rows, k, seed, StageContext.silent(seed));
        } catch (CancelledException e) {
            throw new IllegalStateException("a silent context is never cancelled", e);
        }
    }

    /** As {@link #kmeans(EvaluationData, int[], int, long)}, stopping when {@code ctx} is cancelled (no progress reported). */
    static KMeans.Result kmeans(EvaluationData data, int[] rows, int k, long seed, StageContext ctx) throws CancelledException {
        int d = data.dim();
        float[] x = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.embeddingRow(rows[i]), 0, x, i * d, d);
        }
        return new KMeans(k, MAX_ITERATIONS, seed).fit(EmbeddingMatrix.normalizing(rows.length, d, x), ctx.quiet());
    }

    /** Mean of each model's known (non-NaN) scores over {@code rows}; NaN for a model with no known score there. */
    static double[] knownMeans(EvaluationData data, int[] rows) {
        int m = data.models();
        double[] sum = new double[m];
        int[] count = new int[m];
        for (int row : rows) {
            for (int j = 0; j < m; j++) {
                float s = data.score(row, j);
                if (!Float.isNaN(s)) {
                    sum[j] += s;
                    count[j]++;
                }
            }
        }
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
        }
        return out;
    }

    /** Dot product of the embedding of {@code row} with center {@code c} of row-major {@code centers}. */
    static double dot(EvaluationData data, int row, float[] centers, int c) {
        int d = data.dim();
        double s = 0;
        int o = c * d;
        for (int t = 0; t < d; t++) {
            s += (double) data.embedding(row, t) * centers[o + t];
        }
        return s;
    }

    /** Squared L2 norm of each center of row-major {@code centers}. */
    static double[] squaredNorms(float[] centers, int dim) {
        int k = centers.length / dim;
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int t = 0; t < dim; t++) {
                double v = centers[c * dim + t];
                s += v * v;
            }
            out[c] = s;
        }
        return out;
    }

    /**
     * The center nearest to the embedding of {@code row} by the k-means rule, smallest ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖²
     * (the prompt's ‖x‖² is the same for every center and is left out); ties go to the lower index.
     */
    static int nearest(EvaluationData data, int row, float[] centers, double[] squaredNorms) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < squaredNorms.length; c++) {
            double dd = squaredNorms[c] - 2 * dot(data, row, centers, c);
            if (dd < bestD) {
                bestD = dd;
                best = c;
            }
        }
        return best;
    }
}

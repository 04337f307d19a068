package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.model.ScoreMatrix;
import java.util.Arrays;

/**
 * Element-wise medians used by Stage 1: community centers (method step 8) and the per-model median score Q̄_t.
 * The median of an even count is the mean of the two middle values.
 */
public final class Medians {
    private Medians() {
    }

    /**
     * The center of a group: the element-wise median of its members' embeddings, then L2-normalised so that it can be
     * compared by cosine like any prompt. If the median is the zero vector (possible only in degenerate data), the
     * normalised mean is used instead, and if that is zero too, the first member's embedding.
     *
     * @throws IllegalArgumentException when members is empty
     */
    public static float[] center(EmbeddingMatrix embeddings, int[] members) {
        if (members.length == 0) {
            throw new IllegalArgumentException("empty group");
        }
        int d = embeddings.dim();
        float[] buf = new float[members.length];
        float[] out = new float[d];
        double norm = 0;
        for (int t = 0; t < d; t++) {
            for (int i = 0; i < members.length; i++) {
                buf[i] = embeddings.get(members[i], t);
            }
            out[t] = median(buf, members.length);
            norm += (double) out[t] * out[t];
        }
        if (norm == 0) {
            norm = 0;
            for (int t = 0; t < d; t++) {
                double s = 0;
                for (int member : members) {
                    s += embeddings.get(member, t);
                }
                out[t] = (float) (s / members.length);
                norm += (double) out[t] * out[t];
            }
            if (norm == 0) {
                return embeddings.row(members[0]);
            }
        }
        double len = Math.sqrt(norm);
        for (int t = 0; t < d; t++) {
            out[t] = (float) (out[t] / len);
        }
        return out;
    }

    /** Centers of several groups as one matrix (row g = center of group g). */
    public static EmbeddingMatrix centers(EmbeddingMatrix embeddings, int[][] groups) {
        int d = embeddings.dim();
        float[] flat = new float[groups.length * d];
        for (int g = 0; g < groups.length; g++) {
            System.arraycopy(center(embeddings, groups[g]), 0, flat, g * d, d);
        }
        return EmbeddingMatrix.normalizing(groups.length, d, flat);
    }

    /** Per model, the median of the members' known scores; NaN for a model with no known score among them. */
    public static float[] scorePerModel(ScoreMatrix scores, int[] members) {
        int m = scores.cols();
        float[] out = new float[m];
        float[] buf = new float[members.length];
        for (int model = 0; model < m; model++) {
            int n = 0;
            for (int p : members) {
                float v = scores.get(p, model);
                if (!Float.isNaN(v)) {
                    buf[n++] = v;
                }
            }
            out[model] = n == 0 ? Float.NaN : median(buf, n);
        }
        return out;
    }

    /** The median of the first {@code n} values (sorts them in place); NaN when n = 0. */
    public static float median(float[] values, int n) {
        if (n == 0) {
            return Float.NaN;
        }
        Arrays.sort(values, 0, n);
        int mid = n / 2;
        return n % 2 == 1 ? values[mid] : (float) (((double) values[mid - 1] + values[mid]) / 2);
    }
}

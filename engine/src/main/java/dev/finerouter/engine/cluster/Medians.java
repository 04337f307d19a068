package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.model.ScoreMatrix;
import java.util.Arrays;

/**
 * Element-wise medians used by Stage 1: community centers (method step 8) and the per-model median score Q̄_t.
 * The median of an even count is the mean of the two middle values.
 *
 * <p>The middle values are found by selection, not by sorting: an introselect with a three-way partition
 * (median-of-three pivot, many equal values — duplicate embeddings — end a round at once), O(n) expected and
 * O(n log n) at worst, because after 2·log₂ n rounds the remaining range is sorted. It orders floats as
 * {@link Arrays#sort(float[])} does (−0.0 before 0.0), through integer keys with the same order, so the medians are
 * bit-identical to those of a full sort. A center reads its members' rows a block of {@value #DIMS_PER_PASS}
 * components at a time (one pass over the rows per block instead of one per component).
 */
public final class Medians {
    /** Components of a center gathered per pass over the member rows. */
    static final int DIMS_PER_PASS = 32;

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
        int n = members.length;
        int[][] keys = new int[Math.min(d, DIMS_PER_PASS)][n];
        float[] out = new float[d];
        for (int t0 = 0; t0 < d; t0 += DIMS_PER_PASS) {
            int w = Math.min(DIMS_PER_PASS, d - t0);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < w; c++) {
                    keys[c][i] = key(embeddings.get(members[i], t0 + c));
                }
            }
            for (int c = 0; c < w; c++) {
                out[t0 + c] = medianOfKeys(keys[c], n);
            }
        }
        double norm = 0;
        for (int t = 0; t < d; t++) {
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

    /** The median of the first {@code n} values (left unchanged); NaN when n = 0. */
    public static float median(float[] values, int n) {
        if (n == 0) {
            return Float.NaN;
        }
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(values[i]);
        }
        return medianOfKeys(keys, n);
    }

    /** The median of the first {@code n ≥ 1} keys as a float (reorders the keys). */
    private static float medianOfKeys(int[] keys, int n) {
        int mid = n / 2;
        float upper = value(select(keys, n, mid));
        if (n % 2 == 1) {
            return upper;
        }
        int lower = keys[0]; // keys[0, mid) now hold the mid smallest: the largest of them is the lower middle value
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, keys[i]);
        }
        return (float) (((double) value(lower) + upper) / 2);
    }

    /**
     * The {@code k}-th smallest of {@code a[0, n)} (from 0); afterwards {@code a[0, k)} holds the k smallest. Each
     * round splits the range around a median-of-three pivot into &lt;, = and &gt; parts (Dijkstra's three-way
     * partition) and keeps the part holding position k.
     */
    static int select(int[] a, int n, int k) {
        int from = 0;
        int to = n;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(n));
        while (to - from > 16 && rounds-- > 0) {
            int x = a[from];
            int y = a[(from + to) >>> 1];
            int z = a[to - 1];
            int pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int lt = from;
            int i = from;
            int gt = to;
            while (i < gt) {
                int v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[--gt];
                    a[gt] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                to = lt;
            } else if (k >= gt) {
                from = gt;
            } else {
                return pivot;
            }
        }
        Arrays.sort(a, from, to);
        return a[k];
    }

    /**
     * An int whose signed order is {@link Float#compare}'s order of the floats (−0.0 &lt; 0.0, NaN last): the sign bit
     * kept, the other bits of negative floats flipped.
     */
    static int key(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The float of a {@link #key}. */
    static float value(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }
}

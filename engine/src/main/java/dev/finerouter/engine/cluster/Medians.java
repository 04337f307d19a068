package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.DistinctRows;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.model.ScoreMatrix;
import java.util.Arrays;

/**
 * Element-wise medians used by Stage 1: community centers (method step 8) and the per-model median score Q̄_t.
 * The median of an even count is the mean of the two middle values.
 *
 * <p>The middle values are found by selection, not by sorting: a weighted introselect with a three-way partition
 * (median-of-three pivot; many equal values end a round at once), O(u) expected for u values and O(u log u) at worst,
 * because after 2·log₂ u rounds the remaining range is sorted. It orders floats as {@link Arrays#sort(float[])} does
 * (−0.0 before 0.0), through integer keys with the same order, so the medians are bit-identical to those of a full
 * sort.
 *
 * <p>A center counts bit-identical member rows once ({@link EmbeddingMatrix#distinctRows()}), with their number as
 * weight: the k-th smallest of the n values is the value whose run of weights covers position k (the 79,990 training
 * prompts of the 100k synthetic set are 4,740 distinct vectors). It reads the rows a block of
 * {@value #DIMS_PER_PASS} components at a time (one pass over the rows per block instead of one per component).
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
        int[] rows = distinctMembers(embeddings.distinctRows(), members);
        int u = rows.length / 2;
        long[][] packed = new long[Math.min(d, DIMS_PER_PASS)][u];
        float[] out = new float[d];
        for (int t0 = 0; t0 < d; t0 += DIMS_PER_PASS) {
            int w = Math.min(DIMS_PER_PASS, d - t0);
            for (int j = 0; j < u; j++) {
                int row = rows[2 * j];
                long weight = rows[2 * j + 1];
                for (int c = 0; c < w; c++) {
                    packed[c][j] = pack(key(embeddings.get(row, t0 + c)), weight);
                }
            }
            for (int c = 0; c < w; c++) {
                out[t0 + c] = weightedMedian(packed[c], u, members.length);
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

    /**
     * The distinct rows among the members and how often each occurs, as pairs {row, count} in one array, in group
     * order (any order would do: the median does not depend on it).
     */
    private static int[] distinctMembers(DistinctRows distinct, int[] members) {
        int n = members.length;
        int[] byGroup = new int[n];
        for (int i = 0; i < n; i++) {
            byGroup[i] = distinct.groupOf(members[i]);
        }
        Arrays.sort(byGroup);
        int[] out = new int[2 * n];
        int u = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && byGroup[i] == byGroup[i - 1]) {
                out[2 * u - 1]++;
            } else {
                out[2 * u] = distinct.representative(byGroup[i]);
                out[2 * u + 1] = 1;
                u++;
            }
        }
        return Arrays.copyOf(out, 2 * u);
    }

    /** The median of the first {@code n} values (left unchanged); NaN when n = 0. */
    public static float median(float[] values, int n) {
        if (n == 0) {
            return Float.NaN;
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = pack(key(values[i]), 1);
        }
        return weightedMedian(packed, n, n);
    }

    /**
     * The median of the values that {@code packed[0, u)} holds with their weights, {@code total} = sum of the weights
     * ≥ 1 (reorders the array): the value at position ⌊total/2⌋ of the sorted multiset, or for an even total the mean
     * of it and the value just before it.
     */
    private static float weightedMedian(long[] packed, int u, long total) {
        long mid = total / 2;
        int upper = select(packed, u, mid);
        if (total % 2 == 1) {
            return value(upper);
        }
        long below = 0; // total weight of the values smaller than upper, and the largest of them
        int lower = Integer.MIN_VALUE;
        for (int i = 0; i < u; i++) {
            int k = keyOf(packed[i]);
            if (k < upper) {
                below += weightOf(packed[i]);
                lower = Math.max(lower, k);
            }
        }
        // upper sits at position mid, so below <= mid; position mid − 1 holds upper too unless below == mid
        float lowerValue = below == mid ? value(lower) : value(upper);
        return (float) (((double) lowerValue + value(upper)) / 2);
    }

    /**
     * The key at position {@code k} (from 0) of the sorted multiset that {@code a[0, u)} holds with weights. Each round
     * splits the range around a median-of-three pivot key into &lt;, = and &gt; parts (Dijkstra's three-way partition),
     * sums the weights of the first two and keeps the part covering position k.
     */
    static int select(long[] a, int u, long k) {
        int from = 0;
        int to = u;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(u));
        while (to - from > 16 && rounds-- > 0) {
            int x = keyOf(a[from]);
            int y = keyOf(a[(from + to) >>> 1]);
            int z = keyOf(a[to - 1]);
            int pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int lt = from;
            int i = from;
            int gt = to;
            long less = 0;
            long equal = 0;
            while (i < gt) {
                long v = a[i];
                int key = keyOf(v);
                if (key < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                    less += weightOf(v);
                } else if (key > pivot) {
                    a[i] = a[--gt];
                    a[gt] = v;
                } else {
                    equal += weightOf(v);
                    i++;
                }
            }
            if (k < less) {
                to = lt;
            } else if (k < less + equal) {
                return pivot;
            } else {
                k -= less + equal;
                from = gt;
            }
        }
        Arrays.sort(a, from, to); // the key is the high half, so longs sort by key
        for (int i = from; i < to; i++) {
            k -= weightOf(a[i]);
            if (k < 0) {
                return keyOf(a[i]);
            }
        }
        throw new IllegalArgumentException("position beyond the total weight");
    }

    /** A key (high half, so signed long order is key order) and a positive weight below 2³¹ in one long. */
    static long pack(int key, long weight) {
        return ((long) key << 32) | weight;
    }

    private static int keyOf(long packed) {
        return (int) (packed >> 32);
    }

    private static long weightOf(long packed) {
        return packed & 0xffffffffL;
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

package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.model.ScoreMatrix;
import org.junit.jupiter.api.Test;

class MediansTest {
    @Test
    void medianOddAndEven() {
        assertEquals(2f, Medians.median(new float[] {3, 1, 2}, 3));
        assertEquals(2.5f, Medians.median(new float[] {4, 1, 3, 2}, 4));
        assertEquals(Float.NaN, Medians.median(new float[] {1}, 0));
    }

    /** The definition: sort, take the middle value or the mean of the two middle values. */
    private static float sortedMedian(float[] values, int n) {
        float[] v = java.util.Arrays.copyOf(values, n);
        java.util.Arrays.sort(v);
        int mid = n / 2;
        return n % 2 == 1 ? v[mid] : (float) (((double) v[mid - 1] + v[mid]) / 2);
    }

    @Test
    void selectionGivesTheSortedMedianBitForBit() {
        java.util.Random rnd = new java.util.Random(3);
        float[] pool = {-0f, 0f, 1e-3f, -1e-3f, 0.5f, -0.25f, Float.MIN_VALUE, -Float.MIN_VALUE, 0.1f, 0.2f};
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + rnd.nextInt(trial < 1_900 ? 60 : 5_000);
            float[] v = new float[n];
            int shape = trial % 4;
            for (int i = 0; i < n; i++) {
                v[i] = switch (shape) {
                    case 0 -> pool[rnd.nextInt(pool.length)];
                    case 1 -> (float) rnd.nextGaussian();
                    case 2 -> i; // sorted
                    default -> (i % 2 == 0 ? i : n - i) * 0.5f; // zigzag
                };
            }
            float[] copy = v.clone();
            assertEquals(Float.floatToRawIntBits(sortedMedian(v, n)), Float.floatToRawIntBits(Medians.median(v, n)),
                    "trial " + trial + ", n " + n);
            assertArrayEquals(copy, v, "values are left unchanged");
        }
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Medians.median(new float[] {0f, -0f, -0f}, 3)));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Medians.median(new float[] {0f, -0f, 0f}, 3)));
    }

    @Test
    void weightedSelectFindsThePositionInTheExpandedMultiset() {
        java.util.Random rnd = new java.util.Random(9);
        for (int trial = 0; trial < 300; trial++) {
            int u = 1 + rnd.nextInt(trial < 250 ? 40 : 3_000);
            long[] packed = new long[u];
            int[] expanded = new int[0];
            for (int j = 0; j < u; j++) {
                int key = rnd.nextInt(trial % 2 == 0 ? 10 : 1_000_000) - 5;
                int weight = 1 + rnd.nextInt(trial % 3 == 0 ? 1 : 9);
                packed[j] = Medians.pack(key, weight);
                int from = expanded.length;
                expanded = java.util.Arrays.copyOf(expanded, from + weight);
                java.util.Arrays.fill(expanded, from, expanded.length, key);
            }
            java.util.Arrays.sort(expanded);
            for (int k : new int[] {0, expanded.length / 2, expanded.length - 1, rnd.nextInt(expanded.length)}) {
                assertEquals(expanded[k], Medians.select(packed.clone(), u, k), "trial " + trial + ", k " + k);
            }
        }
    }

    @Test
    void keysOrderFloatsLikeFloatCompare() {
        float[] f = {Float.NEGATIVE_INFINITY, -2f, -1f, -Float.MIN_VALUE, -0f, 0f, Float.MIN_VALUE, 1f, Float.POSITIVE_INFINITY};
        for (int i = 0; i < f.length; i++) {
            assertEquals(Float.floatToRawIntBits(f[i]), Float.floatToRawIntBits(Medians.value(Medians.key(f[i]))));
            if (i > 0) {
                assertEquals(-1, Integer.signum(Integer.compare(Medians.key(f[i - 1]), Medians.key(f[i]))), "at " + i);
            }
        }
    }

    @Test
    void centerMatchesPerComponentSortedMedianWithDuplicateRows() {
        java.util.Random rnd = new java.util.Random(5);
        int n = 301;
        int d = 70; // more than one pass of Medians.DIMS_PER_PASS components
        float[][] pool = new float[40][d];
        for (float[] row : pool) {
            for (int t = 0; t < d; t++) {
                row[t] = rnd.nextInt(7) - 3 + (rnd.nextInt(5) == 0 ? 0.5f : 0f);
            }
        }
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = i % 2 == 0 ? pool[rnd.nextInt(pool.length)] : pool[i % pool.length].clone();
        }
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(rows);
        for (int skip = 1; skip <= 2; skip++) { // 201 (odd) and 200 (even) members
            final int s = skip;
            int[] members = java.util.stream.IntStream.range(0, n).filter(i -> i % 3 != s || i == n - 1).toArray();
            float[] expected = new float[d];
            double norm = 0;
            for (int t = 0; t < d; t++) {
                float[] col = new float[members.length];
                for (int i = 0; i < members.length; i++) {
                    col[i] = e.get(members[i], t);
                }
                expected[t] = sortedMedian(col, col.length);
                norm += (double) expected[t] * expected[t];
            }
            for (int t = 0; t < d; t++) {
                expected[t] = (float) (expected[t] / Math.sqrt(norm));
            }
            assertArrayEquals(expected, Medians.center(e, members), 0f, members.length + " members");
        }
    }

    @Test
    void centerIsNormalisedElementWiseMedian() {
        // rows (3,4)/5=(.6,.8), (1,0), (0,1); member {0,1,2}: median x = .6, y = .8 → already unit length
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(new float[] {3, 4}, new float[] {1, 0}, new float[] {0, 1});
        assertArrayEquals(new float[] {0.6f, 0.8f}, Medians.center(e, new int[] {0, 1, 2}), 1e-6f);
        // members {1,2}: median (.5,.5) → normalised (.7071, .7071)
        float h = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {h, h}, Medians.center(e, new int[] {1, 2}), 1e-6f);
    }

    @Test
    void zeroMedianFallsBackToMean() {
        // (1,0), (-1,0), (0,1), (0,-1)... median of x over {1,-1,0,0} = 0, y likewise 0 → mean is 0 too → first member
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(new float[] {1, 0}, new float[] {-1, 0}, new float[] {0, 1},
                new float[] {0, -1});
        assertArrayEquals(new float[] {1, 0}, Medians.center(e, new int[] {0, 1, 2, 3}), 0);
    }

    @Test
    void medianScoresSkipMissing() {
        float nan = Float.NaN;
        ScoreMatrix s = ScoreMatrix.ofRows(new float[] {0.1f, nan, nan}, new float[] {0.5f, 0.2f, nan},
                new float[] {0.9f, nan, nan}, new float[] {0.3f, 0.4f, nan});
        // model 0: {.1,.5,.9,.3} → (.3+.5)/2 = .4 ; model 1: {.2,.4} → .3 ; model 2: none → NaN
        float[] q = Medians.scorePerModel(s, new int[] {0, 1, 2, 3});
        assertEquals(0.4f, q[0], 1e-7f);
        assertEquals(0.3f, q[1], 1e-7f);
        assertEquals(Float.NaN, q[2]);
    }
}

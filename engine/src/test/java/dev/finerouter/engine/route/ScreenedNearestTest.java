package dev.finerouter.engine.route;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screened batch scan returns exactly what the one-by-one scan returns — same rows, same order, same ties — on data
 * built to break it: many exact duplicates (ties straddling the k-th place), copies a few ulps apart (near-ties where
 * the two summation orders disagree), unnormalised queries and a large k.
 */
class ScreenedNearestTest {
    private static final int DIM = 384;

    /** n rows drawn from {@code distinct} base vectors, each copy either exact or nudged by a few ulps. */
    private static float[] clumped(Random random, int n, int distinct) {
        float[] base = new float[distinct * DIM];
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) random.nextGaussian();
        }
        float[] out = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            int b = random.nextInt(distinct);
            System.arraycopy(base, b * DIM, out, i * DIM, DIM);
            if (random.nextBoolean()) {
                for (int t = 0; t < 4; t++) {
                    int d = i * DIM + random.nextInt(DIM);
                    out[d] = Math.nextUp(out[d]);
                }
            }
        }
        return out;
    }

    private static RouterMemory memory(float[] embeddings, int n) {
        return new RouterMemory(embeddings, n, DIM, new float[n], 1);
    }

    /** The reference: every remembered row scored with {@link RouterMemory#dot}, sorted by score, then lower row. */
    private static int[] bruteForce(RouterMemory memory, float[] x, int offset, int skip, int k) {
        int n = memory.size();
        float[] e = memory.embeddings();
        Integer[] order = new Integer[n];
        float[] s = new float[n];
        for (int j = 0; j < n; j++) {
            s[j] = j == skip ? Float.NEGATIVE_INFINITY : RouterMemory.dot(x, offset, e, j * DIM, DIM);
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    @Test
    void batchQueriesEqualOneByOneScansWithTiesAndNearTies() {
        Random random = new Random(7);
        int n = 6_000;
        RouterMemory memory = memory(clumped(random, n, 400), n);
        int q = 700;
        float[] queries = clumped(random, q, 300);
        for (int i = 0; i < queries.length; i++) {
            queries[i] *= 3.5f; // not normalised
        }
        assertTrue((long) q * n >= ScreenedNearest.MIN_PRODUCTS, "the batch must take the screened path");
        for (int k : new int[]{1, 50, 500}) {
            int[] batch = memory.nearest(queries, q, k);
            assertEquals(q * k, batch.length);
            for (int i = 0; i < q; i++) {
                int[] one = memory.nearest(Arrays.copyOfRange(queries, i * DIM, (i + 1) * DIM), 1, k);
                assertArrayEquals(one, Arrays.copyOfRange(batch, i * k, (i + 1) * k), "k=" + k + ", query " + i);
                if (i % 97 == 0) {
                    assertArrayEquals(bruteForce(memory, queries, i * DIM, -1, k), one, "k=" + k + ", query " + i);
                }
            }
        }
    }

    @Test
    void leaveOneOutBatchEqualsOneByOneScans() {
        Random random = new Random(11);
        int n = 5_000;
        RouterMemory memory = memory(clumped(random, n, 250), n);
        int[] rows = new int[1_000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(n); // repeats allowed
        }
        int k = 200;
        int[] batch = memory.nearestExcludingSelf(rows, k);
        for (int i = 0; i < rows.length; i++) {
            int[] one = memory.nearestExcludingSelf(new int[]{rows[i]}, k);
            assertArrayEquals(one, Arrays.copyOfRange(batch, i * k, (i + 1) * k), "row " + rows[i]);
            if (i % 101 == 0) {
                assertArrayEquals(bruteForce(memory, memory.embeddings(), rows[i] * DIM, rows[i], k), one);
            }
        }
    }

    @Test
    void nonFiniteQueriesAreLeftToTheOneByOneScan() {
        float[] memory = new float[4 * DIM];
        Arrays.fill(memory, 1f);
        float[] x = new float[DIM];
        x[3] = Float.NaN;
        assertNull(ScreenedNearest.nearest(memory, 4, DIM, x, new int[]{0}, new int[]{-1}, 2));
    }
}

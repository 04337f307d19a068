package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExactKnnTest {
    private static final StageContext CTX = StageContext.silent(1);

    /** Unit vectors in the plane at the given angles (degrees). */
    static EmbeddingMatrix angles(double... degrees) {
        float[][] rows = new float[degrees.length][];
        for (int i = 0; i < degrees.length; i++) {
            double r = Math.toRadians(degrees[i]);
            rows[i] = new float[] {(float) Math.cos(r), (float) Math.sin(r)};
        }
        return EmbeddingMatrix.normalizingRows(rows);
    }

    @Test
    void handCheckedNeighbours() throws CancelledException {
        // angles 0, 10, 30, 90, 180: cos 10° = .985, cos 20° = .940, cos 30° = .866, cos 60° = .5, cos 80° = .174
        EmbeddingMatrix e = angles(0, 10, 30, 90, 180);
        KnnResult r = new ExactKnn(1).search(e, 2, CTX);
        assertEquals(2, r.k());
        assertArrayEquals(new int[] {1, 2}, r.neighboursOf(0));
        assertArrayEquals(new int[] {0, 2}, r.neighboursOf(1));
        assertArrayEquals(new int[] {1, 0}, r.neighboursOf(2));
        assertArrayEquals(new int[] {2, 1}, r.neighboursOf(3));
        assertArrayEquals(new int[] {3, 2}, r.neighboursOf(4));
        assertEquals(Math.cos(Math.toRadians(10)), r.similarity(0, 0), 1e-6);
        assertEquals(0.5, r.similarity(3, 0), 1e-6);
        assertEquals(-Math.cos(Math.toRadians(30)), r.similarity(4, 1), 1e-6);
    }

    @Test
    void tiesBrokenByIndexAndSelfExcluded() throws CancelledException {
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(new float[] {1, 0}, new float[] {1, 0}, new float[] {1, 0},
                new float[] {0, 1});
        KnnResult r = new ExactKnn(1).search(e, 2, CTX);
        assertArrayEquals(new int[] {1, 2}, r.neighboursOf(0));
        assertArrayEquals(new int[] {0, 2}, r.neighboursOf(1));
        assertArrayEquals(new int[] {0, 1}, r.neighboursOf(2));
        assertArrayEquals(new int[] {0, 1}, r.neighboursOf(3));
        assertArrayEquals(new float[] {0f, 0f}, r.similaritiesOf(3));
    }

    @Test
    void kIsCappedAtNodesMinusOne() throws CancelledException {
        assertEquals(2, new ExactKnn().search(angles(0, 1, 2), 5, CTX).k());
        assertEquals(0, new ExactKnn().search(angles(0), 5, CTX).k());
        assertThrows(IllegalArgumentException.class, () -> new ExactKnn().search(angles(0, 1), 0, CTX));
    }

    /**
     * The definition: every other row sorted by {@link EmbeddingMatrix#cosine} descending, index ascending, cut to k
     * (capped at rows − 1). O(n² log n); for small sets only.
     */
    static KnnResult bruteForce(EmbeddingMatrix e, int k) {
        int n = e.rows();
        int kk = Math.min(k, n - 1);
        int[] idx = new int[n * kk];
        float[] sim = new float[n * kk];
        for (int i = 0; i < n; i++) {
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    order.add(j);
                }
            }
            final int q = i;
            order.sort((a, b) -> {
                int c = Float.compare(e.cosine(q, b), e.cosine(q, a));
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int r = 0; r < kk; r++) {
                idx[i * kk + r] = order.get(r);
                sim[i * kk + r] = e.cosine(i, order.get(r));
            }
        }
        return new KnnResult(n, kk, idx, sim);
    }

    /** n random Gaussian rows of dimension d, normalised. */
    static EmbeddingMatrix gaussian(int n, int d, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return EmbeddingMatrix.normalizing(n, d, v);
    }

    /**
     * n rows drawn from {@code distinct} seeded random vectors, so most rows have bit-identical twins; the components are
     * small integers (one of them shifted by ±0.5), so distinct vectors often have exactly the same similarity to a
     * third row, which exercises the tie rule across groups.
     */
    static EmbeddingMatrix withDuplicates(int n, int distinct, int d, long seed) {
        Random rnd = new Random(seed);
        float[][] pool = new float[distinct][d];
        for (int g = 0; g < distinct; g++) {
            for (int t = 0; t < d; t++) {
                pool[g][t] = rnd.nextInt(5) - 2;
            }
            pool[g][0] = g % 3 == 0 ? 0 : pool[g][0];
            pool[g][g % d] += g % 2 == 0 ? 0.5f : -0.5f;
        }
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = pool[rnd.nextInt(distinct)];
        }
        return EmbeddingMatrix.normalizingRows(rows);
    }

    @Test
    void matchesBruteForceForAnyThreadCount() throws CancelledException {
        EmbeddingMatrix e = gaussian(537, 19, 7);
        KnnResult one = new ExactKnn(1).search(e, 5, CTX);
        assertEquals(one, new ExactKnn(3).search(e, 5, CTX));
        assertEquals(bruteForce(e, 5), one);
    }

    @Test
    void duplicateRowsMatchBruteForceForAnyThreadCount() throws CancelledException {
        for (int distinct : new int[] {1, 2, 7, 60, 300}) {
            EmbeddingMatrix e = withDuplicates(411, distinct, 6, distinct);
            KnnResult one = new ExactKnn(1).search(e, 5, CTX);
            assertEquals(bruteForce(e, 5), one, distinct + " distinct rows");
            assertEquals(one, new ExactKnn(2).search(e, 5, CTX), distinct + " distinct rows, 2 threads");
            assertEquals(one, new ExactKnn(5).search(e, 5, CTX), distinct + " distinct rows, 5 threads");
        }
        EmbeddingMatrix wide = withDuplicates(400, 250, 384, 11);
        assertEquals(bruteForce(wide, 5), new ExactKnn(1).search(wide, 5, CTX), "several column blocks");
        EmbeddingMatrix few = withDuplicates(4, 2, 3, 3);
        assertEquals(bruteForce(few, 7), new ExactKnn(1).search(few, 7, CTX));
    }

    @Test
    void reportsProgressAndHonoursCancellation() throws CancelledException {
        List<Double> fractions = new ArrayList<>();
        StageContext ctx = StageContext.of(1, (f, m) -> fractions.add(f), line -> { }, new AtomicBoolean());
        new ExactKnn(2).search(angles(0, 10, 20, 30), 1, ctx);
        assertTrue(!fractions.isEmpty() && fractions.get(fractions.size() - 1) == 1.0);
        StageContext cancelled = StageContext.of(1, (f, m) -> { }, line -> { }, new AtomicBoolean(true));
        assertThrows(CancelledException.class, () -> new ExactKnn(2).search(angles(0, 10, 20), 1, cancelled));
    }

    @Test
    void embeddingMatrixValidates() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddingMatrix.of(1, 2, new float[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingMatrix.of(1, 2, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingMatrix.normalizing(1, 2, new float[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingMatrix.normalizing(1, 2, new float[] {Float.NaN, 1}));
        assertEquals(0.6f, EmbeddingMatrix.normalizing(1, 2, new float[] {3, 4}).get(0, 0), 1e-7);
    }
}

package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finerouter.engine.pipeline.CancelledException;
import dev.finerouter.engine.pipeline.StageContext;
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

    @Test
    void matchesBruteForceForAnyThreadCount() throws CancelledException {
        Random rnd = new Random(7);
        int n = 537;
        int d = 19;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        EmbeddingMatrix e = EmbeddingMatrix.normalizing(n, d, v);
        KnnResult one = new ExactKnn(1).search(e, 5, CTX);
        KnnResult three = new ExactKnn(3).search(e, 5, CTX);
        assertEquals(one, three);
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
            for (int r = 0; r < 5; r++) {
                assertEquals(order.get(r), one.neighbour(i, r), "row " + i + " rank " + r);
                assertEquals(e.cosine(i, order.get(r)), one.similarity(i, r));
            }
        }
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

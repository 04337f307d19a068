package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KMeansTest {
    /** Two tight pairs on the unit circle: (1,0),(0.96,0.28) and (-1,0),(-0.96,-0.28). */
    private static EmbeddingMatrix twoPairs() {
        return EmbeddingMatrix.of(4, 2, new float[] {1, 0, 0.96f, 0.28f, -1, 0, -0.96f, -0.28f});
    }

    @Test
    void splitsTwoObviousPairsWithExactMeans() throws CancelledException {
        for (long seed = 0; seed < 10; seed++) {
            KMeans.Result r = new KMeans(2, 10, seed, 1).fit(twoPairs(), StageContext.silent(0));
            int[] a = r.assignment();
            assertEquals(a[0], a[1]);
            assertEquals(a[2], a[3]);
            assertNotEquals(a[0], a[2]);
            float[] c = r.centers();
            int pos = a[0];
            assertArrayEquals(new float[] {0.98f, 0.14f}, new float[] {c[pos * 2], c[pos * 2 + 1]}, 1e-6f);
            int neg = a[2];
            assertArrayEquals(new float[] {-0.98f, -0.14f}, new float[] {c[neg * 2], c[neg * 2 + 1]}, 1e-6f);
            assertTrue(r.converged());
            // each point is at squared distance 0.02² + 0.14² = 0.02 from its mean
            assertEquals(0.08, r.inertia(), 1e-5);
        }
    }

    @Test
    void oneClusterIsTheMeanAndKIsCappedAtRows() throws CancelledException {
        KMeans.Result one = new KMeans(1, 5, 1, 1).fit(twoPairs(), StageContext.silent(0));
        assertArrayEquals(new int[4], one.assignment());
        assertArrayEquals(new float[] {0, 0}, one.centers(), 1e-6f);
        KMeans.Result capped = new KMeans(9, 5, 1, 1).fit(twoPairs(), StageContext.silent(0));
        assertEquals(4, capped.k());
        assertEquals(0.0, capped.inertia(), 1e-9);
    }

    @Test
    void deterministicForASeedAndIndependentOfThreads() throws CancelledException {
        Random rnd = new Random(5);
        int n = 3000;
        int d = 8;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        EmbeddingMatrix e = EmbeddingMatrix.normalizing(n, d, v);
        KMeans.Result a = new KMeans(12, 30, 77, 1).fit(e, StageContext.silent(0));
        KMeans.Result b = new KMeans(12, 30, 77, 2).fit(e, StageContext.silent(0));
        KMeans.Result c = new KMeans(12, 30, 77, 3).fit(e, StageContext.silent(0));
        assertEquals(a, b);
        assertEquals(a, c);
        KMeans.Result other = new KMeans(12, 30, 78, 2).fit(e, StageContext.silent(0));
        assertNotEquals(a, other);
    }

    @Test
    void iterationCapAndCancellation() {
        assertThrows(IllegalArgumentException.class, () -> new KMeans(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, 0, 0));
        AtomicBoolean cancel = new AtomicBoolean(true);
        assertThrows(CancelledException.class, () -> new KMeans(2, 5, 0, 1)
                .fit(twoPairs(), StageContext.of(0, (f, m) -> { }, l -> { }, cancel)));
    }
}

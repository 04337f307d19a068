package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IvfKnnTest {
    /** n unit vectors around {@code centres} seeded random centres, each centre plus Gaussian noise of norm ≈ spread. */
    static EmbeddingMatrix clustered(int n, int d, int centres, double spread, long seed) {
        Random rnd = new Random(seed);
        float[][] c = new float[centres][d];
        for (float[] row : c) {
            for (int t = 0; t < d; t++) {
                row[t] = (float) rnd.nextGaussian();
            }
        }
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] centre = c[rnd.nextInt(centres)];
            double norm = 0;
            for (float x : centre) {
                norm += x * x;
            }
            for (int t = 0; t < d; t++) {
                v[i * d + t] = (float) (centre[t] / Math.sqrt(norm) + spread * rnd.nextGaussian() / Math.sqrt(d));
            }
        }
        return EmbeddingMatrix.normalizing(n, d, v);
    }

    private static StageContext ctx(long seed) {
        return StageContext.silent(seed);
    }

    @Test
    void tunedProbesReachTheTargetRecall() throws CancelledException {
        EmbeddingMatrix e = clustered(3_000, 24, 40, 0.6, 1);
        IvfKnn.Outcome o = new IvfKnn(0, 0, 0.95, 500, 2).searchMeasured(e, 5, ctx(7));
        KnnResult exact = new ExactKnn(2).search(e, 5, ctx(7));
        assertFalse(o.exact(), o.summary());
        assertEquals(55, o.lists(), "round(sqrt(3000)) lists");
        assertTrue(o.validationRecall() >= 0.95, o.summary());
        assertTrue(o.probes() < o.lists(), "tuning stopped before probing everything: " + o.summary());
        double full = KnnRecall.tieAware(exact, o.knn());
        assertTrue(full >= 0.93, "tie-aware recall on all rows " + full + ", " + o.summary());
        for (int i = 0; i < e.rows(); i++) {
            for (int r = 0; r < 5; r++) {
                assertEquals(e.cosine(i, o.knn().neighbour(i, r)), o.knn().similarity(i, r), "exact similarity values");
            }
        }
    }

    @Test
    void probingEveryListIsTheExactSearch() throws CancelledException {
        EmbeddingMatrix random = clustered(700, 16, 9, 1.0, 2);
        IvfKnn.Outcome all = new IvfKnn(12, 12, 0.95, 200, 1).searchMeasured(random, 5, ctx(3));
        assertEquals(new ExactKnn(1).search(random, 5, ctx(3)), all.knn());
        assertEquals(1.0, all.validationRecall());
        EmbeddingMatrix duplicates = ExactKnnTest.withDuplicates(500, 60, 6, 4);
        IvfKnn.Outcome dup = new IvfKnn(8, 8, 0.95, 200, 2).searchMeasured(duplicates, 5, ctx(3));
        assertEquals(60, dup.distinctVectors());
        assertEquals(ExactKnnTest.bruteForce(duplicates, 5), dup.knn());
    }

    @Test
    void sameSeedSameNeighboursWhateverTheThreads() throws CancelledException {
        EmbeddingMatrix e = clustered(1_500, 20, 25, 0.8, 5);
        IvfKnn.Outcome one = new IvfKnn(0, 0, 0.95, 300, 1).searchMeasured(e, 5, ctx(11));
        IvfKnn.Outcome three = new IvfKnn(0, 0, 0.95, 300, 3).searchMeasured(e, 5, ctx(11));
        assertEquals(one, three);
        IvfKnn.Outcome fixed = new IvfKnn(0, 2, 0.95, 300, 2).searchMeasured(e, 5, ctx(11));
        assertEquals(2, fixed.probes());
        assertEquals(fixed.knn(), new IvfKnn(0, 2, 0.95, 300, 2).searchMeasured(e, 5, ctx(11)).knn());
    }

    @Test
    void tinySetsAndShortListsFallBackToExactRows() throws CancelledException {
        EmbeddingMatrix e = ExactKnnTest.angles(0, 10, 30, 90, 180);
        // 5 lists of one vector each, one probe: every list is short, so every row is searched exactly
        IvfKnn.Outcome o = new IvfKnn(5, 1, 0.95, 20, 1).searchMeasured(e, 2, ctx(1));
        assertEquals(new ExactKnn(1).search(e, 2, ctx(1)), o.knn());
        assertEquals(2, new IvfKnn().search(ExactKnnTest.angles(0, 1, 2), 5, ctx(1)).k());
        assertEquals(0, new IvfKnn().search(ExactKnnTest.angles(0), 5, ctx(1)).k());
    }

    @Test
    void unreachableTargetFallsBackToTheExactSearch() throws CancelledException {
        EmbeddingMatrix e = ExactKnnTest.gaussian(400, 32, 6);
        IvfKnn.Outcome o = new IvfKnn(100, 0, 1.0, 400, 2).searchMeasured(e, 5, ctx(2));
        assertTrue(o.exact(), o.summary());
        assertEquals(new ExactKnn(2).search(e, 5, ctx(2)), o.knn());
    }

    @Test
    void validatesSettingsAndHonoursCancellation() {
        assertThrows(IllegalArgumentException.class, () -> new IvfKnn(-1, 0, 0.95, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new IvfKnn(0, -1, 0.95, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new IvfKnn(0, 0, 0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new IvfKnn(0, 0, 0.95, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new IvfKnn(0, 0, 0.95, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new IvfKnn().search(ExactKnnTest.angles(0, 1), 0, ctx(1)));
        StageContext cancelled = StageContext.of(1, (f, m) -> { }, line -> { }, new AtomicBoolean(true));
        assertThrows(CancelledException.class, () -> new IvfKnn().search(clustered(200, 8, 4, 0.5, 1), 5, cancelled));
    }
}

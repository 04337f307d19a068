package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HnswKnnTest {
    private static EmbeddingMatrix random(int n, int d, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return EmbeddingMatrix.normalizing(n, d, v);
    }

    @Test
    void recallAtFiveOnRandomVectors() throws CancelledException {
        EmbeddingMatrix e = random(2000, 32, 1);
        KnnResult exact = new ExactKnn(2).search(e, 5, StageContext.silent(0));
        AtomicInteger reports = new AtomicInteger();
        KnnResult approx = new HnswKnn().search(e, 5, StageContext.of(0, (f, m) -> reports.incrementAndGet(), l -> { }, new AtomicBoolean()));
        double recall = KnnRecall.byIndex(exact, approx);
        assertTrue(recall >= 0.95, "recall@5 " + recall);
        assertTrue(reports.get() > 0, "progress reported");
        for (int i = 0; i < e.rows(); i++) {
            for (int r = 0; r < 5; r++) {
                int j = approx.neighbour(i, r);
                assertTrue(j != i);
                // similarities are exact and sorted descending
                assertEquals(e.cosine(i, j), approx.similarity(i, r));
                if (r > 0) {
                    assertTrue(approx.similarity(i, r - 1) >= approx.similarity(i, r));
                }
            }
        }
    }

    @Test
    void tinySetsAreExactAndKIsCapped() throws CancelledException {
        EmbeddingMatrix e = random(6, 4, 2);
        KnnResult exact = new ExactKnn(1).search(e, 10, StageContext.silent(0));
        KnnResult approx = new HnswKnn(4, 50, 10, 1).search(e, 10, StageContext.silent(0));
        assertEquals(5, approx.k());
        assertEquals(exact, approx);
    }

    @Test
    void cancellationStopsTheBuild() {
        EmbeddingMatrix e = random(3000, 8, 3);
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger seen = new AtomicInteger();
        StageContext ctx = StageContext.of(0, (f, m) -> {
            if (seen.incrementAndGet() == 1) {
                cancel.set(true);
            }
        }, l -> { }, cancel);
        assertThrows(CancelledException.class, () -> new HnswKnn(16, 100, 32, 2).search(e, 5, ctx));
        assertThrows(IllegalArgumentException.class, () -> new HnswKnn(1, 1, 1, 1));
    }
}

package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnRecallTest {
    @Test
    void tiedNeighboursCountForTieAwareRecallOnly() {
        // node 0: exact neighbours 1, 2 (both at similarity 1); approx found 3, 1 where 3 ties with 2
        KnnResult exact = new KnnResult(4, 2, new int[] {1, 2, 0, 2, 0, 1, 0, 1}, new float[] {1, 1, 1, 1, 1, 1, 1, 1});
        KnnResult approx = new KnnResult(4, 2, new int[] {3, 1, 0, 2, 0, 1, 0, 1}, new float[] {1, 1, 1, 1, 1, 1, 1, 1});
        assertEquals(7 / 8.0, KnnRecall.byIndex(exact, approx), 1e-12);
        assertEquals(1.0, KnnRecall.tieAware(exact, approx), 1e-12);
        // a genuinely worse neighbour is a miss for both
        KnnResult worse = new KnnResult(4, 2, new int[] {3, 1, 0, 2, 0, 1, 0, 1}, new float[] {0.5f, 1, 1, 1, 1, 1, 1, 1});
        assertEquals(7 / 8.0, KnnRecall.tieAware(exact, worse), 1e-12);
    }

    @Test
    void sampledRecallOfTheExactSearchIsOne() throws Exception {
        Random rnd = new Random(1);
        float[] v = new float[300 * 6];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.round(rnd.nextGaussian() * 2) / 2; // coarse values: many exact ties
        }
        EmbeddingMatrix e = EmbeddingMatrix.normalizing(300, 6, v);
        KnnResult exact = new ExactKnn(1).search(e, 5, StageContext.silent(0));
        double[] r = KnnRecall.sampled(e, exact, 50, 3, StageContext.silent(0));
        assertEquals(1.0, r[0], 1e-12);
        assertEquals(1.0, r[1], 1e-12);
    }
}

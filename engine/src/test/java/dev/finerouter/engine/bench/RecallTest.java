package dev.finerouter.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finerouter.engine.graph.KnnResult;
import org.junit.jupiter.api.Test;

class RecallTest {
    @Test
    void tiedNeighboursCountForTieAwareRecallOnly() {
        // node 0: exact neighbours 1, 2 (both at similarity 1); approx found 3, 1 where 3 ties with 2
        KnnResult exact = new KnnResult(4, 2, new int[] {1, 2, 0, 2, 0, 1, 0, 1}, new float[] {1, 1, 1, 1, 1, 1, 1, 1});
        KnnResult approx = new KnnResult(4, 2, new int[] {3, 1, 0, 2, 0, 1, 0, 1}, new float[] {1, 1, 1, 1, 1, 1, 1, 1});
        assertEquals(7 / 8.0, DiscoveryBenchmark.recall(exact, approx), 1e-12);
        assertEquals(1.0, DiscoveryBenchmark.tieAwareRecall(exact, approx), 1e-12);
        // a genuinely worse neighbour is a miss for both
        KnnResult worse = new KnnResult(4, 2, new int[] {3, 1, 0, 2, 0, 1, 0, 1}, new float[] {0.5f, 1, 1, 1, 1, 1, 1, 1});
        assertEquals(7 / 8.0, DiscoveryBenchmark.tieAwareRecall(exact, worse), 1e-12);
    }
}

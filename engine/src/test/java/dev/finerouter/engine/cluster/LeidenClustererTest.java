package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finerouter.engine.graph.WeightedGraph;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LeidenClustererTest {
    private static final StageContext CTX = StageContext.silent(3);

    /** Two triangles {0,1,2} and {3,4,5} joined by a weak edge (2,3). */
    private static WeightedGraph twoTriangles() {
        return WeightedGraph.of(6, new int[] {0, 0, 1, 2, 3, 3, 4}, new int[] {1, 2, 2, 3, 4, 5, 5},
                new double[] {1, 1, 1, 0.1, 1, 1, 1});
    }

    @Test
    void findsTheTwoTriangles() throws CancelledException {
        int[] c = new LeidenClusterer(1.0, 50).cluster(twoTriangles(), 42, CTX);
        assertEquals(c[0], c[1]);
        assertEquals(c[0], c[2]);
        assertEquals(c[3], c[4]);
        assertEquals(c[3], c[5]);
        assertNotEquals(c[0], c[3]);
        assertEquals(1, Math.max(c[0], c[3]));
    }

    @Test
    void deterministicForASeed() throws CancelledException {
        LeidenClusterer l = new LeidenClusterer(1.0, 50);
        assertArrayEquals(l.cluster(twoTriangles(), 7, CTX), l.cluster(twoTriangles(), 7, CTX));
    }

    @Test
    void isolatedNodesAreSingletons() throws CancelledException {
        int[] none = new LeidenClusterer(1.0, 50).cluster(WeightedGraph.of(3, new int[0], new int[0], new double[0]), 1, CTX);
        assertArrayEquals(new int[] {0, 1, 2}, none);
        // node 2 has no edge: its own cluster, after the pair (size order)
        int[] pair = new LeidenClusterer(1.0, 50).cluster(WeightedGraph.of(3, new int[] {0}, new int[] {1}, new double[] {1}), 1, CTX);
        assertArrayEquals(new int[] {0, 0, 1}, pair);
    }

    @Test
    void cancellationAndValidation() {
        StageContext cancelled = StageContext.of(1, (f, m) -> { }, line -> { }, new AtomicBoolean(true));
        assertThrows(CancelledException.class, () -> new LeidenClusterer(1.0, 5).cluster(twoTriangles(), 1, cancelled));
        assertThrows(IllegalArgumentException.class, () -> new LeidenClusterer(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new LeidenClusterer(1, 0));
    }
}

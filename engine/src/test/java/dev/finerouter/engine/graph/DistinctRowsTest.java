package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DistinctRowsTest {
    @Test
    void groupsIdenticalRowsInOrderOfFirstRow() {
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(new float[] {0, 1}, new float[] {1, 0}, new float[] {0, 1},
                new float[] {3, 4}, new float[] {1, 0}, new float[] {0, 1});
        DistinctRows g = DistinctRows.of(e);
        assertEquals(3, g.count());
        assertArrayEquals(new int[] {0, 1, 0, 2, 1, 0}, Arrays.stream(new int[] {0, 1, 2, 3, 4, 5}).map(g::groupOf).toArray());
        assertArrayEquals(new int[] {0, 2, 5, 1, 4, 3}, g.members());
        assertArrayEquals(new int[] {0, 3, 5, 6}, g.starts());
        assertEquals(6, g.rows());
        assertArrayEquals(new int[] {0, 1, 3}, new int[] {g.representative(0), g.representative(1), g.representative(2)});
        assertArrayEquals(new float[] {0, 1, 1, 0, 0.6f, 0.8f}, g.vectors(e), 1e-7f);
        assertSame(e.distinctRows(), e.distinctRows(), "kept by the matrix");
    }

    @Test
    void signedZerosAndSingleBitsSeparateRows() {
        float oneUlp = Math.nextUp(0.6f);
        EmbeddingMatrix e = EmbeddingMatrix.of(4, 2, new float[] {0f, 1f, -0f, 1f, 0.6f, 0.8f, oneUlp, 0.8f});
        assertEquals(4, DistinctRows.of(e).count());
    }

    @Test
    void manyRowsWithCollidingSlotsStayExact() {
        int n = 5_000;
        float[] v = new float[n * 2];
        for (int i = 0; i < n; i++) {
            double angle = (i % 1_237) * 0.001;
            v[2 * i] = (float) Math.cos(angle);
            v[2 * i + 1] = (float) Math.sin(angle);
        }
        DistinctRows g = DistinctRows.of(EmbeddingMatrix.normalizing(n, 2, v));
        assertEquals(1_237, g.count());
        for (int i = 0; i < n; i++) {
            assertEquals(i % 1_237, g.groupOf(i));
        }
    }
}

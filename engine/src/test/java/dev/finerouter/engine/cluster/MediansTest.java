package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.model.ScoreMatrix;
import org.junit.jupiter.api.Test;

class MediansTest {
    @Test
    void medianOddAndEven() {
        assertEquals(2f, Medians.median(new float[] {3, 1, 2}, 3));
        assertEquals(2.5f, Medians.median(new float[] {4, 1, 3, 2}, 4));
        assertEquals(Float.NaN, Medians.median(new float[] {1}, 0));
    }

    @Test
    void centerIsNormalisedElementWiseMedian() {
        // rows (3,4)/5=(.6,.8), (1,0), (0,1); member {0,1,2}: median x = .6, y = .8 → already unit length
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(new float[] {3, 4}, new float[] {1, 0}, new float[] {0, 1});
        assertArrayEquals(new float[] {0.6f, 0.8f}, Medians.center(e, new int[] {0, 1, 2}), 1e-6f);
        // members {1,2}: median (.5,.5) → normalised (.7071, .7071)
        float h = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {h, h}, Medians.center(e, new int[] {1, 2}), 1e-6f);
    }

    @Test
    void zeroMedianFallsBackToMean() {
        // (1,0), (-1,0), (0,1), (0,-1)... median of x over {1,-1,0,0} = 0, y likewise 0 → mean is 0 too → first member
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(new float[] {1, 0}, new float[] {-1, 0}, new float[] {0, 1},
                new float[] {0, -1});
        assertArrayEquals(new float[] {1, 0}, Medians.center(e, new int[] {0, 1, 2, 3}), 0);
    }

    @Test
    void medianScoresSkipMissing() {
        float nan = Float.NaN;
        ScoreMatrix s = ScoreMatrix.ofRows(new float[] {0.1f, nan, nan}, new float[] {0.5f, 0.2f, nan},
                new float[] {0.9f, nan, nan}, new float[] {0.3f, 0.4f, nan});
        // model 0: {.1,.5,.9,.3} → (.3+.5)/2 = .4 ; model 1: {.2,.4} → .3 ; model 2: none → NaN
        float[] q = Medians.scorePerModel(s, new int[] {0, 1, 2, 3});
        assertEquals(0.4f, q[0], 1e-7f);
        assertEquals(0.3f, q[1], 1e-7f);
        assertEquals(Float.NaN, q[2]);
    }
}

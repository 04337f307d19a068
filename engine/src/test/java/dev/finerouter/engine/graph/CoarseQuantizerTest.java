package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;

class CoarseQuantizerTest {
    @Test
    void twoSeparatedPairsGiveTheirNormalisedMeans() throws CancelledException {
        // two pairs 10° either side of the x and the y axis: whatever two rows a seed picks as initial centroids, the
        // iterations end with one centroid per pair, at the pair's normalised mean (1, 0) and (0, 1)
        double a = Math.toRadians(10);
        EmbeddingMatrix e = EmbeddingMatrix.normalizingRows(new float[] {(float) Math.cos(a), (float) Math.sin(a)},
                new float[] {(float) Math.cos(a), (float) -Math.sin(a)}, new float[] {(float) Math.sin(a), (float) Math.cos(a)},
                new float[] {(float) -Math.sin(a), (float) Math.cos(a)});
        float[] x = e.distinctRows().vectors(e);
        try (BlockProduct product = new BlockProduct(1, "test")) {
            for (long seed = 0; seed < 8; seed++) {
                float[] c = CoarseQuantizer.train(x, 4, 2, 2, 4, 10, seed, product, StageContext.silent(seed));
                float[] xFirst = c[0] > c[1] ? c : new float[] {c[2], c[3], c[0], c[1]};
                assertArrayEquals(new float[] {1, 0, 0, 1}, xFirst, 1e-6f, "seed " + seed);
            }
        }
    }

    @Test
    void sameSeedSameCentroidsWhateverTheThreads() throws CancelledException {
        EmbeddingMatrix e = IvfKnnTest.clustered(600, 12, 10, 0.7, 3);
        float[] x = e.distinctRows().vectors(e);
        float[] one;
        float[] two;
        try (BlockProduct p1 = new BlockProduct(1, "test"); BlockProduct p2 = new BlockProduct(2, "test")) {
            one = CoarseQuantizer.train(x, 600, 12, 24, 500, 10, 9, p1, StageContext.silent(9));
            two = CoarseQuantizer.train(x, 600, 12, 24, 500, 10, 9, p2, StageContext.silent(9));
        }
        assertArrayEquals(one, two, 0f);
        assertThrows(IllegalArgumentException.class, () -> CoarseQuantizer.train(x, 600, 12, 0, 500, 10, 9, null, null));
        assertThrows(IllegalArgumentException.class, () -> CoarseQuantizer.train(x, 600, 12, 24, 601, 10, 9, null, null));
    }
}

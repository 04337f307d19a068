package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exact kNN on 20,000 × 384 random unit vectors: prints the time (no timing assertion) and checks sampled rows
 * against brute force. Slow: excluded from the default build; run with {@code -DexcludedTestGroups= -Dgroups=slow}.
 */
@Tag("slow")
class ExactKnnScaleTest {
    @Test
    void twentyThousandBy384() throws CancelledException {
        int n = 20_000;
        int d = 384;
        Random rnd = new Random(1);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        EmbeddingMatrix e = EmbeddingMatrix.normalizing(n, d, v);
        long start = System.nanoTime();
        KnnResult r = new ExactKnn().search(e, 5, StageContext.silent(1));
        System.out.printf("ExactKnn %d x %d, k=5, %d threads: %.1f s%n", n, d, Runtime.getRuntime().availableProcessors(),
                (System.nanoTime() - start) / 1e9);
        for (int q = 0; q < 50; q++) {
            int i = rnd.nextInt(n);
            int best = -1;
            float bestSim = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                float s = e.cosine(i, j);
                if (j != i && s > bestSim) {
                    bestSim = s;
                    best = j;
                }
            }
            assertEquals(best, r.neighbour(i, 0));
            assertEquals(bestSim, r.similarity(i, 0));
        }
    }
}

package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.graph.ExactKnn;
import dev.finerouter.engine.graph.PreferenceRanking;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A δ change re-selects candidates only, and equals a full rerun with that δ. */
class WithDeltaTest {
    private static final int N = 120;
    private static final int DIM = 12;
    private static final int MODELS = 7;

    private static EmbeddingMatrix embeddings() {
        Random rnd = new Random(3);
        float[][] centers = new float[4][DIM];
        for (float[] c : centers) {
            for (int t = 0; t < DIM; t++) {
                c[t] = (float) rnd.nextGaussian();
            }
        }
        float[] v = new float[N * DIM];
        for (int p = 0; p < N; p++) {
            for (int t = 0; t < DIM; t++) {
                v[p * DIM + t] = (float) (centers[p % 4][t] + 0.3 * rnd.nextGaussian());
            }
        }
        return EmbeddingMatrix.normalizing(N, DIM, v);
    }

    /** Noisy 0/1-ish scores so that coverage needs several models at high δ. */
    private static ScoreMatrix scores() {
        Random rnd = new Random(4);
        float[] s = new float[N * MODELS];
        for (int p = 0; p < N; p++) {
            for (int m = 0; m < MODELS; m++) {
                double base = ((m + p % 4) % MODELS) / (double) MODELS;
                s[p * MODELS + m] = (float) (0.6 * base + 0.4 * rnd.nextDouble());
            }
        }
        return ScoreMatrix.of(N, MODELS, s);
    }

    @Test
    void equalsAFullRerunForEveryDelta() throws EngineException {
        EmbeddingMatrix e = embeddings();
        ScoreMatrix s = scores();
        TaskDiscoveryRunner runner = new TaskDiscoveryRunner(new ExactKnn(1));
        Stage1Config base = Stage1Config.defaults().withMinTaskSize(2);
        TaskDiscovery first = runner.run(e, s, base, StageContext.silent(9));
        boolean someChange = false;
        for (double delta : new double[] {0.3, 0.5, 0.8, 0.95, 1.0}) {
            TaskDiscovery full = runner.run(e, s, base.withDelta(delta), StageContext.silent(9));
            TaskDiscovery cheap = TaskDiscoveryRunner.withDelta(first, s, delta);
            assertEquals(full, cheap, "delta " + delta);
            assertEquals(delta, cheap.config().delta());
            assertEquals(full, TaskDiscoveryRunner.withDelta(first, PreferenceRanking.ofRows(s), delta));
            someChange |= !cheap.equals(first);
        }
        assertEquals(true, someChange, "the fixture should make δ matter");
        assertNotEquals(0, first.tasks().size());
    }

    @Test
    void rejectsMismatchedRankingsAndBadDelta() throws EngineException {
        EmbeddingMatrix e = embeddings();
        ScoreMatrix s = scores();
        TaskDiscovery d = new TaskDiscoveryRunner(new ExactKnn(1)).run(e, s, Stage1Config.defaults(), StageContext.silent(1));
        assertThrows(IllegalArgumentException.class, () -> TaskDiscoveryRunner.withDelta(d, s, 0));
        assertThrows(IllegalArgumentException.class,
                () -> TaskDiscoveryRunner.withDelta(d, new PreferenceRanking[3], 0.5));
    }
}

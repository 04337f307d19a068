package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.graph.ExactKnn;
import dev.finerouter.engine.graph.ScoredEdges;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Three well-separated groups of 30 prompts (random unit vectors around three centers in 16 dimensions); in each
 * group the scores follow a different model order (rotations of 9 models by 0, 3 and 6 positions: pairwise RBO_ext with p = 0.8
 * is 0.333 &lt; τ, so the groups are never merged), with noise that can swap neighbouring models.
 */
class TaskDiscoveryEndToEndTest {
    private static final int GROUPS = 3;
    private static final int PER_GROUP = 30;
    private static final int DIM = 16;
    private static final int MODELS = 9;

    private static EmbeddingMatrix embeddings(long seed) {
        Random rnd = new Random(seed);
        float[][] centers = new float[GROUPS][DIM];
        for (float[] c : centers) {
            for (int t = 0; t < DIM; t++) {
                c[t] = (float) rnd.nextGaussian();
            }
        }
        float[] v = new float[GROUPS * PER_GROUP * DIM];
        for (int p = 0; p < GROUPS * PER_GROUP; p++) {
            float[] c = centers[p / PER_GROUP];
            double norm = 0;
            for (int t = 0; t < DIM; t++) {
                norm += c[t] * c[t];
            }
            for (int t = 0; t < DIM; t++) {
                v[p * DIM + t] = (float) (c[t] / Math.sqrt(norm) + 0.12 * rnd.nextGaussian());
            }
        }
        return EmbeddingMatrix.normalizing(GROUPS * PER_GROUP, DIM, v);
    }

    private static ScoreMatrix scores(long seed) {
        Random rnd = new Random(seed);
        int[] shift = {0, 3, 6};
        float[] s = new float[GROUPS * PER_GROUP * MODELS];
        for (int p = 0; p < GROUPS * PER_GROUP; p++) {
            for (int pos = 0; pos < MODELS; pos++) {
                int model = (pos + shift[p / PER_GROUP]) % MODELS;
                double q = 0.95 - 0.1 * pos - 0.12 * rnd.nextDouble();
                s[p * MODELS + model] = (float) Math.max(0, q);
            }
        }
        // one missing score per group, never the best model's
        s[5 * MODELS + 7] = Float.NaN;
        return ScoreMatrix.of(GROUPS * PER_GROUP, MODELS, s);
    }

    @Test
    void findsTheThreeGroups() throws EngineException {
        EmbeddingMatrix e = embeddings(11);
        ScoreMatrix s = scores(12);
        TaskDiscovery d = new TaskDiscoveryRunner(new ExactKnn(2)).run(e, s, Stage1Config.defaults(), StageContext.silent(5));
        assertEquals(3, d.tasks().size(), d.assignment().toString());
        assertEquals(0, d.othersMembers().length);
        boolean[] bestSeen = new boolean[MODELS];
        for (DiscoveredTask t : d.tasks()) {
            int[] m = t.memberIndices();
            assertEquals(PER_GROUP, m.length);
            int group = m[0] / PER_GROUP;
            for (int p : m) {
                assertEquals(group, p / PER_GROUP);
            }
            int best = (new int[] {0, 3, 6})[group];
            assertEquals(best, t.fusedRanking().top());
            assertEquals(best, t.candidates()[0]);
            assertTrue(t.coverageSteps()[t.coverageSteps().length - 1] >= 0.8);
            assertEquals(DIM, t.centerEmbedding().length);
            assertTrue(t.medianScorePerModel()[best] > 0.8f);
            bestSeen[best] = true;
        }
        assertTrue(bestSeen[0] && bestSeen[3] && bestSeen[6]);
    }

    @Test
    void sameSeedSameResult() throws EngineException {
        EmbeddingMatrix e = embeddings(21);
        ScoreMatrix s = scores(22);
        TaskDiscoveryRunner runner = new TaskDiscoveryRunner(new ExactKnn(2));
        TaskDiscovery a = runner.run(e, s, Stage1Config.defaults(), StageContext.silent(9));
        TaskDiscovery b = runner.run(e, s, Stage1Config.defaults(), StageContext.silent(9));
        assertEquals(a, b);
        assertArrayEquals(a.assignment().taskOfPrompt(), b.assignment().taskOfPrompt());
    }

    @Test
    void cachedEdgesWithAnotherTauMatchARecomputation() throws EngineException {
        EmbeddingMatrix e = embeddings(31);
        ScoreMatrix s = scores(32);
        TaskDiscoveryRunner runner = new TaskDiscoveryRunner(new ExactKnn(2));
        Stage1Config base = Stage1Config.defaults();
        ScoredEdges cached = runner.scorePromptGraph(e, s, base, StageContext.silent(4));
        for (double tau : new double[] {0.0, 0.3, 0.4, 0.6, 0.9}) {
            Stage1Config c = base.withTau(tau);
            TaskDiscovery fromCache = runner.run(cached, e, s, c, StageContext.silent(4));
            TaskDiscovery fresh = runner.run(e, s, c, StageContext.silent(4));
            assertEquals(fresh, fromCache, "tau " + tau);
        }
    }

    @Test
    void singleLevelAndLargeMinimumSize() throws EngineException {
        EmbeddingMatrix e = embeddings(11);
        ScoreMatrix s = scores(12);
        TaskDiscoveryRunner runner = new TaskDiscoveryRunner(new ExactKnn(1));
        TaskDiscovery everythingOthers = runner.run(e, s, Stage1Config.defaults().withMinTaskSize(1000), StageContext.silent(5));
        assertEquals(0, everythingOthers.tasks().size());
        assertEquals(GROUPS * PER_GROUP, everythingOthers.othersMembers().length);
        assertEquals(MODELS, everythingOthers.othersMedianScorePerModel().length);
        TaskDiscovery oneLevel = runner.run(e, s, Stage1Config.defaults().withLevels(1), StageContext.silent(5));
        assertEquals(1, oneLevel.assignment().communitiesPerLevel().length);
        for (DiscoveredTask t : oneLevel.tasks()) {
            int group = t.memberIndices()[0] / PER_GROUP;
            for (int p : t.memberIndices()) {
                assertEquals(group, p / PER_GROUP, "a level-1 community never spans two groups");
            }
        }
    }

    @Test
    void progressNeverGoesBackAndCancellationStops() throws EngineException {
        java.util.List<Double> fractions = new java.util.ArrayList<>();
        java.util.List<String> log = new java.util.ArrayList<>();
        StageContext ctx = StageContext.of(5, (f, m) -> fractions.add(f), log::add, new java.util.concurrent.atomic.AtomicBoolean());
        new TaskDiscoveryRunner(new ExactKnn(1)).run(embeddings(11), scores(12), Stage1Config.defaults(), ctx);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress went back at " + i + ": " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("stage 1 level 1:")), log.toString());
        StageContext cancelled = StageContext.of(5, (f, m) -> { }, line -> { }, new java.util.concurrent.atomic.AtomicBoolean(true));
        assertThrows(dev.finerouter.engine.stage.CancelledException.class,
                () -> new TaskDiscoveryRunner(new ExactKnn(1)).run(embeddings(11), scores(12), Stage1Config.defaults(), cancelled));
    }

    @Test
    void userFixableProblemsAreEngineExceptions() {
        EmbeddingMatrix e = embeddings(11);
        ScoreMatrix s = ScoreMatrix.of(2, MODELS, new float[2 * MODELS]);
        assertThrows(EngineException.class, () -> new TaskDiscoveryRunner().run(e, s, Stage1Config.defaults(), StageContext.silent(1)));
        EmbeddingMatrix one = EmbeddingMatrix.normalizing(1, 2, new float[] {1, 0});
        ScoreMatrix oneScore = ScoreMatrix.of(1, MODELS, new float[MODELS]);
        assertThrows(EngineException.class, () -> new TaskDiscoveryRunner().run(one, oneScore, Stage1Config.defaults(), StageContext.silent(1)));
    }
}

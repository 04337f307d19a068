package dev.finerouter.engine.train;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityEstimatorTest {
    private static final int DIM = 16;
    private static final int GROUPS = 4;
    private static final int MODELS = 4;
    private static final int[][] CANDIDATES = {{0, 1}, {1}, {2, 3}, {3, 0}};
    private static SyntheticData data;
    private static PromptScores train;
    private static PromptScores dev;
    private static PromptScores test;
    private static QualityEstimator trained;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = new SyntheticData(DIM, GROUPS, MODELS, 3);
        train = scores(data.sample(800, 0.15, 0.5, 1));
        dev = scores(data.sample(200, 0.15, 0.5, 2));
        test = scores(data.sample(300, 0.15, 0.5, 3));
        trained = QualityEstimator.train(config(9), CANDIDATES, train, dev, TrainingDevice.cpu(),
                StageContext.of(9, (f, m) -> { }, System.out::println, new AtomicBoolean()));
    }

    private static PromptScores scores(SyntheticData.Sample s) {
        return new PromptScores(s.embeddings(), s.n(), DIM, s.scores(), MODELS, s.groups());
    }

    private static EstimatorConfig config(long seed) {
        return EstimatorConfig.defaults(seed).withSizes(16, 8, 32, 8).withEpochs(12, 4).withLearningRates(1e-2f, 5e-3f).withBatchSize(64);
    }

    /** MSE of predicting each model's mean known training score. */
    private static double meanBaseline(PromptScores fit, PromptScores eval) {
        double[] mean = new double[MODELS];
        int[] count = new int[MODELS];
        for (int i = 0; i < fit.scores().length; i++) {
            if (!Float.isNaN(fit.scores()[i])) {
                mean[i % MODELS] += fit.scores()[i];
                count[i % MODELS]++;
            }
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < eval.scores().length; i++) {
            float y = eval.scores()[i];
            if (!Float.isNaN(y)) {
                double d = mean[i % MODELS] / count[i % MODELS] - y;
                sum += d * d;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void mseDropsWellBelowPredictingTheMean() throws Exception {
        double baseline = meanBaseline(train, test);
        double mse = trained.meanSquaredError(test);
        System.out.printf("test MSE %.5f, mean baseline %.5f%n", mse, baseline);
        assertTrue(mse < 0.25 * baseline, "MSE " + mse + " vs baseline " + baseline);
    }

    @Test
    void taskAdaptersOnlyChangeCandidateColumns() throws Exception {
        float[] general = trained.predict(test.embeddings(), test.n(), new int[test.n()]);
        int[] others = new int[test.n()];
        java.util.Arrays.fill(others, -1);
        float[] onlyGeneral = trained.predict(test.embeddings(), test.n(), others);
        // every prompt labelled task 1, whose only candidate is model 1
        for (int i = 0; i < test.n(); i++) {
            for (int k = 0; k < MODELS; k++) {
                if (k != 0 && k != 1) {
                    assertEquals(onlyGeneral[i * MODELS + k], general[i * MODELS + k], "prompt " + i + " model " + k);
                }
            }
        }
        assertFalse(java.util.Arrays.equals(general, onlyGeneral), "task adapters of task 0 changed nothing");
        for (float v : general) {
            assertTrue(v >= 0f && v <= 1f);
        }
    }

    @Test
    void missingScoresAreMaskedNotZero() throws Exception {
        // model 3 always scores 0.8 where known, and 70% of its scores are missing: read as 0 they would pull it to ~0.24
        SyntheticData.Sample s = data.sample(600, 0.15, 0.5, 4);
        float[] sc = s.scores().clone();
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < s.n(); i++) {
            sc[i * MODELS + 3] = r.nextDouble() < 0.7 ? Float.NaN : 0.8f;
        }
        PromptScores holey = new PromptScores(s.embeddings(), s.n(), DIM, sc, MODELS, s.groups());
        QualityEstimator e = QualityEstimator.train(config(4).withEpochs(6, 3), CANDIDATES, holey, dev, TrainingDevice.cpu(), StageContext.silent(4));
        float[] p = e.predict(test.embeddings(), test.n(), test.tasks());
        double mean = 0;
        for (int i = 0; i < test.n(); i++) {
            mean += p[i * MODELS + 3];
        }
        mean /= test.n();
        assertEquals(0.8, mean, 0.08, "mean prediction for the mostly-missing model");
    }

    @Test
    void sameSeedSamePredictions() throws Exception {
        EstimatorConfig c = config(21).withEpochs(3, 2);
        float[] a = QualityEstimator.train(c, CANDIDATES, train, dev, TrainingDevice.cpu(), StageContext.silent(21)).predict(test.embeddings(), test.n(), test.tasks());
        float[] b = QualityEstimator.train(c, CANDIDATES, train, dev, TrainingDevice.cpu(), StageContext.silent(21)).predict(test.embeddings(), test.n(), test.tasks());
        assertArrayEquals(a, b);
    }

    @Test
    void saveLoadRoundTrip(@TempDir Path dir) throws Exception {
        trained.save(dir);
        QualityEstimator loaded = QualityEstimator.load(dir);
        assertArrayEquals(trained.predict(test.embeddings(), test.n(), test.tasks()), loaded.predict(test.embeddings(), test.n(), test.tasks()));
        assertEquals(trained.parameters(), loaded.parameters());
        assertEquals(trained.config(), loaded.config());
        assertArrayEquals(trained.candidates(2), loaded.candidates(2));
    }

    @Test
    void cancellationStopsTraining() {
        AtomicBoolean cancelled = new AtomicBoolean(true);
        assertThrows(CancelledException.class, () -> QualityEstimator.train(config(1), CANDIDATES, train, dev, TrainingDevice.cpu(),
                StageContext.of(1, (f, m) -> { }, l -> { }, cancelled)));
    }
}

package dev.finerouter.engine.train;

import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskClassifierTest {
    private static final int DIM = 16;
    private static final int TASKS = 5;
    private static SyntheticData data;
    private static PromptTasks train;
    private static PromptTasks dev;
    private static PromptTasks test;

    @BeforeAll
    static void data() {
        data = new SyntheticData(DIM, TASKS, 4, 7);
        train = labelled(data.sample(1200, 0.2, 0.6, 1));
        dev = labelled(data.sample(300, 0.2, 0.6, 2));
        test = labelled(data.sample(300, 0.2, 0.6, 3));
    }

    private static PromptTasks labelled(SyntheticData.Sample s) {
        return new PromptTasks(s.embeddings(), s.n(), DIM, s.groups());
    }

    private static float[] summaries() {
        return data.centres.clone();
    }

    private static ClassifierConfig config(long seed) {
        return ClassifierConfig.defaults(seed).withProjectionDim(DIM).withBatchSize(64).withLearningRate(5e-3f).withEpochs(15);
    }

    @Test
    void separatesWellSeparatedTasksAndFindsOthers() throws Exception {
        List<String> log = new ArrayList<>();
        TaskClassifier c = TaskClassifier.train(config(11), summaries(), TASKS, train, dev, TrainingDevice.cpu(),
                StageContext.of(11, (f, m) -> { }, log::add, new java.util.concurrent.atomic.AtomicBoolean()));
        ClassifierMetrics m = c.evaluate(test);
        log.forEach(System.out::println);
        System.out.println("test " + m);
        assertTrue(m.macroF1() > 0.8, "macro-F1 " + m.macroF1());
        assertTrue(m.assignedShare() > 0.6 && m.assignedShare() < 0.95, "assigned " + m.assignedShare());
    }

    @Test
    void sameSeedSamePredictionsAndSaveLoadRoundTrip(@TempDir Path dir) throws Exception {
        ClassifierConfig cfg = config(5).withEpochs(3);
        TaskClassifier a = TaskClassifier.train(cfg, summaries(), TASKS, train, dev, TrainingDevice.cpu(), StageContext.silent(5));
        TaskClassifier b = TaskClassifier.train(cfg, summaries(), TASKS, train, dev, TrainingDevice.cpu(), StageContext.silent(5));
        TaskPrediction pa = a.predict(test.embeddings(), test.n());
        assertArrayEquals(pa.probabilities(), b.predict(test.embeddings(), test.n()).probabilities());
        a.save(dir);
        TaskClassifier loaded = TaskClassifier.load(dir);
        TaskPrediction pl = loaded.predict(test.embeddings(), test.n());
        assertArrayEquals(pa.probabilities(), pl.probabilities());
        assertArrayEquals(pa.tasks(), pl.tasks());
        assertEquals(a.threshold(), loaded.threshold());
        assertEquals(a.config(), loaded.config());
    }

    @Test
    void metricsTreatOthersAsAClass() {
        int[] truth = {0, 0, 1, -1};
        int[] pred = {0, 1, 1, -1};
        ClassifierMetrics m = TaskMetrics.compute(truth, pred, 0.5f);
        // class 0: tp1 fn1 -> 2/3; class 1: tp1 fp1 -> 2/3; Others: tp1 -> 1
        assertEquals((2.0 / 3 + 2.0 / 3 + 1) / 3, m.macroF1(), 1e-9);
        assertEquals(0.75, m.accuracy(), 1e-9);
        assertEquals(0.75, m.assignedShare(), 1e-9);
    }

    @Test
    void thresholdMaximisesMacroF1OnDev() {
        // two tasks; prompt 2 is Others with a confident wrong probability 0.6, the true tasks have 0.9 / 0.8
        float[] probabilities = {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.3f};
        int[] truth = {0, 1, -1};
        float th = TaskMetrics.chooseThreshold(probabilities, truth, 2);
        assertEquals(0.61f, th, 1e-6f);
        assertArrayEquals(new int[] {0, 1, -1}, TaskMetrics.assign(probabilities, 3, 2, th));
        assertArrayEquals(new int[] {0, 1, 0}, TaskMetrics.assign(probabilities, 3, 2, 0.5f));
    }
}

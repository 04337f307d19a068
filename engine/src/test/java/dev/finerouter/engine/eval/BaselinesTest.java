package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.cluster.TaskAssignment;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.graph.PreferenceRanking;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselinesTest {
    private final EvaluationData toy = EvalFixtures.toy();
    private final EvaluationSplit test = toy.split(Split.TEST);

    @Test
    void simpleBaselinesChooseAsComputedByHand() {
        assertArrayEquals(new int[]{1, 1, 1, 1}, new SingleModelRouter("B", 1).route(test, 0));
        assertArrayEquals(new int[]{0, 1, 2, 0}, new OracleRouter().route(test, 0), "ties go to the cheapest");
        assertArrayEquals(new int[]{0, 0, 0, 0}, CheapestModelRouter.fit(toy).route(test, 0));
        assertArrayEquals(new int[]{1, 1, 2, 2}, CoarseTaskRouter.fit(toy).route(test, 0), "x → B, y → C by fused rank");
    }

    @Test
    void randomIsSeeded() {
        int[] a = new RandomRouter(7).route(test, 0);
        assertArrayEquals(a, new RandomRouter(7).route(test, 0));
        for (int c : a) {
            assertTrue(c >= 0 && c < 3);
        }
        EvaluationSplit big = EvalFixtures.twoGroups(1).split(Split.TEST);
        assertTrue(!java.util.Arrays.equals(new RandomRouter(7).route(big, 0), new RandomRouter(8).route(big, 0)));
    }

    @Test
    void knnAveragesNeighboursAndHonoursTheKnob() {
        KnnRouter knn = KnnRouter.withK(toy, 2);
        assertArrayEquals(new int[]{1, 1, 2, 2}, knn.route(test, 0));
        assertArrayEquals(new int[]{1, 1, 1, 1}, knn.route(test, 0.5), "cheapest within (1 − λ) of the best estimate");
        assertArrayEquals(new int[]{0, 0, 0, 0}, knn.route(test, 1));
    }

    @Test
    void oracleIsAtLeastEverySingleModel() {
        EvaluationData data = EvalFixtures.twoGroups(3);
        EvaluationSplit s = data.split(Split.TEST);
        double oracle = EvaluationMetrics.qual(s, new OracleRouter().route(s, 0));
        for (SingleModelRouter single : SingleModelRouter.all(data)) {
            assertTrue(oracle >= EvaluationMetrics.qual(s, single.route(s, 0)));
        }
    }

    @Test
    void knnSeparatesTwoClearGroups() {
        EvaluationData data = EvalFixtures.twoGroups(5);
        EvaluationSplit s = data.split(Split.TEST);
        int[] chosen = KnnRouter.fit(data).route(s, 0);
        for (int i = 0; i < chosen.length; i++) {
            assertEquals(s.row(i) % 2 == 0 ? 0 : 2, chosen[i], "prompt " + s.row(i));
        }
    }

    @Test
    void mfAndMlpBeatRandomOnStructuredData() {
        EvaluationData data = EvalFixtures.twoGroups(11);
        EvaluationSplit s = data.split(Split.TEST);
        double random = EvaluationMetrics.qual(s, new RandomRouter(1).route(s, 0));
        double mf = EvaluationMetrics.qual(s, MatrixFactorizationRouter.fit(data, MatrixFactorizationRouter.Config.DEFAULT).route(s, 0));
        double mlp = EvaluationMetrics.qual(s, MlpRouter.fit(data, MlpRouter.Config.DEFAULT).route(s, 0));
        assertTrue(random < 0.55, "random " + random);
        assertTrue(mf > random + 0.25, "mf " + mf + " vs random " + random);
        assertTrue(mlp > random + 0.25, "mlp " + mlp + " vs random " + random);
        MlpRouter again = MlpRouter.fit(data, MlpRouter.Config.DEFAULT);
        assertArrayEquals(MlpRouter.fit(data, MlpRouter.Config.DEFAULT).route(s, 0), again.route(s, 0), "seeded");
    }

    @Test
    void predictedQualityAdapterUsesCandidatesAndTasks() {
        float[] predicted = {
                0.2f, 0.9f, 0.8f,
                0.2f, 0.9f, 0.8f,
                0.1f, 0.2f, 0.9f,
                0.1f, 0.2f, 0.9f};
        int[] rows = {0, 1, 2, 3};
        int[] tasks = {0, 0, -1, -1};
        float[] others = {0.5f, 0.5f, 0.5f};
        PredictedQualityRouter full = new PredictedQualityRouter("full", rows, predicted, tasks, new int[][]{{1, 2}},
                new float[][]{{0, 1, 0.5f}}, others, 1.0);
        assertArrayEquals(new int[]{1, 1, 2, 2}, full.route(test, 0));
        assertArrayEquals(new int[]{0, 0, -1, -1}, full.tasks(test));
        RouterMetrics m = EvaluationMetrics.of(test, full.route(test, 0), full.tasks(test));
        assertEquals(1.0, m.assignedQual(), 1e-12);
        assertEquals(0.5, m.othersQual(), 1e-12);
        assertEquals(2, m.assignedPrompts());
        PredictedQualityRouter s2 = PredictedQualityRouter.stage2Only("s2", rows, predicted, 3);
        assertArrayEquals(new int[]{1, 1, 2, 2}, s2.route(test, 0));
        assertArrayEquals(new int[]{0, 0, 0, 0}, s2.route(test, 1));
        assertEquals(null, s2.tasks(test));
    }

    @Test
    void toleranceChoiceTies() {
        assertEquals(0, ToleranceChoice.argmax(new double[]{0.5, 0.5, Double.NaN}, toy, 0), "ties: cheapest");
        assertEquals(0, ToleranceChoice.argmax(new double[]{Double.NaN, Double.NaN, Double.NaN}, toy, 0), "none: cheapest");
    }

    /** Two hand-made tasks: task 0 centred on x = (1, 0) with top candidate B, task 1 on (0, 1) with top C; Q̄_∅ best: A. */
    static TaskDiscovery handDiscovery() {
        TaskAssignment assignment = new TaskAssignment(new int[]{0, 0, 1, 1, -1}, new int[]{2});
        DiscoveredTask x = new DiscoveredTask(0, new int[]{0, 1}, PreferenceRanking.ofValues(new double[]{0, 2, 1}),
                new double[]{0, 2, 1}, new int[]{1, 2}, new double[]{0.5, 1}, new float[]{1, 0}, new float[]{0, 1, 0.5f});
        DiscoveredTask y = new DiscoveredTask(1, new int[]{2, 3}, PreferenceRanking.ofValues(new double[]{0, 1, 2}),
                new double[]{0, 1, 2}, new int[]{2}, new double[]{1}, new float[]{0, 1}, new float[]{0, 0.5f, 1});
        return new TaskDiscovery(Stage1Config.defaults(), assignment, List.of(x, y), new float[]{0.9f, 0.1f, 0.1f});
    }

    @Test
    void nearestCenterVariantRoutesToTheTopCandidateOfTheNearestTask() {
        NearestCenterRouter r = new NearestCenterRouter(handDiscovery());
        assertArrayEquals(new int[]{0, 0, 1, 1}, r.tasks(test));
        assertArrayEquals(new int[]{1, 1, 2, 2}, r.route(test, 0));
    }

    @Test
    void classifierVariantRoutesPredictedTasksAndOthers() {
        int[] predicted = {1, -1, 0, 1};
        ClassifiedTaskRouter r = new ClassifiedTaskRouter(handDiscovery(), row -> predicted[row]);
        assertArrayEquals(new int[]{1, -1, 0, 1}, r.tasks(test));
        assertArrayEquals(new int[]{2, 0, 1, 2}, r.route(test, 0), "Others → best Q̄_∅ (A)");
        RouterMetrics m = EvaluationMetrics.of(test, r.route(test, 0), r.tasks(test));
        assertEquals(3, m.assignedPrompts());
        assertEquals(1, m.othersPrompts());
        assertEquals(0.0, m.othersQual(), 1e-12);
        assertEquals(1.0 / 3, m.assignedQual(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ClassifiedTaskRouter(handDiscovery(), row -> 5).tasks(test));
    }
}

package dev.finerouter.engine.eval;

import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.train.TaskPrediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Re-scoring from cached predictions, by hand: the golden bundle's router (4 models costing 0.002, 0.004, 0.0005,
 * 0.001; 3 tasks) with its candidate sets replaced, three test prompts with hand-made predictions. With α = 1 only
 * Q̃ decides, so the checked-in medians do not matter.
 */
class PolicyRescorerTest {
    private static final double EPS = 1e-12;
    private static TrainedRouter golden;

    @BeforeAll
    static void load() throws Exception {
        golden = BundleReader.read(Path.of("src/test/resources/golden-bundle/bundle")).router();
    }

    /** Test prompts: task 0, task 1, Others; true scores make model 0, 2, 3 right respectively. */
    private static EvaluationSplit testSplit() {
        float[][] scores = {{1, 0, 0, 0}, {0, 0.5f, 1, 0}, {0, 0, 0, 0.25f}, {1, 1, 1, 1}, {1, 1, 1, 1}};
        String[] labels = {"x", "x", "y", "x", "y"};
        Split[] splits = {Split.TEST, Split.TEST, Split.TEST, Split.TRAIN, Split.DEV};
        float[][] emb = {{1, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 1}};
        List<ModelSpec> models = golden.pool().models();
        return EvalFixtures.build(scores, labels, splits, emb, models).split(Split.TEST);
    }

    private static TrainedRouter.Predictions predictions() {
        float[] probabilities = {0.9f, 0.1f, 0.1f, 0.1f, 0.9f, 0.1f, 0.2f, 0.3f, 0.1f};
        float[] quality = {
                0.9f, 0.8f, 0.1f, 0.5f,
                0.2f, 0.7f, 0.6f, 0.3f,
                0.1f, 0.2f, 0.3f, 0.9f};
        return new TrainedRouter.Predictions(new TaskPrediction(new int[]{0, 1, -1}, probabilities, 3), quality, 4);
    }

    private static PolicyRescorer rescorer() {
        TrainedRouter router = golden.withTaskCandidates(new int[][]{{0, 1}, {1, 2}, {3}});
        return PolicyRescorer.of(router, testSplit(), predictions());
    }

    @Test
    void qualityOnlyPicksTheBestPredictedCandidate() {
        PolicyRescorer.Rescored r = rescorer().score(new RoutingPolicy(1, 0, null));
        assertArrayEquals(new int[]{0, 1, 3}, r.choices());
        assertEquals((1 + 0.5 + 0.25) / 3, r.metrics().qual(), 1e-6);
        assertEquals(0.002 + 0.004 + 0.001, r.metrics().totalCost(), EPS);
        assertEquals((2 + 2 + 4) / 3.0, r.avgCandidates(), EPS);
        assertEquals(1 / 3.0, r.othersShare(), EPS);
    }

    @Test
    void fullToleranceTakesTheCheapestCompared() {
        PolicyRescorer.Rescored r = rescorer().score(new RoutingPolicy(1, 1, null));
        assertArrayEquals(new int[]{0, 2, 2}, r.choices());
        assertEquals((1 + 1 + 0) / 3.0, r.metrics().qual(), 1e-6);
        assertEquals(0.002 + 0.0005 + 0.0005, r.metrics().totalCost(), EPS);
    }

    @Test
    void newCandidatesChangeTheDecisionsWithoutNewPredictions() {
        PolicyRescorer narrower = rescorer().withRouter(golden.withTaskCandidates(new int[][]{{0, 1}, {1}, {3}}));
        PolicyRescorer.Rescored r = narrower.score(new RoutingPolicy(1, 1, null));
        assertArrayEquals(new int[]{0, 1, 2}, r.choices());
        assertEquals((2 + 1 + 4) / 3.0, r.avgCandidates(), EPS);
        assertEquals(5 / 3.0, golden.withTaskCandidates(new int[][]{{0, 1}, {1, 2}, {3}}).meanCandidates(), EPS);
    }

    @Test
    void curveSweepsTheToleranceFromZeroToOne() {
        CostQualityCurve c = rescorer().curve(new RoutingPolicy(1, 0, null));
        CurveTracerTest.assertGridIncluded(c.points());
        assertEquals(0.0, c.points().get(0).tolerance(), EPS);
        assertEquals(0.007 / 3, c.points().get(0).costPerPrompt(), EPS);
        CurvePoint last = c.points().get(c.points().size() - 1);
        assertEquals(1.0, last.tolerance(), EPS);
        assertEquals(0.003 / 3, last.costPerPrompt(), EPS);
    }

    @Test
    void mismatchesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> golden.withTaskCandidates(new int[][]{{0}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> golden.withTaskCandidates(new int[][]{{0}, {1}, {4}}));
        TrainedRouter.Predictions two = new TrainedRouter.Predictions(new TaskPrediction(new int[]{0, 1}, new float[6], 3),
                new float[8], 4);
        assertThrows(IllegalArgumentException.class, () -> PolicyRescorer.of(golden, testSplit(), two));
    }
}

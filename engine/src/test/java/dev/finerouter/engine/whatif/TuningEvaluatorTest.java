package dev.finerouter.engine.whatif;

import dev.finerouter.engine.calibrate.SplitOutcome;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.cluster.TaskDiscoveryRunner;
import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.eval.CurveTracerTest;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.ToyRouter;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What-if re-tuning over a router trained on three clear groups: the cache decides as the router does, knob by knob. */
class TuningEvaluatorTest {
    static TrainingResult result;
    static TuningEvaluator evaluator;
    static TuningSettings trained;

    @BeforeAll
    static void trainAndPredict() throws Exception {
        result = ToyRouter.trained();
        evaluator = TuningEvaluator.predict(result);
        trained = evaluator.trained();
    }

    @Test
    void startsAtTheTrainedSettingWithDevAndTestPredicted() {
        assertEquals(TuningSettings.of(result.recommendedPolicy(), result.discovery().discovery().config()), trained);
        assertEquals(12, evaluator.size(Split.TEST));
        assertEquals(12, evaluator.size(Split.DEV));
        assertFalse(evaluator.hasSplit(Split.TRAIN));
        assertEquals(0, evaluator.size(Split.TRAIN));
        assertThrows(IllegalArgumentException.class, () -> evaluator.score(trained, Split.TRAIN));
        assertEquals(List.of("translator", "coder", "quizzer"), evaluator.modelNames());
    }

    @Test
    void theCacheDecidesAsTheRouterRoutes() throws Exception {
        int[] test = result.discovery().dataset().indicesOf(Split.TEST);
        List<String> texts = Arrays.stream(test).mapToObj(r -> result.discovery().dataset().prompts().get(r).text()).toList();
        for (RoutingPolicy policy : List.of(trained.policy(), trained.policy().withAlpha(0), trained.policy().withTolerance(1))) {
            int[] routed = result.router().route(result.embeddingsOf(test), texts, policy).stream()
                    .mapToInt(d -> d.decision().chosenModel()).toArray();
            Scored s = evaluator.score(trained.withAlpha(policy.alpha()).withTolerance(policy.tolerance()), Split.TEST);
            assertArrayEquals(routed, s.choices(), "α " + policy.alpha() + ", λ " + policy.tolerance());
        }
    }

    @Test
    void scoringWithoutTheCacheGivesTheSameDecisions() throws Exception {
        for (TuningSettings s : List.of(trained, trained.withAlpha(1).withTolerance(0.3), trained.withDelta(1.0))) {
            Scored cached = evaluator.score(s, Split.DEV);
            Scored fresh = evaluator.scoreWithoutCache(s, Split.DEV);
            assertArrayEquals(fresh.choices(), cached.choices(), s.toString());
            assertEquals(fresh.metrics().qual(), cached.metrics().qual(), 0, s.toString());
            assertEquals(fresh.metrics().costPerPrompt(), cached.metrics().costPerPrompt(), 0, s.toString());
            assertEquals(fresh.candidatesPerTask(), cached.candidatesPerTask(), 0, s.toString());
        }
    }

    @Test
    void deltaReselectsCandidatesAndKeepsTheTasks() {
        DiscoveryResult stage1 = result.discovery();
        Scored atTrained = evaluator.score(trained, Split.TEST);
        assertEquals(stage1.discovery().meanCandidates(), atTrained.candidatesPerTask(), 0);
        Scored full = evaluator.score(trained.withDelta(1.0), Split.TEST);
        assertEquals(atTrained.tasks(), full.tasks());
        assertEquals(TaskDiscoveryRunner.withDelta(stage1.discovery(), stage1.dataset().scores().selectRows(stage1.trainRows()), 1.0)
                .meanCandidates(), full.candidatesPerTask(), 1e-12);
        assertTrue(full.candidatesPerTask() >= atTrained.candidatesPerTask(), full.candidatesPerTask() + " vs " + atTrained.candidatesPerTask());
        assertFalse(full.needsRetraining());
    }

    @Test
    void taskChangesArePreviewedNeverScoredAndKNeedsANewGraph() throws Exception {
        TuningSettings tau = trained.withTau(0.9);
        assertThrows(IllegalArgumentException.class, () -> evaluator.score(tau, Split.TEST));
        assertThrows(IllegalArgumentException.class, () -> evaluator.scoreWithoutCache(tau, Split.TEST));
        assertThrows(IllegalArgumentException.class, () -> evaluator.curve(tau, Split.TEST));
        assertThrows(IllegalArgumentException.class, () -> evaluator.policyEvaluator(tau, Split.DEV));
        TaskDiscovery d = evaluator.recluster(tau, StageContext.silent(ToyRouter.SEED));
        Scored preview = evaluator.preview(tau, Split.TEST, d);
        assertTrue(preview.needsRetraining());
        assertEquals(d.tasks().size(), preview.tasks());
        assertEquals(d.tasks().size(), WhatIfMetric.TASKS.of(preview), 0);
        assertTrue(Double.isNaN(WhatIfMetric.QUAL.of(preview)));
        assertEquals(0, preview.choices().length);
        assertThrows(IllegalArgumentException.class, () -> evaluator.recluster(trained.withK(trained.k() + 1), StageContext.silent(1)));
        int again = evaluator.recluster(trained, StageContext.silent(ToyRouter.SEED)).tasks().size();
        assertEquals(result.discovery().discovery().tasks().size(), again, "the cached graph at the trained τ gives the trained tasks");
    }

    @Test
    void calibrationAndTheCurveScoreAsTheCacheDoes() {
        SplitOutcome o = evaluator.policyEvaluator(trained, Split.DEV).evaluate(new RoutingPolicy(1, 0.5, null));
        Scored s = evaluator.score(trained.withAlpha(1).withTolerance(0.5), Split.DEV);
        assertEquals(s.metrics().qual(), o.qual(), 0);
        assertEquals(1000 * s.metrics().costPerPrompt(), o.costPer1k(), 1e-9);
        CostQualityCurve c = evaluator.curve(trained, Split.TEST);
        CurveTracerTest.assertGridIncluded(c.points());
        assertEquals(evaluator.score(trained.withTolerance(0), Split.TEST).metrics().qual(), c.points().get(0).qual(), 0);
        assertEquals(evaluator.score(trained.withTolerance(1), Split.TEST).metrics().costPerPrompt(),
                c.points().get(c.points().size() - 1).costPerPrompt(), 0);
        List<TuningEvaluator.ModelPoint> singles = evaluator.singleModels(Split.TEST);
        assertEquals(evaluator.modelNames(), singles.stream().map(TuningEvaluator.ModelPoint::model).toList());
    }

    @Test
    void aSweepScoresEachGridValueReportsProgressAndCanBeCancelled() throws Exception {
        List<Double> progress = new ArrayList<>();
        StageContext ctx = StageContext.of(1, (f, m) -> progress.add(f), line -> { }, new AtomicBoolean());
        Sweep sweep = Sweep.run(evaluator, trained, Sweep.Knob.TOLERANCE, 0, 1, 3, WhatIfMetric.COST_PER_PROMPT, Split.TEST, ctx);
        assertEquals(List.of(0.0, 0.5, 1.0), sweep.points().stream().map(Sweep.Point::value).toList());
        for (Sweep.Point p : sweep.points()) {
            assertEquals(evaluator.score(trained.withTolerance(p.value()), Split.TEST).metrics().costPerPrompt(), p.metric(), 0);
        }
        assertEquals(3, progress.size());
        assertEquals(1.0, progress.get(2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Sweep.run(evaluator, trained.withTau(0.9), Sweep.Knob.ALPHA, 0, 1, 3,
                WhatIfMetric.QUAL, Split.TEST, StageContext.silent(1)));
        StageContext cancelled = StageContext.of(1, (f, m) -> { }, line -> { }, new AtomicBoolean(true));
        assertThrows(CancelledException.class, () -> Sweep.run(evaluator, trained, Sweep.Knob.ALPHA, 0, 1, 3, WhatIfMetric.QUAL,
                Split.TEST, cancelled));
    }
}

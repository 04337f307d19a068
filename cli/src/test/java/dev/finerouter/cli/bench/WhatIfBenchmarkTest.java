package dev.finerouter.cli.bench;

import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.ToyRouter;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.whatif.TuningEvaluator;
import dev.finerouter.engine.whatif.TuningSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The what-if benchmark's statistics, option checks and one run on a trained router whose figures are the engine's
 * what-if evaluator's (the timings themselves are never asserted).
 */
class WhatIfBenchmarkTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, WhatIfBenchmark.median(new double[]{3, 1, 2}));
        assertEquals(2.5, WhatIfBenchmark.median(new double[]{4, 1, 3, 2}));
    }

    @Test
    void p95IsTheNearestRank() {
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = 20 - i;
        }
        assertEquals(19.0, WhatIfBenchmark.percentile(twenty, 0.95));
        assertEquals(7.0, WhatIfBenchmark.percentile(new double[]{7}, 0.95));
    }

    @Test
    void timeRunsOneWarmUpAndTheRepetitions() throws Exception {
        List<Integer> calls = new ArrayList<>();
        WhatIfBenchmark.Timing t = WhatIfBenchmark.time("x", 3, StageContext.silent(1), i -> {
            calls.add(i);
            return i;
        });
        assertEquals(List.of(1, 0, 1, 2), calls);
        assertEquals(3, t.repetitions());
        assertEquals(3, t.millis().length);
    }

    @Test
    void optionsRejectTrainSplitAndOutOfRangeProbes() {
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TRAIN, 30, 5, 0.8, 0.2, 0.9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TEST, 0, 5, 0.8, 0.2, 0.9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TEST, 30, 5, 1.5, 0.2, 0.9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TEST, 30, 5, 0.8, 0.2, 0, 0.5));
    }

    @Test
    void aRunTimesEachOperationOnceAndReportsTheEvaluatorsFigures() throws Exception {
        TrainingResult trained = ToyRouter.trained();
        WhatIfBenchmark.Options options = new WhatIfBenchmark.Options(Split.TEST, 2, 1, 0.8, 0.2, 1.0, 0.9);
        List<String> log = new ArrayList<>();
        WhatIfBenchmark.Result r = WhatIfBenchmark.run(trained, options,
                StageContext.of(ToyRouter.SEED, (f, m) -> { }, log::add, new java.util.concurrent.atomic.AtomicBoolean()));
        assertEquals(List.of("α change (re-decide from cache)", "λ change (re-decide from cache)",
                "δ change (re-select candidates + re-decide)", "baseline: classifier + estimator forward pass + decide",
                "τ re-cluster from the cached kNN + RBO graph (τ = 0.9)"), r.timings().stream().map(WhatIfBenchmark.Timing::name).toList());
        assertEquals(List.of(2, 2, 2, 2, 1), r.timings().stream().map(WhatIfBenchmark.Timing::repetitions).toList());
        assertTrue(r.timings().stream().allMatch(t -> t.medianMillis() >= 0 && t.p95Millis() >= t.medianMillis()));

        TuningEvaluator evaluator = TuningEvaluator.predict(trained);
        TuningSettings base = evaluator.trained().withAlpha(RoutingPolicy.PAPER.alpha()).withTolerance(RoutingPolicy.PAPER.tolerance());
        assertEquals(evaluator.size(Split.TEST), r.prompts());
        assertEquals(3, r.models());
        assertEquals(trained.router().tasks().size(), r.tasks());
        assertEquals(base.delta(), r.trainedDelta());
        assertEquals(base.tau(), r.trainedTau());
        assertEquals(evaluator.score(base.withDelta(1.0), Split.TEST).candidatesPerTask(), r.meanCandidatesAtDeltaProbe(), 0);
        assertEquals(evaluator.recluster(base.withTau(0.9), StageContext.silent(ToyRouter.SEED)).tasks().size(), r.tasksAtTauProbe());
        assertTrue(log.get(0).contains("predicting the dev and test prompts once"), log.get(0));
    }
}

package dev.finerouter.engine.route;

import dev.finerouter.engine.bundle.BundleMetadata;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.model.PairedDifference;
import dev.finerouter.engine.train.TaskPrediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The robust rule by hand: tiny memories whose estimates can be computed on paper, on the golden bundle's router
 * (4 models costing 0.002, 0.004, 0.0005, 0.001 per call; 3 tasks; 8-d embeddings).
 */
class RobustRuleTest {
    private static final double EPS = 1e-6;
    private static TrainedRouter golden;

    @BeforeAll
    static void load() throws Exception {
        golden = BundleReader.read(Path.of("src/test/resources/golden-bundle/bundle")).router();
    }

    private static float[] unit(int axis) {
        float[] v = new float[8];
        v[axis] = 1;
        return v;
    }

    /** Four remembered prompts: two on axis 0 where model 1 is right, two on axis 1 where model 2 is right. */
    private static RouterMemory memory() {
        float[] e = new float[4 * 8];
        System.arraycopy(unit(0), 0, e, 0, 8);
        System.arraycopy(unit(0), 0, e, 8, 8);
        System.arraycopy(unit(1), 0, e, 16, 8);
        System.arraycopy(unit(1), 0, e, 24, 8);
        float[] s = {
                0, 1, 0, 0.5f,
                0, 1, 0, Float.NaN,
                0, 0, 1, 0.5f,
                0, 0, 1, 0.5f};
        return new RouterMemory(e, 4, 8, s, 4);
    }

    private static RobustRule rule(int k, double beta, List<String> guards, String global) {
        RouterMemory m = memory();
        float[] g = RobustRule.generalMeans(m);
        float[][] taskMean = {g.clone(), g.clone(), g.clone()};
        return new RobustRule(m, k, beta, 10, g, taskMean, guards, global, Double.NaN);
    }

    private static List<String> noGuards() {
        return Arrays.asList(null, null, null);
    }

    @Test
    void generalMeansSkipMissingScores() {
        assertArrayEquals(new float[]{0, 0.5f, 0.5f, 0.5f}, RobustRule.generalMeans(memory()), 1e-6f);
    }

    @Test
    void taskMeansWeightByProbabilityAndShrinkTowardTheGeneralMean() {
        float[] scores = {1, 0, 0, 1};          // 2 prompts × 2 models
        float[] probabilities = {1, 0, 0.5f, 0.5f}; // 2 prompts × 2 tasks
        float[] g = {0.5f, 0.5f};
        float[][] mu = RobustRule.taskMeans(scores, probabilities, 2, g, 1);
        // task 0: weights 1 and 0.5 → model 0: (1·1 + 0.5·0 + 1·0.5) / (1.5 + 1) = 0.6
        assertEquals(0.6, mu[0][0], EPS);
        assertEquals((0 + 0.5 + 0.5) / 2.5, mu[0][1], EPS);
        // task 1: weight 0.5 on prompt 1 only → model 1: (0.5·1 + 0.5) / (0.5 + 1)
        assertEquals(1.0 / 1.5, mu[1][1], EPS);
    }

    @Test
    void priorSendsUnassignedMassToTheGeneralMeanAndRescalesExcessMass() {
        RouterMemory m = memory();
        float[] g = RobustRule.generalMeans(m);
        float[][] taskMean = {{1, 1, 1, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}};
        RobustRule r = new RobustRule(m, 2, 1, 10, g, taskMean, noGuards(), null, Double.NaN);
        double[] low = r.prior(new float[]{0.25f, 0, 0}, 0);
        assertEquals(0.25 * 1 + 0.75 * 0.5, low[1], EPS);
        double[] high = r.prior(new float[]{1, 1, 0}, 0); // mass 2 → weights 0.5, 0.5, nothing left over
        assertEquals(0.5, high[0], EPS);
    }

    @Test
    void localEstimateShrinksNeighbourOutcomesTowardThePrior() {
        RobustRule r = rule(2, 2, noGuards(), null);
        double[] prior = {0.2, 0.2, 0.2, 0.2};
        double[] l = r.local(new int[]{0, 1}, 0, 2, 2, 2, prior);
        assertEquals((2 + 2 * 0.2) / 4, l[1], EPS);   // two known 1s
        assertEquals((0.5 + 2 * 0.2) / 3, l[3], EPS); // one known, one missing
    }

    @Test
    void nearestIsByCosineBestFirstWithTiesToTheLowerIndex() {
        float[] q = new float[8];
        q[1] = 2; // not normalised
        assertArrayEquals(new int[]{2, 3, 0}, memory().nearest(q, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> memory().nearest(new float[7], 1, 1));
    }

    @Test
    void costKnobTradesScoreAgainstScaledCostAndReachesTheCheapestModel() {
        double[] e = {0.9, 0.8, 0.5, 0.85};
        double[] cost = {4, 3, 1, 2};
        RoutingPolicy p = RoutingPolicy.PAPER;
        // λ = 0: the argmax; λ = 1: the cheapest
        assertEquals(0, QualityRouter.routeByEstimate(0, e, e, e, cost, Double.NaN, p.withTolerance(0), null).chosenModel());
        assertEquals(2, QualityRouter.routeByEstimate(0, e, e, e, cost, Double.NaN, p.withTolerance(1), null).chosenModel());
        // λ = 0.5, price 1 per cost scale; scale NaN = this prompt's highest cost (4): U = −0.1, 0.05, 0.25, 0.35
        assertEquals(3, QualityRouter.routeByEstimate(0, e, e, e, cost, Double.NaN, p.withTolerance(0.5), null).chosenModel());
        // λ = 0.8, price 4: U = 0.9 − 4, 0.8 − 3, 0.5 − 1, 0.85 − 2 → the cheapest model
        assertEquals(2, QualityRouter.routeByEstimate(0, e, e, e, cost, Double.NaN, p.withTolerance(0.8), null).chosenModel());
        // λ = 0.1, price 1/9 per scale: scale 8 keeps model 0 (0.844 vs 0.822), scale 1 moves to model 3 (0.456 vs 0.628)
        assertEquals(0, QualityRouter.routeByEstimate(0, e, e, e, cost, 8, p.withTolerance(0.1), null).chosenModel());
        assertEquals(3, QualityRouter.routeByEstimate(0, e, e, e, cost, 1, p.withTolerance(0.1), null).chosenModel());
        // the budget comes first
        assertEquals(2, QualityRouter.routeByEstimate(0, e, e, e, cost, Double.NaN, new RoutingPolicy(0.5, 0, 1.5), null).chosenModel());
        // equal utilities: the cheaper model
        double[] tie = {0.7, 0.7};
        assertEquals(1, QualityRouter.routeByEstimate(0, tie, tie, tie, new double[]{2, 1}, Double.NaN, p.withTolerance(0), null).chosenModel());
    }

    @Test
    void dotProductCoversEveryLaneAndTheTailAtAnOffset() {
        for (int len : new int[]{0, 1, 7, 8, 9, 17, 384}) {
            float[] a = new float[len + 3];
            float[] b = new float[len + 5];
            double expected = 0;
            for (int d = 0; d < len; d++) {
                a[3 + d] = d % 5 - 2;       // small integers: every partial sum is exact in float
                b[5 + d] = (d % 3) + 1;
                expected += (double) a[3 + d] * b[5 + d];
            }
            assertEquals(expected, RouterMemory.dot(a, 3, b, 5, len), 0.0, "length " + len);
        }
    }

    /**
     * 40 remembered prompts: model 0 scored on all of them (0.5), model 1 on 5 only, all 1.0. Model 1 is too thinly
     * scored to estimate (5 < 20, and model 0 has 40): no local estimate, no general estimate of its own, never chosen.
     * With 4 remembered prompts and model 1 on 3 of them nothing is much thinner, and it is estimated as before.
     */
    @Test
    void aModelScoredOnFarFewerPromptsThanTheOthersGetsNoEstimate() {
        int n = 40;
        float[] e = new float[n * 2];
        float[] s = new float[n * 2];
        for (int i = 0; i < n; i++) {
            e[i * 2] = 1;
            e[i * 2 + 1] = 0.01f * i;
            s[i * 2] = 0.5f;
            s[i * 2 + 1] = i < 5 ? 1f : Float.NaN;
        }
        RouterMemory thin = new RouterMemory(e, n, 2, s, 2);
        assertArrayEquals(new int[]{40, 5}, thin.scoredCounts());
        assertTrue(RobustRule.tooThinlyScored(5, 40));
        assertTrue(!RobustRule.tooThinlyScored(19, 30), "19 of 30: not much thinner than the others");
        assertTrue(!RobustRule.tooThinlyScored(20, 1000), "20 scores are enough");
        float[] g = RobustRule.generalMeans(thin);
        assertEquals(0.5f, g[0]);
        assertEquals(0f, g[1], "no general estimate of its own, as for a model with no score");
        RobustRule rule = new RobustRule(thin, 10, 1, 10, g, new float[][]{{0.5f, 0f}}, java.util.Collections.singletonList(null), null, Double.NaN);
        double[] local = rule.local(new int[]{0, 1, 2, 3, 4}, 0, 5, 5, 1, new double[]{0.5, 0.9});
        assertEquals(0.5, local[0], 1e-12);
        assertTrue(Double.isNaN(local[1]), "its five 1.0 scores are not an estimate: " + local[1]);
        assertEquals(0, rule.generalBest());
        // the 4-prompt memory: model 3 scored on 3 of 4 is estimated as before
        double[] few = rule(10, 1, noGuards(), null).local(new int[]{0, 1, 2, 3}, 0, 4, 4, 1, new double[]{0, 0, 0, 0});
        assertTrue(!Double.isNaN(few[3]), "3 of 4 is not much thinner than 4: " + few[3]);
    }

    @Test
    void leaveOneOutNeighboursCanSkipThePromptsCopiesToo() {
        // rows 0 and 1 are one text (the same embedding), rows 2 and 3 another: each row's copy is skipped with it,
        // and every row keeps the same number of neighbours (4 − 1 − 1 copy)
        assertArrayEquals(new int[]{2, 3, 0, 1}, memory().nearestExcludingCopies(new int[]{0, 3}, 3));
        assertArrayEquals(new int[]{2}, memory().nearestExcludingCopies(new int[]{1}, 1));
        // without copies it is the plain leave-one-out
        float[] e = new float[5 * 3];
        for (int i = 0; i < 5; i++) {
            e[i * 3] = 1;
            e[i * 3 + 1] = 0.1f * i;
            e[i * 3 + 2] = -0.05f * i * i;
        }
        RouterMemory distinct = new RouterMemory(e, 5, 3, new float[5], 1);
        assertArrayEquals(distinct.nearestExcludingSelf(new int[]{0, 2, 4}, 3), distinct.nearestExcludingCopies(new int[]{0, 2, 4}, 3));
        // one text remembered three times: no neighbour would be left, so the copies stay
        float[] same = {1, 0, 1, 0, 1, 0};
        RouterMemory one = new RouterMemory(same, 3, 2, new float[3], 1);
        assertArrayEquals(one.nearestExcludingSelf(new int[]{1}, 2), one.nearestExcludingCopies(new int[]{1}, 2));
    }

    @Test
    void leaveOneOutNeighboursSkipThePromptItself() {
        // row 0 (axis 0): row 1 first, then the two axis-1 rows by lower index; row 3: row 2 first
        assertArrayEquals(new int[]{1, 2, 3, 2, 0, 1}, memory().nearestExcludingSelf(new int[]{0, 3}, 3));
        assertArrayEquals(new int[]{1}, memory().nearestExcludingSelf(new int[]{0}, 1));
        assertThrows(IllegalArgumentException.class, () -> memory().nearestExcludingSelf(new int[]{4}, 1));
    }

    @Test
    void costScaleIsTheDearestModelsMeanCost() {
        assertEquals(3.0, RobustRuleTuner.costScale(new double[][]{{1, 2}, {1, 4}}, 2), EPS);
        assertTrue(Double.isNaN(RobustRuleTuner.costScale(new double[][]{{0, 0}}, 2)));
    }

    private static TrainedRouter.Predictions predictions(TrainedRouter router, float[] query, int task) throws Exception {
        TrainedRouter.Predictions p = router.predict(query, 1);
        float[] q = {Float.NaN, 0, 0, 0};
        TaskPrediction t = new TaskPrediction(new int[]{task}, new float[]{0, 0, 0}, 3);
        return new TrainedRouter.Predictions(t, q, 4, p.neighbours(), p.neighboursPerPrompt());
    }

    /**
     * Six dev prompts like the axis-0 memory (model 1 right, cost 0.004) and six like the axis-1 memory (model 2 right,
     * the cheapest at 0.0005): λ = 0 costs 0.00225 per prompt, λ = 1 0.0005. The balanced C puts λ = 0.5 where the
     * axis-0 prompts leave model 1, the cost step that crosses the half-way cost 0.001375.
     */
    @Test
    void theBalancedCostScaleMakesTheKnobsMiddleSpendHalfWayOnDev() throws Exception {
        RobustRule rule = rule(2, 1, noGuards(), null).withCostScale(0.004);
        TrainedRouter r = golden.withRule(rule);
        int nDev = 12;
        float[] dev = new float[nDev * 8];
        double[][] costs = new double[nDev][];
        for (int i = 0; i < nDev; i++) {
            dev[i * 8 + (i < 6 ? 0 : 1)] = 1;
            costs[i] = new double[]{0.002, 0.004, 0.0005, 0.001};
        }
        TrainedRouter.Predictions p = r.predict(dev, nDev, 2);
        assertEquals(0.00225, RobustRuleTuner.meanDevCost(golden, rule, p, costs, 0, 0), 1e-12);
        assertEquals(0.0005, RobustRuleTuner.meanDevCost(golden, rule, p, costs, 0, 1), 1e-12);
        double c = RobustRuleTuner.balancedCostScale(golden, rule, p, costs, 0);
        assertTrue(c > 0 && Double.isFinite(c), "C = " + c);
        double below = RobustRuleTuner.meanDevCost(golden, rule.withCostScale(c * 0.999), p, costs, 0, 0.5);
        double above = RobustRuleTuner.meanDevCost(golden, rule.withCostScale(c * 1.001), p, costs, 0, 0.5);
        assertTrue(below < 0.001375 && above >= 0.001375, "the step at C crosses the half-way cost: " + below + " → " + above);
        assertEquals(0.00225, RobustRuleTuner.meanDevCost(golden, rule.withCostScale(c), p, costs, 0, 0), 1e-12, "λ = 0 does not depend on C");

        double[][] flat = new double[nDev][];
        Arrays.fill(flat, new double[]{1, 1, 1, 1});
        assertTrue(Double.isNaN(RobustRuleTuner.balancedCostScale(golden, rule, p, flat, 0)), "no cost spread: nothing to balance");
        assertTrue(Double.isNaN(RobustRuleTuner.balancedCostScale(golden, rule(2, 1, noGuards(), null), p, costs, 0)), "no C: kept");
    }

    @Test
    void routerDecidesFromNeighboursAndGuardedTasksUseTheGeneralEstimate() throws Exception {
        TrainedRouter router = golden.withRule(rule(2, 1, noGuards(), null));
        assertEquals(RouterPreset.ROBUST, router.preset());
        double[] cost = {0.002, 0.004, 0.0005, 0.001};
        RoutingPolicy quality = new RoutingPolicy(0, 0, null);
        // axis 1: neighbours 2, 3 → model 2 right twice: L = (2 + 1·0.5) / 3 beats every other model
        assertEquals(2, router.decide(predictions(router, unit(1), 0), 0, cost, quality).decision().chosenModel());
        // axis 0: neighbours 0, 1 → model 1
        assertEquals(1, router.decide(predictions(router, unit(0), 0), 0, cost, quality).decision().chosenModel());

        TrainedRouter guarded = golden.withRule(rule(2, 1, Arrays.asList("lost on dev", null, null), null));
        RoutingDecision d = guarded.decide(predictions(guarded, unit(0), 0), 0, cost, quality).decision();
        // general means tie at 0.5 for models 1, 2, 3: all are admissible at λ = 0 and the cheapest (model 2) wins,
        // where the neighbours alone would pick model 1
        assertEquals(2, d.chosenModel());
        assertEquals(0.5, d.chosen().finalScore(), EPS);
        assertTrue(d.reason().contains("lost on dev"), d.reason());
        // another task is not guarded
        assertEquals(1, guarded.decide(predictions(guarded, unit(0), 1), 0, cost, quality).decision().chosenModel());
        TrainedRouter global = golden.withRule(rule(2, 1, noGuards(), "all lost"));
        assertEquals(2, global.decide(predictions(global, unit(0), 1), 0, cost, quality).decision().chosenModel());
    }

    @Test
    void bundleRoundTripKeepsTheRuleAndItsDecisions(@TempDir Path dir) throws Exception {
        TrainedRouter router = golden.withRule(rule(2, 1, Arrays.asList(null, "lost on dev", null), null));
        BundleMetadata meta = new BundleMetadata(Instant.parse("2026-01-01T00:00:00Z"), 7, new BundleManifest.DataInfo("t", "f"),
                "offline", null, RoutingPolicy.PAPER, null, List.of());
        Path target = dir.resolve("b.frb");
        BundleWriter.write(router, meta, target);
        TrainedRouter back = BundleReader.read(target).router();
        RobustRule r = back.rule();
        assertEquals(2, r.k());
        assertEquals(1, r.beta(), 0);
        assertEquals("lost on dev", r.guardReason().get(1));
        assertNull(r.guardReason().get(0));
        assertArrayEquals(memory().scores(), r.memory().scores(), 0f);
        double[] cost = {0.002, 0.004, 0.0005, 0.001};
        RoutingPolicy quality = new RoutingPolicy(0, 0, null);
        assertEquals(router.decide(predictions(router, unit(1), 0), 0, cost, quality).decision().chosenModel(),
                back.decide(predictions(back, unit(1), 0), 0, cost, quality).decision().chosenModel());
        assertNull(golden.rule(), "the golden bundle has no rule: it routes with the paper's rule");
    }

    @Test
    void fallbackRowsReplaceTheGeneralEstimateWhereTheirScopeFallsBackAndSurviveTheBundle(@TempDir Path dir) throws Exception {
        double[] cost = {0.002, 0.004, 0.0005, 0.001};
        RoutingPolicy quality = new RoutingPolicy(0, 0, null);
        float[][] rows = new float[4][];
        rows[0] = new float[] {0.5f, 0.5f, Float.NaN, 0.9f}; // task 0's guard: model 3 highest, model 2 not compared
        RobustRule guardedRule = rule(2, 1, Arrays.asList("lost on dev", null, null), null).withFallbackMean(rows);
        TrainedRouter guarded = golden.withRule(guardedRule);
        RoutingDecision d = guarded.decide(predictions(guarded, unit(0), 0), 0, cost, quality).decision();
        assertEquals(3, d.chosenModel(), "g alone would choose model 2 (ties at 0.5, cheapest)");
        assertEquals(0.9, d.chosen().finalScore(), 1e-6);
        assertTrue(d.reason().endsWith("lost on dev; not compared here (onboarded after this was validated on dev): "
                + golden.pool().get(2).name()), d.reason());
        // at λ = 1 the cheapest compared model: model 2 is not compared there
        assertEquals(3, guarded.decide(predictions(guarded, unit(0), 0), 0, cost, new RoutingPolicy(0, 1, null)).decision().chosenModel());
        // task 1 is not guarded: its row (none) is never read
        assertEquals(1, guarded.decide(predictions(guarded, unit(0), 1), 0, cost, quality).decision().chosenModel());
        assertArrayEquals(guardedRule.general(), guardedRule.fallbackEstimate(2), 0, "no row: g");

        rows[3] = new float[] {0.1f, 0.9f, 0.1f, 0.1f};
        TrainedRouter global = golden.withRule(rule(2, 1, noGuards(), "all lost").withFallbackMean(rows));
        assertEquals(1, global.decide(predictions(global, unit(1), 2), 0, cost, quality).decision().chosenModel(), "the global row, for every task");

        Path target = dir.resolve("fallback.frb");
        BundleWriter.write(guarded, new BundleMetadata(Instant.parse("2026-01-01T00:00:00Z"), 7, new BundleManifest.DataInfo("t", "f"),
                "offline", null, RoutingPolicy.PAPER, null, List.of()), target);
        float[][] back = BundleReader.read(target).router().rule().fallbackMean();
        assertArrayEquals(rows[0], back[0], 0f);
        assertNull(back[1]);
        assertNull(back[3]);
        assertThrows(IllegalArgumentException.class, () -> guardedRule.withFallbackMean(new float[2][]), "one row per task and one global");
        assertNull(rule(2, 1, noGuards(), null).fallbackMean(), "a trained rule has none");
    }

    @Test
    void promptIdsSurviveTheBundleAndANewModelColumn(@TempDir Path dir) throws Exception {
        RouterMemory m = memory();
        RouterMemory withIds = new RouterMemory(m.embeddings(), 4, 8, m.scores(), 4, List.of("a", "b", "c", "d"));
        float[] g = RobustRule.generalMeans(withIds);
        TrainedRouter router = golden.withRule(new RobustRule(withIds, 2, 1, 10, g, new float[][]{g, g, g}, noGuards(), null, Double.NaN));
        Path target = dir.resolve("ids");
        BundleWriter.write(router, new BundleMetadata(Instant.parse("2026-01-01T00:00:00Z"), 7, new BundleManifest.DataInfo("t", "f"),
                "offline", null, RoutingPolicy.PAPER, null, List.of()), target);
        assertEquals(List.of("a", "b", "c", "d"), BundleReader.read(target).router().rule().memory().promptIds());
        assertNull(m.promptIds(), "a memory without ids says so");

        RouterMemory wider = withIds.withModel(new float[]{Float.NaN, 1, 0.25f, Float.NaN});
        assertEquals(5, wider.models());
        assertEquals(List.of("a", "b", "c", "d"), wider.promptIds());
        assertEquals(1, wider.score(1, 1), 0f);   // old columns unchanged
        assertEquals(1, wider.score(1, 4), 0f);   // the new one last
        assertTrue(Float.isNaN(wider.score(0, 4)));
        assertThrows(IllegalArgumentException.class, () -> withIds.withModel(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new RouterMemory(m.embeddings(), 4, 8, m.scores(), 4, List.of("a", "a", "c", "d")));
    }

    @Test
    void tunerFallsBackEverywhereWhenTheNeighboursMisleadOnDev() throws Exception {
        // dev prompts look like the axis-1 memory (model 2 right there) but only model 1 is right on them
        RobustRuleTuner.Result r = tuneOnAxisOneDev(1);
        assertEquals(RobustRuleTuner.BETA_GRID.length, r.kTrials().size(), "k = 20, 50, … exceed the 4 remembered prompts and are skipped");
        // k = 10 uses all 3 leave-one-out neighbours: each training prompt's neighbours favour the other axis's model
        // (score 0 on all 4); the 12 dev prompts see all 4 prompts, models 1–3 tie at 0.5 and the higher g, then
        // the lower index, picks model 1, right on dev: 12 / 16
        // the classifier probabilities are 0, so every prior is g and every β routes alike: 12 / 16 for each, and the tie
        // goes to the largest β
        for (int b = 0; b < RobustRuleTuner.BETA_GRID.length; b++) {
            assertEquals(new RobustRuleTuner.KTrial(10, RobustRuleTuner.BETA_GRID[b], 0.75, 16), r.kTrials().get(b));
        }
        assertEquals(RobustRuleTuner.ALPHA_GRID.length, r.trials().size(), "only α is searched on dev");
        assertEquals(RobustRuleTuner.BETA_GRID[RobustRuleTuner.BETA_GRID.length - 1], r.rule().beta(), 0);
        assertTrue(r.rule().globalFallbackReason() != null, r.note());
        assertEquals(1.0, r.devQualGeneral(), EPS); // model 1 has the best general mean (ties: lower index)
    }

    /**
     * Below the general estimate by one dev prompt (its choice right on 3, the general best on 4 others) is not a loss
     * by more than one standard error: the rule stays. Until stop 31 any tuned figure below the general one fell back.
     */
    @Test
    void tunerKeepsTheRuleWhenItIsBelowTheGeneralEstimateByLessThanItsStandardError() throws Exception {
        float[] devScores = new float[12 * 4];
        for (int i = 0; i < 7; i++) {
            devScores[i * 4 + (i < 3 ? 2 : 1)] = 1;
        }
        RobustRuleTuner.Result r = tuneOnAxisOne(devScores);
        assertEquals(4.0 / 12, r.devQualGeneral(), EPS, "model 1, the general best, is right on 4 of 12");
        assertEquals(3.0 / 12, r.devQual(), EPS, r.note());
        assertNull(r.rule().globalFallbackReason(), r.note());
    }

    @Test
    void tunerKeepsTheRuleWhenItWinsOnDev() throws Exception {
        RobustRuleTuner.Result r = tuneOnAxisOneDev(2);
        assertNull(r.rule().globalFallbackReason(), r.note());
        assertEquals(1.0, r.devQual(), EPS);
        assertEquals(0, r.rule().guardedTasks());
    }

    @Test
    void leaveOneOutPriorIsThePriorOfTaskStatisticsMeasuredWithoutThePrompt() {
        // 4 remembered prompts, 3 tasks with soft probabilities; row 1 misses model 3's score
        RouterMemory mem = memory();
        float[] probs = {
                0.9f, 0.2f, 0.0f,
                0.6f, 0.1f, 0.3f,
                0.1f, 0.7f, 0.5f,
                0.0f, 0.4f, 0.8f};
        float[] g = RobustRule.generalMeans(mem);
        float[][] mu = RobustRule.taskMeans(mem.scores(), probs, 3, g, 10);
        RobustRule base = new RobustRule(mem, 2, 1, 10, g, mu, Arrays.asList(null, null, null), null, Double.NaN);
        int[] rows = {0, 1, 2, 3};
        double[][] loo = RobustRuleTuner.leaveOneOutPrior(mem, base, probs, rows);
        float[] scores = mem.scores();
        for (int r : rows) {
            // the same statistics measured on the other three prompts (g kept: the tuner keeps it)
            float[] s3 = new float[3 * 4];
            float[] p3 = new float[3 * 3];
            for (int i = 0, o = 0; i < 4; i++) {
                if (i != r) {
                    System.arraycopy(scores, i * 4, s3, o * 4, 4);
                    System.arraycopy(probs, i * 3, p3, o * 3, 3);
                    o++;
                }
            }
            float[][] without = RobustRule.taskMeans(s3, p3, 3, g, 10);
            double[] expected = RobustRule.prior(probs, r * 3, without, g);
            assertArrayEquals(expected, loo[r], 1e-6, "row " + r);
        }
        // and it differs from the in-sample prior where the prompt's own outcome counted
        assertTrue(Math.abs(loo[0][1] - base.prior(probs, 0)[1]) > 1e-3);
    }

    @Test
    void crossValidationRoutesEachFoldWithTheSettingChosenOnTheOtherFolds() {
        // 10 dev prompts, fold f = {f, f + 5}; trial t always picks model t, and model t is right exactly on fold t.
        // Every trial scores 0.2 on all of dev, but on the other folds trial f scores 0 and the others 0.25, so fold f
        // takes the first trial other than f (ties go to the earlier, smaller α; trial f lost to it beyond one standard
        // error there: d = −1 on 2 of 8 prompts, mean −0.25, se 0.16) and is wrong.
        int m = 5;
        int nDev = 10;
        float[] scores = new float[nDev * m];
        for (int i = 0; i < nDev; i++) {
            scores[i * m + i % 5] = 1;
        }
        List<int[]> choices = new java.util.ArrayList<>();
        for (int t = 0; t < 5; t++) {
            int[] c = new int[nDev];
            java.util.Arrays.fill(c, t);
            choices.add(c);
        }
        int[] honest = RobustRuleTuner.crossValidatedChoices(choices, scores, m);
        assertArrayEquals(new int[]{1, 0, 0, 0, 0, 1, 0, 0, 0, 0}, honest);
        assertEquals(0.0, RobustRuleTuner.qual(scores, m, honest), EPS);
        assertEquals(0.2, RobustRuleTuner.qual(scores, m, choices.get(4)), EPS);
    }

    @Test
    void theAlphaSearchKeepsTheSmallerAlphaUnlessALargerOneWinsBeyondOneStandardError() {
        // 20 dev prompts, 2 models; trial 0 (α = 0) always picks model 0, trial 1 always model 1
        int m = 2;
        int nDev = 20;
        int[] zeros = new int[nDev];
        int[] ones = new int[nDev];
        java.util.Arrays.fill(ones, 1);
        // model 1 right on 2 prompts where model 0 is wrong, model 0 right on 1 where model 1 is wrong:
        // d = s0 − s1 has mean −0.05, se 0.088: not a loss beyond one standard error → α = 0 stays
        float[] close = new float[nDev * m];
        close[1] = 1;
        close[m + 1] = 1;
        close[2 * m] = 1;
        assertEquals(0, RobustRuleTuner.oneStandardErrorChoice(List.of(zeros, ones), close, m, nDev, -1, 1));
        // model 1 right on 6 prompts, model 0 on none: mean −0.3, se 0.105 → the larger α wins
        float[] clear = new float[nDev * m];
        for (int i = 0; i < 6; i++) {
            clear[i * m + 1] = 1;
        }
        assertEquals(1, RobustRuleTuner.oneStandardErrorChoice(List.of(zeros, ones), clear, m, nDev, -1, 1));
        // the same, judged without fold 0 of 5 (prompts 0, 5, 10, 15): model 1's wins left are 1–4: mean −0.25 over
        // 16, se 0.112 → still the larger α
        assertEquals(1, RobustRuleTuner.oneStandardErrorChoice(List.of(zeros, ones), clear, m, nDev, 0, 5));
        // a tie goes to the smaller α without any test
        assertEquals(0, RobustRuleTuner.oneStandardErrorChoice(List.of(zeros, zeros.clone()), clear, m, nDev, -1, 1));
    }

    @Test
    void aLossVersusTheGeneralEstimateNeedsTheMeanBelowZeroByMoreThanOneStandardError() {
        // model 0 = the general best; the router chose model 1; d = s1 − s0 per prompt
        float[] scores = {1, 0, 1, 0, 0, 0, 0, 0, /* group 1: */ 1, 0, 0, 0, 0, 0, 0, 0};
        int[] choices = {1, 1, 1, 1, 1, 1, 1, 1};
        int[] groups = {0, 0, 0, 0, 1, 1, 1, 1};
        PairedDifference a = RobustRuleTuner.versusGeneral(scores, 2, choices, 0, groups, 0);
        // d = −1, −1, 0, 0: mean −0.5, sd √(1/3), se √(1/3)/2
        assertEquals(4, a.n());
        assertEquals(-0.5, a.mean(), EPS);
        assertEquals(Math.sqrt(1.0 / 3) / 2, a.se(), EPS);
        assertTrue(a.lost());
        PairedDifference b = RobustRuleTuner.versusGeneral(scores, 2, choices, 0, groups, 1);
        // d = −1, 0, 0, 0: mean −0.25, sd 0.5, se 0.25: mean + se = 0, not below it
        assertEquals(-0.25, b.mean(), EPS);
        assertEquals(0.25, b.se(), EPS);
        assertFalse(b.lost());
        assertFalse(RobustRuleTuner.versusGeneral(scores, 2, choices, 0, groups, 7).lost(), "no prompts, no loss");
    }

    @Test
    void crossValidationAgreesWithTheSearchWhenOneSettingWinsEverywhere() {
        int m = 2;
        int nDev = 7; // folds of unequal size
        float[] scores = new float[nDev * m];
        for (int i = 0; i < nDev; i++) {
            scores[i * m + 1] = 1;
        }
        int[] zeros = new int[nDev];
        int[] ones = new int[nDev];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(ones, RobustRuleTuner.crossValidatedChoices(List.of(zeros, ones), scores, m));
    }

    /**
     * n prompts in 8-d, label {@code i % 2}: dimension 0 is 1, dimension 1 is +0.3 for label 0 and −0.3 for label 1,
     * dimensions 2–7 seeded noise of about sd 1 (normalised). Model 1 is right on label 0, model 2 on label 1: the
     * neighbours, found mostly by the noise, mix both labels; a linear classifier of the labels reads dimension 1.
     */
    private static float[] labelled(int n, long seed, float[] scores) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] e = new float[n * 8];
        for (int i = 0; i < n; i++) {
            double[] v = new double[8];
            v[0] = 1;
            v[1] = i % 2 == 0 ? 0.3 : -0.3;
            for (int d = 2; d < 8; d++) {
                v[d] = 2 * (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5);
            }
            double norm = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
            for (int d = 0; d < 8; d++) {
                e[i * 8 + d] = (float) (v[d] / norm);
            }
            scores[i * 4 + (i % 2 == 0 ? 1 : 2)] = 1;
        }
        return e;
    }

    @Test
    void tunerShrinksTowardTheLabelsPriorWhenItRoutesTheLeftOutPromptsBetter() throws Exception {
        int n = 1000;
        float[] memScores = new float[n * 4];
        RouterMemory memory = new RouterMemory(labelled(n, 1, memScores), n, 8, memScores, 4);
        float[] devScores = new float[40 * 4];
        float[] dev = labelled(40, 2, devScores);
        double[][] costs = new double[40][];
        Arrays.fill(costs, new double[]{0.002, 0.004, 0.0005, 0.001});
        int[] labelOf = new int[n];
        for (int i = 0; i < n; i++) {
            labelOf[i] = i % 2;
        }
        RobustRuleTuner.Labels labels = new RobustRuleTuner.Labels(List.of("even", "odd"), labelOf, 42);
        RobustRuleTuner.Result r = RobustRuleTuner.tune(golden, memory, TaskStatistics.of(memory, new float[n * 3], 3), labels, dev,
                devScores, costs);
        assertEquals(2 * r.kTrials().stream().filter(t -> RobustRuleTuner.KTrial.TASKS.equals(t.prior())).count(), r.kTrials().size(),
                "every (k, β) is tried with each prior");
        RobustRuleTuner.KTrial tasks = RobustRuleTuner.best(r.kTrials().stream().filter(t -> RobustRuleTuner.KTrial.TASKS.equals(t.prior())).toList());
        RobustRuleTuner.KTrial labelTrial = RobustRuleTuner.best(r.kTrials().stream().filter(t -> RobustRuleTuner.KTrial.LABELS.equals(t.prior())).toList());
        assertTrue(labelTrial.qual() > tasks.qual(), labelTrial + " vs " + tasks);
        assertTrue(r.rule().labelPrior() != null, r.note());
        assertEquals(labelTrial.k(), r.rule().k());
        assertTrue(r.note().contains("the data labels' prior"), r.note());
        assertEquals(1.0, r.devQual(), EPS, "every dev prompt to its label's model: " + r.note());
        // the tuned router decides so too, from the label classifier's probabilities it computes itself
        TrainedRouter router = golden.withRule(r.rule());
        TrainedRouter.Predictions p = router.predict(dev, 40);
        for (int i = 0; i < 2; i++) {
            assertEquals(i % 2 == 0 ? 1 : 2, router.decide(p, i, costs[i], new RoutingPolicy(0, 0, null)).decision().chosenModel());
        }

        RobustRuleTuner.Labels sparse = new RobustRuleTuner.Labels(List.of("even", "odd"),
                java.util.stream.IntStream.range(0, n).map(i -> i < n / 2 - 1 ? i % 2 : -1).toArray(), 42);
        assertFalse(sparse.usable(), "fewer than half of the prompts labelled");
        assertFalse(new RobustRuleTuner.Labels(List.of("one"), new int[n], 42).usable(), "a single label");
        RobustRuleTuner.Result without = RobustRuleTuner.tune(golden, memory, TaskStatistics.of(memory, new float[n * 3], 3), sparse, dev,
                devScores, costs);
        assertTrue(without.kTrials().stream().allMatch(t -> RobustRuleTuner.KTrial.TASKS.equals(t.prior())));
        assertNull(without.rule().labelPrior());
    }

    @Test
    void bundleRoundTripKeepsTheLabelPrior(@TempDir Path dir) throws Exception {
        LabelPrior labels = new LabelPrior(List.of("x", "y"), 8, new float[9 * 2], new float[][]{{0, 1, 0, 0}, {0, 0, 1, 0}});
        TrainedRouter router = golden.withRule(rule(2, 1, noGuards(), null).withLabelPrior(labels));
        Path target = dir.resolve("labels.frb");
        BundleWriter.write(router, new BundleMetadata(Instant.parse("2026-01-01T00:00:00Z"), 7, new BundleManifest.DataInfo("t", "f"),
                "offline", null, RoutingPolicy.PAPER, null, List.of()), target);
        LabelPrior back = BundleReader.read(target).router().rule().labelPrior();
        assertEquals(labels.labels(), back.labels());
        assertArrayEquals(labels.weights(), back.weights(), 0f);
        assertArrayEquals(labels.labelMean()[1], back.labelMean()[1], 0f);
        TrainedRouter read = BundleReader.read(target).router();
        double[] cost = {0.002, 0.004, 0.0005, 0.001};
        TrainedRouter.Predictions p = router.predict(unit(3), 1);
        TrainedRouter.Predictions q = read.predict(unit(3), 1);
        assertArrayEquals(p.labelProbabilities(), q.labelProbabilities(), 0f);
        assertEquals(router.decide(p, 0, cost, new RoutingPolicy(0, 0, null)).decision().chosenModel(),
                read.decide(q, 0, cost, new RoutingPolicy(0, 0, null)).decision().chosenModel());
    }

    /** Tunes on 12 dev prompts on axis 1 where only {@code rightModel} is right. */
    private static RobustRuleTuner.Result tuneOnAxisOneDev(int rightModel) throws Exception {
        float[] devScores = new float[12 * 4];
        for (int i = 0; i < 12; i++) {
            devScores[i * 4 + rightModel] = 1;
        }
        return tuneOnAxisOne(devScores);
    }

    /** Tunes on 12 dev prompts on axis 1 with the given scores (12 × 4). */
    private static RobustRuleTuner.Result tuneOnAxisOne(float[] devScores) throws Exception {
        int nDev = devScores.length / 4;
        float[] dev = new float[nDev * 8];
        double[][] costs = new double[nDev][];
        for (int i = 0; i < nDev; i++) {
            dev[i * 8 + 1] = 1;
            costs[i] = new double[]{0.002, 0.004, 0.0005, 0.001};
        }
        return RobustRuleTuner.tune(golden, memory(), new float[4 * 3], dev, devScores, costs);
    }
}

package dev.finerouter.engine.calibrate;

import dev.finerouter.engine.route.RoutingPolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calibration against hand-made monotone outcomes. The dev "router": Qual = 0.9 − 0.4 λ + 0.05 α, cost per 1k =
 * 10 − 8 λ, share of model 0 = 1 − λ (the rest to model 1), on 100 prompts.
 */
class CalibratorTest {
    private static final double EPS = 1e-9;
    private static final PolicyEvaluator DEV = p -> new SplitOutcome(100, 0.9 - 0.4 * p.tolerance() + 0.05 * p.alpha(),
            10 - 8 * p.tolerance(), new double[]{1 - p.tolerance(), p.tolerance()});
    /** Test is a little more expensive than dev: cost = 10 − 7 λ. */
    private static final PolicyEvaluator TEST = p -> new SplitOutcome(50, 0.88 - 0.4 * p.tolerance(), 10 - 7 * p.tolerance(),
            new double[]{1 - p.tolerance(), p.tolerance()});

    @Test
    void costCapOnAGridPointKeepsTheMostQuality() {
        // 10 − 8λ ≤ 6 ⇔ λ ≥ 0.5 (grid step 100); the flip between steps 99 and 100 adds 20 bisection steps
        CalibrationResult r = Calibrator.calibrate(new CalibrationTarget.MaxCostPer1k(6), DEV, TEST, RoutingPolicy.PAPER, false);
        assertTrue(r.feasible());
        assertEquals(0.5, r.policy().tolerance(), EPS);
        assertEquals(0.5, r.policy().alpha(), EPS);
        assertEquals(6, r.dev().costPer1k(), EPS);
        assertEquals(0.725, r.dev().qual(), EPS);
        assertEquals(201 + 20, r.evaluations());
        // on test the same λ costs 10 − 3.5 = 6.5 > 6
        assertEquals(6.5, r.test().costPer1k(), EPS);
        assertFalse(r.metOnTest());
    }

    @Test
    void bisectionFindsACapBetweenGridPoints() {
        // 10 − 8λ ≤ 5.1 ⇔ λ ≥ 0.6125, between grid values 0.61 and 0.615
        CalibrationResult r = Calibrator.calibrate(new CalibrationTarget.MaxCostPer1k(5.1), DEV, TEST, RoutingPolicy.PAPER, false);
        assertTrue(r.feasible());
        assertTrue(r.policy().tolerance() >= 0.6125 - EPS, "never over the cap: " + r.policy().tolerance());
        assertEquals(0.6125, r.policy().tolerance(), 0.005 / (1 << 20) + EPS);
        assertTrue(r.dev().costPer1k() <= 5.1 + EPS);
    }

    @Test
    void qualityFloorKeepsTheLeastCost() {
        // 0.925 − 0.4λ ≥ 0.8 ⇔ λ ≤ 0.3125 (α = 0.5 adds 0.025): the cheapest such λ is the largest
        CalibrationResult r = Calibrator.calibrate(new CalibrationTarget.MinQuality(0.8), DEV, TEST, RoutingPolicy.PAPER, false);
        assertTrue(r.feasible());
        assertEquals(0.3125, r.policy().tolerance(), 0.005 / (1 << 20) + EPS);
        assertTrue(r.dev().qual() >= 0.8 - EPS);
        // on test Qual = 0.88 − 0.125 = 0.755 < 0.8
        assertFalse(r.metOnTest());
    }

    @Test
    void shareCapOfAModel() {
        // share of model 0 = 1 − λ ≤ 0.3 ⇔ λ ≥ 0.7 (grid step 140)
        CalibrationResult r = Calibrator.calibrate(new CalibrationTarget.MaxShare("m0", 0, 0.3), DEV, TEST, RoutingPolicy.PAPER, false);
        assertTrue(r.feasible());
        assertEquals(0.7, r.policy().tolerance(), EPS);
        assertTrue(r.metOnTest());
    }

    @Test
    void infeasibleTargetGivesTheClosestSetting() {
        // the cheapest setting (λ = 1) costs 2 per 1k: a cap of 1 cannot be met
        CalibrationResult r = Calibrator.calibrate(new CalibrationTarget.MaxCostPer1k(1), DEV, TEST, RoutingPolicy.PAPER, false);
        assertFalse(r.feasible());
        assertFalse(r.metOnTest());
        assertEquals(1, r.policy().tolerance(), EPS);
        assertEquals(2, r.dev().costPer1k(), EPS);
        assertEquals(201, r.evaluations(), "no flip, no bisection");
    }

    @Test
    void tuningAlphaSearchesTheAlphaGridAndKeepsTheBudget() {
        // Qual grows with α and cost does not depend on it: α = 1 wins at λ = 0.5
        RoutingPolicy base = new RoutingPolicy(0.5, 0, 0.25);
        CalibrationResult r = Calibrator.calibrate(new CalibrationTarget.MaxCostPer1k(6), DEV, TEST, base, true);
        assertEquals(1.0, r.policy().alpha(), EPS);
        assertEquals(0.5, r.policy().tolerance(), EPS);
        assertEquals(0.25, r.policy().maxCostPerCall(), EPS);
        assertEquals(0.75, r.dev().qual(), EPS);
        assertEquals(Calibrator.ALPHA_GRID.length * (201 + 20), r.evaluations());
        assertTrue(r.tunedAlpha());
    }

    @Test
    void nonMonotoneOutcomesRefineEveryFlip() {
        // cost dips below the cap only on [0.2, 0.3] (Qual falls with λ): the best feasible λ is the left edge 0.2
        PolicyEvaluator bumpy = p -> {
            double l = p.tolerance();
            double cost = l >= 0.2 && l <= 0.3 ? 4 : l > 0.8 ? 3 : 8;
            return new SplitOutcome(10, 1 - l, cost, new double[]{1});
        };
        CalibrationResult r = Calibrator.calibrate(new CalibrationTarget.MaxCostPer1k(5), bumpy, bumpy, RoutingPolicy.PAPER, false);
        assertEquals(0.2, r.policy().tolerance(), EPS);
        assertEquals(201 + 3 * 20, r.evaluations(), "three flips: 0.195→0.2, 0.3→0.305, 0.8→0.805");
    }
}

package dev.finerouter.engine.route;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityRouterTest {
    // Four models; model 3 is not a candidate of the task.
    private static final float[] PREDICTED = {0.9f, 0.6f, 0.7f, 1.0f};
    private static final float[] MEDIAN = {0.5f, 1.0f, 0.5f, 1.0f};
    private static final double[] COST = {10, 2, 1, 0.1};
    private static final int[] CANDIDATES = {0, 1, 2};

    @Test
    void minMaxHandlesTiesAndNaN() {
        assertArrayEquals(new double[] {1, 0, 0.5}, QualityRouter.minMax(new double[] {4, 2, 3}), 1e-12);
        assertArrayEquals(new double[] {1, 1}, QualityRouter.minMax(new double[] {0.3, 0.3}), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0}, QualityRouter.minMax(new double[] {Double.NaN, 5, 1}), 1e-12);
    }

    @Test
    void handComputedFinalScoresAtAlphaHalf() {
        // Q̃ over candidates {0.9, 0.6, 0.7} -> norm {1, 0, 1/3}; Q̄ {0.5, 1.0, 0.5} -> norm {0, 1, 0}
        // Q_final = 0.5*norm(Q̃) + 0.5*norm(Q̄) = {0.5, 0.5, 1/6}; tie between 0 and 1 -> first max (model 0) is best,
        // at tolerance 0 both are admissible and the cheaper (model 1, cost 2) wins.
        RoutingDecision d = QualityRouter.route(4, CANDIDATES, PREDICTED, MEDIAN, COST, RoutingPolicy.PAPER);
        assertEquals(0.5, d.compared().get(0).finalScore(), 1e-7);
        assertEquals(0.5, d.compared().get(1).finalScore(), 1e-7);
        assertEquals(1.0 / 6, d.compared().get(2).finalScore(), 1e-7);
        assertEquals(1, d.chosenModel());
        assertEquals(3, d.compared().size(), "non-candidates are not compared");
    }

    @Test
    void alphaOneFollowsThePredictionAlphaZeroThePrior() {
        assertEquals(0, QualityRouter.route(0, CANDIDATES, PREDICTED, MEDIAN, COST, new RoutingPolicy(1, 0, null)).chosenModel());
        assertEquals(1, QualityRouter.route(0, CANDIDATES, PREDICTED, MEDIAN, COST, new RoutingPolicy(0, 0, null)).chosenModel());
    }

    @Test
    void toleranceTradesQualityForCost() {
        RoutingPolicy quality = new RoutingPolicy(1, 0, null);
        assertEquals(0, QualityRouter.route(0, CANDIDATES, PREDICTED, MEDIAN, COST, quality).chosenModel());
        // At α = 1, Q_final = {1, 0, 1/3}. λ = 0.7 admits Q_final ≥ 0.3: models 0 and 2; model 2 is cheaper.
        RoutingDecision d = QualityRouter.route(0, CANDIDATES, PREDICTED, MEDIAN, COST, quality.withTolerance(0.7));
        assertEquals(2, d.chosenModel());
        assertEquals(0, d.bestQualityModel());
        assertTrue(d.reason().startsWith("cheapest model"), d.reason());
        assertEquals(1, QualityRouter.route(0, CANDIDATES, PREDICTED, MEDIAN, COST, quality.withTolerance(1)).chosenModel() == 2 ? 1 : 0,
                "λ = 1 admits everything: the cheapest candidate (model 2) wins");
    }

    @Test
    void budgetExcludesExpensiveModelsAndFallsBackToTheCheapest() {
        RoutingPolicy budget = new RoutingPolicy(1, 0, 5.0);
        RoutingDecision d = QualityRouter.route(0, CANDIDATES, PREDICTED, MEDIAN, COST, budget);
        assertEquals(2, d.chosenModel(), "model 0 costs 10 > 5; of the rest model 2 has the higher Q_final");
        RoutingDecision none = QualityRouter.route(0, CANDIDATES, PREDICTED, MEDIAN, COST, new RoutingPolicy(1, 0, 0.5));
        assertEquals(2, none.chosenModel());
        assertTrue(none.reason().contains("no compared model is within the budget"), none.reason());
    }

    @Test
    void othersComparesAllModels() {
        RoutingDecision d = QualityRouter.route(-1, new int[] {0, 1, 2, 3}, PREDICTED, MEDIAN, COST, new RoutingPolicy(1, 0, null));
        assertEquals(3, d.chosenModel());
        assertEquals(-1, d.task());
    }

    @Test
    void policyValidatesItsRanges() {
        assertThrows(IllegalArgumentException.class, () -> new RoutingPolicy(1.5, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new RoutingPolicy(0.5, -0.1, null));
        assertThrows(IllegalArgumentException.class, () -> new RoutingPolicy(0.5, 0, -1.0));
    }
}

package dev.finerouter.viz.chart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost–quality chart's data rules (no toolkit needed). */
class EvaluationCostQualityChartTest {
    private static EvaluationCostQualityChart.Router router(double... costs) {
        return new EvaluationCostQualityChart.Router("r", java.util.Arrays.stream(costs)
                .mapToObj(c -> new EvaluationCostQualityChart.Point(c, 0.5)).toList(), EvaluationCostQualityChart.Role.ROUTER, "#08306b");
    }

    @Test
    void logAxisOnlyAboveTwentyTimesTheCheapestPositiveCost() {
        assertFalse(EvaluationCostQualityChart.logScale(List.of(router(1, 20))), "exactly 20×: linear");
        assertTrue(EvaluationCostQualityChart.logScale(List.of(router(1, 20.5))));
        assertFalse(EvaluationCostQualityChart.logScale(List.of(router(0, 0.5), router(0.1))), "zero costs are ignored for the span: 5×");
        assertFalse(EvaluationCostQualityChart.logScale(List.of(router(0, 0))), "no positive cost: linear");
    }

    @Test
    void aRouterNeedsAPointAndAColour() {
        assertEquals("#08306b", router(1).colour());
        assertThrows(IllegalArgumentException.class, () -> new EvaluationCostQualityChart.Router("empty", List.of(),
                EvaluationCostQualityChart.Role.ROUTER, "#000000"));
        assertThrows(NullPointerException.class, () -> new EvaluationCostQualityChart.Router("r",
                List.of(new EvaluationCostQualityChart.Point(1, 0.5)), EvaluationCostQualityChart.Role.ROUTER, null));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationCostQualityChart.Point(-1, 0.5));
    }
}

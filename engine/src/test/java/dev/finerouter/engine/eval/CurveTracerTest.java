package dev.finerouter.engine.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class CurveTracerTest {
    /** Every λ of the evaluation's grid is among the points, which are sorted by λ. */
    public static void assertGridIncluded(List<CurvePoint> points) {
        for (int i = 0; i + 1 < points.size(); i++) {
            assertTrue(points.get(i).tolerance() < points.get(i + 1).tolerance(), "sorted by λ, no λ twice");
        }
        for (int s = 0; s < CostQualityCurve.STEPS; s++) {
            double lambda = CostQualityCurve.tolerance(s);
            assertTrue(points.stream().anyMatch(p -> p.tolerance() == lambda), "grid λ " + lambda + " measured");
        }
    }

    private static DoubleFunction<CurvePoint> knob(DoubleFunction<Double> cost, List<Double> asked) {
        return lambda -> {
            asked.add(lambda);
            double c = cost.apply(lambda);
            return new CurvePoint(lambda, c, 0.5 + 0.3 * c);
        };
    }

    @Test
    void aKnobThatMovesEvenlyKeepsTheGrid() {
        List<Double> asked = new ArrayList<>();
        List<CurvePoint> points = CurveTracer.trace(knob(l -> 1 - l, asked), new CurvePoint(0, 1, 0.8));
        assertEquals(CostQualityCurve.STEPS, points.size(), "steps of 1/20 of the range are not split");
        assertEquals(CostQualityCurve.STEPS - 1, asked.size());
        assertGridIncluded(points);
    }

    @Test
    void aFlatKnobKeepsTheGrid() {
        List<CurvePoint> points = CurveTracer.trace(knob(l -> 0.2, new ArrayList<>()), new CurvePoint(0, 0.2, 0.56));
        assertEquals(CostQualityCurve.STEPS, points.size());
    }

    @Test
    void aKnobThatMovesEarlyIsTracedWhereItMoves() {
        // the whole cost range between λ = 0 and 0.2, as the robust rule's utility knob did on two models before its C was balanced
        DoubleFunction<Double> cost = l -> l < 0.2 ? Math.pow(1 - 5 * l, 2) : 0.0;
        List<Double> asked = new ArrayList<>();
        List<CurvePoint> points = CurveTracer.trace(knob(cost, asked), new CurvePoint(0, 1, 0.8));
        assertGridIncluded(points);
        int extra = points.size() - CostQualityCurve.STEPS;
        assertTrue(extra > 0 && extra < CurveTracer.MAX_EXTRA, "points added, within the budget (so every gap below is closed): " + extra);
        assertTrue(points.stream().allMatch(p -> p.tolerance() >= 0 && p.tolerance() <= 1), "λ within [0, 1]");
        assertEquals(points.size() - 1, asked.size(), "every λ but 0 measured once, none twice");
        long between = points.stream().filter(p -> p.tolerance() > 0 && p.tolerance() < 0.2 && p.tolerance() * 20 != Math.rint(p.tolerance() * 20)).count();
        assertEquals(extra, between, "every added point lies where the cost moves");
        for (int i = 0; i + 1 < points.size(); i++) {
            CurvePoint a = points.get(i);
            CurvePoint b = points.get(i + 1);
            assertTrue(Math.abs(a.costPerPrompt() - b.costPerPrompt()) <= 1.0 / CurveTracer.PARTS + 1e-12
                            || b.tolerance() - a.tolerance() < 2 * CurveTracer.MIN_GAP || extra == CurveTracer.MAX_EXTRA,
                    "gap between λ " + a.tolerance() + " and " + b.tolerance() + " left wide");
        }
        List<CurvePoint> again = CurveTracer.trace(knob(cost, new ArrayList<>()), new CurvePoint(0, 1, 0.8));
        assertEquals(points.stream().map(CurvePoint::tolerance).toList(), again.stream().map(CurvePoint::tolerance).toList(), "deterministic");
    }

    @Test
    void aJumpIsBisectedDownToTheSmallestGapAndNoFurther() {
        List<Double> asked = new ArrayList<>();
        List<CurvePoint> points = CurveTracer.trace(knob(l -> l < 0.123 ? 1.0 : 0.0, asked), new CurvePoint(0, 1, 0.8));
        assertGridIncluded(points);
        double below = 0;
        double above = 1;
        for (CurvePoint p : points) {
            if (p.costPerPrompt() == 1) {
                below = Math.max(below, p.tolerance());
            } else {
                above = Math.min(above, p.tolerance());
            }
        }
        assertTrue(above - below >= CurveTracer.MIN_GAP - 1e-12 && above - below < 2 * CurveTracer.MIN_GAP, "jump located to " + (above - below));
        assertTrue(below < 0.123 && above >= 0.123);
        assertEquals(CostQualityCurve.STEPS + 5, points.size(), "one bisection per halving of 0.05 down to 1/640");
    }
}

package dev.finerouter.engine.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.DoubleFunction;

/**
 * Traces a router's cost–quality curve over its tolerance λ: the evaluation's grid 0, 0.05, …, 1
 * ({@link CostQualityCurve#STEPS} steps), then more points where the grid leaves a gap.
 *
 * <p>A router's knob need not move its cost evenly with λ: the robust rule's utility E − λ/(1 − λ)·cost/C, for one,
 * swept the whole cost range between λ = 0 and ≈ 0.25 on RouteLLM's two-model set and routed everything to the
 * cheaper model above it, so that more than half of its 21 grid points coincided and the rest lay far apart (until
 * stop 38 balanced its C on dev), and a threshold knob jumps where many prompts share a threshold. Between two
 * measured points the curve is read as linear (a random mix of the two settings), which under-reads a concave curve;
 * APGR and AIQ then measured the grid as much as the router. So, for every router alike: while some pair of neighbouring
 * points (by λ) is further apart than 1/{@link #PARTS} of the router's own cost range or Qual range on the grid, the
 * widest such pair gets a point at its λ midpoint (no λ gap is split below {@value #MIN_GAP}; at most
 * {@value #MAX_EXTRA} points are added). Deterministic: the same router and split give the same points, and every
 * router with a cost knob is traced by the same rule. A finer trace can only raise AIQ (read off the convex hull);
 * APGR, CPT and the area, read off the frontier linear between measured points, can also fall where a new point lies
 * below the chord of its neighbours: there the finer trace is the router's real curve.
 */
public final class CurveTracer {
    /**
     * A pair of neighbouring points is refined while it spans more than 1/PARTS of the router's cost or Qual range:
     * coarser than the grid's own steps would leave a knob that moved evenly with λ.
     */
    public static final int PARTS = CostQualityCurve.STEPS - 1;
    /** Smallest λ gap that is still bisected. */
    public static final double MIN_GAP = 1.0 / 640;
    /** Most points added after the grid. */
    public static final int MAX_EXTRA = 40;

    private CurveTracer() {
    }

    /**
     * The curve's points, sorted by λ.
     *
     * @param at the router's operating point at a tolerance λ in (0, 1] (the tolerance recorded in it is λ)
     * @param atZero its point at λ = 0, already measured
     */
    public static List<CurvePoint> trace(DoubleFunction<CurvePoint> at, CurvePoint atZero) {
        List<CurvePoint> points = new ArrayList<>(CostQualityCurve.STEPS + MAX_EXTRA);
        points.add(atZero);
        for (int i = 1; i < CostQualityCurve.STEPS; i++) {
            points.add(at.apply(CostQualityCurve.tolerance(i)));
        }
        double costRange = range(points, true);
        double qualRange = range(points, false);
        PriorityQueue<Gap> gaps = new PriorityQueue<>(Comparator.comparingDouble(Gap::width).reversed()
                .thenComparingDouble(g -> g.a().tolerance()));
        for (int i = 0; i + 1 < points.size(); i++) {
            offer(gaps, points.get(i), points.get(i + 1), costRange, qualRange);
        }
        for (int added = 0; added < MAX_EXTRA && !gaps.isEmpty(); added++) {
            Gap g = gaps.poll();
            CurvePoint mid = at.apply((g.a().tolerance() + g.b().tolerance()) / 2);
            points.add(mid);
            offer(gaps, g.a(), mid, costRange, qualRange);
            offer(gaps, mid, g.b(), costRange, qualRange);
        }
        points.sort(Comparator.comparingDouble(CurvePoint::tolerance));
        return points;
    }

    private record Gap(CurvePoint a, CurvePoint b, double width) {
    }

    /** Queues the pair when it is wide enough and its λ gap can still be halved. */
    private static void offer(PriorityQueue<Gap> gaps, CurvePoint a, CurvePoint b, double costRange, double qualRange) {
        if (b.tolerance() - a.tolerance() < 2 * MIN_GAP * (1 - 1e-9)) {
            return;
        }
        double width = 0;
        if (costRange > 0) {
            width = Math.max(width, Math.abs(b.costPerPrompt() - a.costPerPrompt()) / costRange);
        }
        if (qualRange > 0 && !Double.isNaN(a.qual()) && !Double.isNaN(b.qual())) {
            width = Math.max(width, Math.abs(b.qual() - a.qual()) / qualRange);
        }
        if (width > (1 + 1e-9) / PARTS) { // a knob that moves exactly evenly is not split by rounding
            gaps.add(new Gap(a, b, width));
        }
    }

    private static double range(List<CurvePoint> points, boolean cost) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (CurvePoint p : points) {
            double v = cost ? p.costPerPrompt() : p.qual();
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > lo ? hi - lo : 0;
    }
}

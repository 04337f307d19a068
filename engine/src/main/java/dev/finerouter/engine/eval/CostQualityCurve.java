package dev.finerouter.engine.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A router's cost–quality operating points (one per tolerance λ) and the numbers read off them.
 *
 * <p>Everything is read off the <b>frontier</b>: the points sorted by cost, keeping only those whose Qual is higher
 * than every cheaper point's (a router never needs to be run at a dominated setting). Between two frontier points
 * the curve is linear: randomly mixing the two settings achieves that cost and quality in expectation. Below the
 * cheapest point nothing is achievable; above the most expensive point the best quality stays.
 *
 * @param points the operating points, in the order measured
 */
public record CostQualityCurve(List<CurvePoint> points) {
    /** The λ grid of the evaluation: 0, 0.05, …, 1 (21 steps). */
    public static final int STEPS = 21;

    /** Validates and copies. */
    public CostQualityCurve {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a curve needs at least one point");
        }
    }

    /** The tolerance of grid step {@code i} of {@link #STEPS}. */
    public static double tolerance(int i) {
        return i / (double) (STEPS - 1);
    }

    /** The frontier: cost strictly increasing, Qual strictly increasing (NaN-quality points dropped). */
    public List<CurvePoint> frontier() {
        List<CurvePoint> sorted = new ArrayList<>();
        for (CurvePoint p : points) {
            if (!Double.isNaN(p.qual())) {
                sorted.add(p);
            }
        }
        sorted.sort(Comparator.comparingDouble(CurvePoint::costPerPrompt).thenComparing(CurvePoint::qual, Comparator.reverseOrder()));
        List<CurvePoint> out = new ArrayList<>();
        for (CurvePoint p : sorted) {
            if (out.isEmpty() || p.qual() > out.get(out.size() - 1).qual()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Qual reachable at a cost per prompt of {@code cost}: linear between frontier points, the best quality above
     * the most expensive one, NaN below the cheapest one.
     */
    public double qualityAtCost(double cost) {
        List<CurvePoint> f = frontier();
        if (f.isEmpty() || cost < f.get(0).costPerPrompt()) {
            return Double.NaN;
        }
        for (int i = 0; i + 1 < f.size(); i++) {
            CurvePoint a = f.get(i);
            CurvePoint b = f.get(i + 1);
            if (cost < b.costPerPrompt()) {
                return a.qual() + (cost - a.costPerPrompt()) / (b.costPerPrompt() - a.costPerPrompt()) * (b.qual() - a.qual());
            }
        }
        return f.get(f.size() - 1).qual();
    }

    /**
     * The lowest cost per prompt at which Qual reaches {@code quality}: linear between frontier points, the cheapest
     * point's cost when even that one reaches it, NaN when no point does.
     */
    public double costAtQuality(double quality) {
        List<CurvePoint> f = frontier();
        if (f.isEmpty() || Double.isNaN(quality) || quality > f.get(f.size() - 1).qual()) {
            return Double.NaN;
        }
        if (quality <= f.get(0).qual()) {
            return f.get(0).costPerPrompt();
        }
        for (int i = 0; i + 1 < f.size(); i++) {
            CurvePoint a = f.get(i);
            CurvePoint b = f.get(i + 1);
            if (quality <= b.qual()) {
                return a.costPerPrompt() + (quality - a.qual()) / (b.qual() - a.qual()) * (b.costPerPrompt() - a.costPerPrompt());
            }
        }
        return f.get(f.size() - 1).costPerPrompt();
    }

    /**
     * Area under the frontier with the cost axis normalised to x = (cost − minCost) / (maxCost − minCost) over
     * [0, 1] (the evaluation passes the cheapest and most expensive single model's cost per prompt). The curve is 0
     * left of its cheapest point, linear between frontier points and flat right of its most expensive point; parts
     * outside [0, 1] are clipped. The result is in [0, 1] for qualities in [0, 1]; NaN when maxCost ≤ minCost (equal
     * costs: no cost axis).
     */
    public double area(double minCost, double maxCost) {
        if (!(maxCost > minCost)) {
            return Double.NaN;
        }
        List<CurvePoint> f = frontier();
        if (f.isEmpty()) {
            return Double.NaN;
        }
        double span = maxCost - minCost;
        double area = 0;
        for (int i = 0; i + 1 < f.size(); i++) {
            double xa = (f.get(i).costPerPrompt() - minCost) / span;
            double xb = (f.get(i + 1).costPerPrompt() - minCost) / span;
            double qa = f.get(i).qual();
            double qb = f.get(i + 1).qual();
            double lo = Math.max(xa, 0);
            double hi = Math.min(xb, 1);
            if (hi > lo) {
                double gLo = qa + (lo - xa) / (xb - xa) * (qb - qa);
                double gHi = qa + (hi - xa) / (xb - xa) * (qb - qa);
                area += (gLo + gHi) / 2 * (hi - lo);
            }
        }
        CurvePoint last = f.get(f.size() - 1);
        double lo = Math.max((last.costPerPrompt() - minCost) / span, 0);
        if (lo < 1) {
            area += last.qual() * (1 - lo);
        }
        return area;
    }
}

package dev.finerouter.engine.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link StandardMetrics} from an {@link EvaluationReport} alone (its single-model rows and each router's
 * curve points), so a report read back from JSON gives the same numbers. Definitions: docs/metrics.md.
 *
 * <ul>
 *   <li>RouteLLM (Ong et al. 2024, {@code routellm/evals/evaluate.py}): PGR, APGR, CPT(50%), CPT(80%), on the
 *       normalised cost axis instead of the share of strong-model calls.</li>
 *   <li>RouterBench (Hu et al. 2024, {@code evaluation/AIQ.py}): the non-decreasing convex hull and AIQ.</li>
 * </ul>
 * Stateless.
 */
public final class StandardMetricsCalculator {
    private StandardMetricsCalculator() {
    }

    /** The standard metrics of every router of a report, by router name in report order. */
    public static Map<String, StandardMetrics> of(EvaluationReport report) {
        Map<String, StandardMetrics> out = new LinkedHashMap<>();
        for (RouterResult r : report.results()) {
            out.put(r.name(), of(report, r));
        }
        return out;
    }

    /**
     * The fraction of test prompts {@code router} sends to the strong model of {@code metrics} at its default setting
     * (λ = 0: the router's own metrics, so reports without per-point shares have it too); NaN without a strong model.
     */
    public static double strongCallShare(EvaluationReport report, RouterResult router, StandardMetrics metrics) {
        int strong = metrics.strongModel() == null ? -1 : report.models().indexOf(metrics.strongModel());
        return strong < 0 ? Double.NaN : router.metrics().share()[strong];
    }

    /** The standard metrics of one router of a report. */
    public static StandardMetrics of(EvaluationReport report, RouterResult router) {
        RouterResult strong = report.bestSingleModel() == null ? null : report.result(report.bestSingleModel());
        RouterResult weak = weakest(report);
        List<CurvePoint> points = router.curve().points();
        List<CurvePoint> hull = nonDecreasingConvexHull(points);
        double aiq = hull.isEmpty() ? Double.NaN : new CostQualityCurve(hull).area(report.costAxisMin(), report.costAxisMax());
        if (strong == null || weak == null) {
            List<StandardMetrics.GapPoint> gap = new ArrayList<>();
            for (CurvePoint p : points) {
                gap.add(new StandardMetrics.GapPoint(p.tolerance(), Double.NaN, Double.NaN, Double.NaN));
            }
            return new StandardMetrics(null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, aiq, hull, gap);
        }
        double qs = strong.metrics().qual();
        double qw = weak.metrics().qual();
        double cs = strong.metrics().costPerPrompt();
        double cw = weak.metrics().costPerPrompt();
        boolean gapDefined = qs > qw;
        boolean axisDefined = cs > cw;
        int strongIndex = report.models().indexOf(strong.name());
        List<StandardMetrics.GapPoint> gap = new ArrayList<>();
        for (CurvePoint p : points) {
            gap.add(new StandardMetrics.GapPoint(p.tolerance(), axisDefined ? (p.costPerPrompt() - cw) / (cs - cw) : Double.NaN,
                    gapDefined ? pgr(p.qual(), qw, qs) : Double.NaN, p.shareOf(strongIndex)));
        }
        double pgr0 = gapDefined ? pgr(router.metrics().qual(), qw, qs) : Double.NaN;
        double apgr = Double.NaN;
        double cpt50 = Double.NaN;
        double cpt80 = Double.NaN;
        if (gapDefined && axisDefined) {
            List<CurvePoint> anchored = new ArrayList<>(points);
            anchored.add(new CurvePoint(Double.NaN, cw, qw));
            CostQualityCurve curve = new CostQualityCurve(anchored);
            apgr = pgr(curve.area(cw, cs), qw, qs);
            cpt50 = callPercentage(curve, qw + 0.5 * (qs - qw), cw, cs);
            cpt80 = callPercentage(curve, qw + 0.8 * (qs - qw), cw, cs);
        }
        return new StandardMetrics(strong.name(), weak.name(), qs, qw, cs, cw, pgr0, apgr, cpt50, cpt80, aiq, hull, gap);
    }

    /**
     * The weak model: the single model with the lowest cost per prompt (ties: higher Qual, then report order), or
     * {@code null} when the report has no single model with a Qual.
     */
    static RouterResult weakest(EvaluationReport report) {
        RouterResult weak = null;
        for (RouterResult r : report.results()) {
            if (r.kind() != RouterKind.SINGLE_MODEL || Double.isNaN(r.metrics().qual())) {
                continue;
            }
            double c = r.metrics().costPerPrompt();
            if (weak == null || c < weak.metrics().costPerPrompt()
                    || (c == weak.metrics().costPerPrompt() && r.metrics().qual() > weak.metrics().qual())) {
                weak = r;
            }
        }
        return weak;
    }

    /** PGR of a quality: (q − weak) / (strong − weak). */
    static double pgr(double quality, double weak, double strong) {
        return (quality - weak) / (strong - weak);
    }

    /** The smallest normalised cost (in %, at least 0) at which the anchored curve reaches {@code quality}. */
    private static double callPercentage(CostQualityCurve curve, double quality, double weakCost, double strongCost) {
        double cost = curve.costAtQuality(quality);
        if (Double.isNaN(cost)) {
            return Double.NaN;
        }
        return 100 * Math.max(0, (cost - weakCost) / (strongCost - weakCost));
    }

    /**
     * RouterBench's non-decreasing convex hull of (cost, Qual) points: drop dominated points (keep the
     * {@linkplain CostQualityCurve#frontier frontier}: cost and Qual strictly increasing), then keep the upper convex
     * hull (a point on or below the chord of its neighbours is dropped). The result is cost increasing and Qual
     * non-decreasing; NaN-quality points are ignored.
     */
    public static List<CurvePoint> nonDecreasingConvexHull(List<CurvePoint> points) {
        if (points.isEmpty()) {
            return List.of();
        }
        List<CurvePoint> hull = new ArrayList<>();
        for (CurvePoint p : new CostQualityCurve(points).frontier()) {
            while (hull.size() >= 2 && !turnsRight(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p)) {
                hull.remove(hull.size() - 1);
            }
            hull.add(p);
        }
        return hull;
    }

    /** Whether a → b → c turns clockwise (b strictly above the chord a–c). */
    private static boolean turnsRight(CurvePoint a, CurvePoint b, CurvePoint c) {
        double cross = (b.costPerPrompt() - a.costPerPrompt()) * (c.qual() - b.qual())
                - (b.qual() - a.qual()) * (c.costPerPrompt() - b.costPerPrompt());
        return cross < 0;
    }
}

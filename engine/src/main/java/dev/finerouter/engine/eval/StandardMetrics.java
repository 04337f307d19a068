package dev.finerouter.engine.eval;

import java.util.List;

/**
 * The standard router metrics of one router beside the paper's (definitions in docs/metrics.md), all derived from an
 * {@link EvaluationReport} by {@link StandardMetricsCalculator}.
 *
 * <p>RouteLLM (Ong et al. 2024) defines its metrics for a strong/weak model pair; here <b>strong</b> = the best single
 * model on test by Qual and <b>weak</b> = the cheapest single model (ties: the higher Qual). Their "percentage of calls
 * to the strong model" axis is generalised to the <b>normalised cost axis</b> x = (cost − weak cost) / (strong cost −
 * weak cost); the literal share of calls to the strong model is kept per curve point ({@link GapPoint}).
 *
 * @param strongModel the strong model (best single model), or {@code null} without single models
 * @param weakModel the weak model (cheapest single model), or {@code null} without single models
 * @param strongQual Qual of the strong model on test
 * @param weakQual Qual of the weak model on test
 * @param strongCost cost per prompt of the strong model
 * @param weakCost cost per prompt of the weak model
 * @param pgr performance gap recovered at λ = 0: (Qual − weakQual) / (strongQual − weakQual); NaN when the gap is
 *            not positive
 * @param apgr average PGR: ∫₀¹ PGR(x) dx over the normalised cost axis (weak model as the x = 0 anchor, linear between
 *             frontier points, flat right of the router's most expensive point); NaN without a cost axis or gap
 * @param cpt50 CPT(50%): the smallest x (in %, 0–100) at which PGR reaches 50%, NaN when it never does
 * @param cpt80 CPT(80%): as {@code cpt50} for 80%
 * @param aiq RouterBench's AIQ: area under the non-decreasing convex hull of the router's (cost, Qual) points over
 *            [cheapest, most expensive single model's cost], divided by that range; NaN with equal costs
 * @param hull the non-decreasing convex hull, cost increasing
 * @param points one entry per curve point, in the curve's order
 */
public record StandardMetrics(String strongModel, String weakModel, double strongQual, double weakQual, double strongCost,
                              double weakCost, double pgr, double apgr, double cpt50, double cpt80, double aiq,
                              List<CurvePoint> hull, List<GapPoint> points) {
    /** Copies. */
    public StandardMetrics {
        hull = List.copyOf(hull);
        points = List.copyOf(points);
    }

    /**
     * One curve point on the RouteLLM axes.
     *
     * @param tolerance the λ of the point (NaN for knob-less routers)
     * @param normalisedCost x = (cost − weak cost) / (strong cost − weak cost), NaN without a cost axis (not clipped)
     * @param pgr performance gap recovered at the point, NaN without a gap
     * @param strongCallShare literal fraction of prompts routed to the strong model, NaN when unknown
     */
    public record GapPoint(double tolerance, double normalisedCost, double pgr, double strongCallShare) {
    }
}

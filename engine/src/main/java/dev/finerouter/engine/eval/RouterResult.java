package dev.finerouter.engine.eval;

import java.util.Objects;

/**
 * The evaluation of one router on the test split.
 *
 * @param name display name
 * @param kind row group
 * @param hasCostKnob whether the curve was traced over λ
 * @param metrics metrics at λ = 0
 * @param curve operating points: 21 for knob routers (λ = 0, 0.05, …, 1), one (λ = NaN) otherwise
 * @param qualityAtBestSingleCost Qual read off the curve at the best single model's cost per prompt (NaN when the
 *                                curve does not reach that cheaply or there are no single models)
 * @param costAtBestSingleQuality cost per prompt at which the curve first reaches the best single model's Qual (NaN
 *                                when it never does)
 * @param area area under the cost–quality frontier on the normalised cost axis (NaN for knob-less routers and equal
 *             costs)
 */
public record RouterResult(String name, RouterKind kind, boolean hasCostKnob, RouterMetrics metrics, CostQualityCurve curve,
                           double qualityAtBestSingleCost, double costAtBestSingleQuality, double area) {
    /** Validates. */
    public RouterResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(curve, "curve");
    }
}

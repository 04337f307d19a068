package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.PairedDifference;

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
 * @param versusBestSingle this router's outcomes at λ = 0 minus the best single model's, paired over the test prompts
 *                         ({@link PairedDifference#NONE} for the best single model itself, without one, and in reports
 *                         written before stop 36)
 * @param versusFull this router's outcomes at λ = 0 minus the router under test's (the first {@link RouterKind#FULL}
 *                   row), paired over the test prompts ({@link PairedDifference#NONE} for that row itself and without
 *                   one)
 */
public record RouterResult(String name, RouterKind kind, boolean hasCostKnob, RouterMetrics metrics, CostQualityCurve curve,
                           double qualityAtBestSingleCost, double costAtBestSingleQuality, double area,
                           PairedDifference versusBestSingle, PairedDifference versusFull) {
    /** Validates. */
    public RouterResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(versusBestSingle, "versusBestSingle");
        Objects.requireNonNull(versusFull, "versusFull");
    }

    /** A result without paired differences. */
    public RouterResult(String name, RouterKind kind, boolean hasCostKnob, RouterMetrics metrics, CostQualityCurve curve,
                        double qualityAtBestSingleCost, double costAtBestSingleQuality, double area) {
        this(name, kind, hasCostKnob, metrics, curve, qualityAtBestSingleCost, costAtBestSingleQuality, area,
                PairedDifference.NONE, PairedDifference.NONE);
    }
}

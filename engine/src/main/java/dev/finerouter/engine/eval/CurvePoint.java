package dev.finerouter.engine.eval;

/**
 * One operating point of a router.
 *
 * @param tolerance the λ that produced it (NaN for a knob-less router's single point)
 * @param costPerPrompt mean cost per routed prompt
 * @param qual Qual at that point
 */
public record CurvePoint(double tolerance, double costPerPrompt, double qual) {
    /** Validates. */
    public CurvePoint {
        if (!(costPerPrompt >= 0) || Double.isInfinite(costPerPrompt)) {
            throw new IllegalArgumentException("cost must be finite and >= 0, was " + costPerPrompt);
        }
    }
}

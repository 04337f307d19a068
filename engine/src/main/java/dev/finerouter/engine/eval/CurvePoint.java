package dev.finerouter.engine.eval;

/**
 * One operating point of a router.
 *
 * @param tolerance the λ that produced it (NaN for a knob-less router's single point)
 * @param costPerPrompt mean cost per routed prompt
 * @param qual Qual at that point
 * @param share fraction of prompts routed to each model at this point (indexed by model); empty when unknown (e.g.
 *              a point built without shares)
 */
public record CurvePoint(double tolerance, double costPerPrompt, double qual, double[] share) {
    /** Validates and copies. */
    public CurvePoint {
        if (!(costPerPrompt >= 0) || Double.isInfinite(costPerPrompt)) {
            throw new IllegalArgumentException("cost must be finite and >= 0, was " + costPerPrompt);
        }
        share = share == null ? new double[0] : share.clone();
    }

    /** A point without routing shares. */
    public CurvePoint(double tolerance, double costPerPrompt, double qual) {
        this(tolerance, costPerPrompt, qual, new double[0]);
    }

    /** A copy of the shares (empty when unknown). */
    @Override
    public double[] share() {
        return share.clone();
    }

    /** The fraction of prompts routed to {@code model} at this point, NaN when shares are unknown. */
    public double shareOf(int model) {
        return model >= 0 && model < share.length ? share[model] : Double.NaN;
    }
}

package dev.finerouter.engine.route;

import dev.finerouter.engine.knob.Knobs;

/**
 * The knobs applied when the router picks a model.
 *
 * @param alpha weight of the prompt-specific prediction against the task prior, in [0, 1] (paper: 0.5; {@link Knobs#ALPHA})
 * @param tolerance cost tolerance λ in [0, 1] ({@link Knobs#TOLERANCE}); 0 = pure quality (paper), 1 = cheapest model among the compared ones.
 *                  The paper's rule: among models whose Q_final is at least (1 − λ) × the best Q_final, the cheapest
 *                  wins. The robust rule: the highest estimate − λ/(1 − λ) · cost / cost scale wins
 *                  ({@link QualityRouter#routeByEstimate})
 * @param maxCostPerCall hard budget per call (same unit as costs), or {@code null} for none
 */
public record RoutingPolicy(double alpha, double tolerance, Double maxCostPerCall) {
    /** The paper's setting: α = 0.5, no cost tolerance, no budget. */
    public static final RoutingPolicy PAPER = new RoutingPolicy(Knobs.ALPHA.paperValue(), Knobs.TOLERANCE.paperValue(), null);

    public RoutingPolicy {
        if (!Knobs.ALPHA.accepts(alpha)) {
            throw new IllegalArgumentException("alpha must be in [0,1], was " + alpha);
        }
        if (!Knobs.TOLERANCE.accepts(tolerance)) {
            throw new IllegalArgumentException("tolerance must be in [0,1], was " + tolerance);
        }
        if (maxCostPerCall != null && !(maxCostPerCall >= 0)) {
            throw new IllegalArgumentException("maxCostPerCall must be >= 0, was " + maxCostPerCall);
        }
    }

    /** This policy with another α. */
    public RoutingPolicy withAlpha(double newAlpha) {
        return new RoutingPolicy(newAlpha, tolerance, maxCostPerCall);
    }

    /** This policy with another tolerance. */
    public RoutingPolicy withTolerance(double newTolerance) {
        return new RoutingPolicy(alpha, newTolerance, maxCostPerCall);
    }
}

package dev.finerouter.engine.calibrate;

import dev.finerouter.engine.route.RoutingPolicy;

import java.util.Objects;

/**
 * Finds the routing setting that meets a {@link CalibrationTarget} on the dev split, then reports it on test.
 *
 * <p>Search, for each α (the base policy's α, or {@link #ALPHA_GRID} when tuning α): the tolerance λ on a grid of
 * {@link #GRID_STEPS} values 0, 0.005, …, 1, then between every two neighbouring grid values where the target flips
 * between met and missed, {@link #REFINE_STEPS} bisection steps towards the boundary (the outcome is only
 * monotone-ish in λ, so every flip is refined, not just the first). Every evaluated setting is a candidate:
 * <ul>
 *   <li>if any meets the target on dev, the best by the target's secondary objective wins (highest Qual for cost and
 *       share caps, lowest cost for a quality floor; earlier candidates win exact ties: lower α, then lower λ);</li>
 *   <li>otherwise the one with the smallest violation (ties: secondary objective), reported as infeasible.</li>
 * </ul>
 * The test split is evaluated once, at the chosen setting. Deterministic; no randomness.
 */
public final class Calibrator {
    /** Tolerance grid size (0, 0.005, …, 1). */
    public static final int GRID_STEPS = 201;
    /** Bisection steps between two grid values where the target flips (refines λ to 0.005 / 2^20). */
    public static final int REFINE_STEPS = 20;
    /** The α values tried when α is tuned: 0, 0.1, …, 1. */
    public static final double[] ALPHA_GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

    private Calibrator() {
    }

    /**
     * Calibrates.
     *
     * @param target the goal
     * @param dev evaluates settings on the dev split (chooses)
     * @param test evaluates the chosen setting on the test split (reports)
     * @param base the starting policy: its α is kept unless {@code tuneAlpha}, its budget is always kept
     * @param tuneAlpha whether to search α over {@link #ALPHA_GRID} too
     */
    public static CalibrationResult calibrate(CalibrationTarget target, PolicyEvaluator dev, PolicyEvaluator test,
                                              RoutingPolicy base, boolean tuneAlpha) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(base, "base");
        Search search = new Search(target, dev);
        double[] alphas = tuneAlpha ? ALPHA_GRID : new double[] {base.alpha()};
        for (double alpha : alphas) {
            RoutingPolicy withAlpha = base.withAlpha(alpha);
            SplitOutcome[] grid = new SplitOutcome[GRID_STEPS];
            for (int i = 0; i < GRID_STEPS; i++) {
                grid[i] = search.consider(withAlpha.withTolerance(gridTolerance(i)));
            }
            for (int i = 0; i + 1 < GRID_STEPS; i++) {
                boolean metLo = target.met(grid[i]);
                if (metLo != target.met(grid[i + 1])) {
                    double lo = gridTolerance(i);
                    double hi = gridTolerance(i + 1);
                    for (int s = 0; s < REFINE_STEPS; s++) {
                        double mid = (lo + hi) / 2;
                        boolean metMid = target.met(search.consider(withAlpha.withTolerance(mid)));
                        if (metMid == metLo) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                }
            }
        }
        SplitOutcome onTest = test.evaluate(search.bestPolicy);
        return new CalibrationResult(target, search.bestPolicy, search.best, onTest, target.met(search.best), target.met(onTest),
                search.evaluations, tuneAlpha);
    }

    /** The tolerance of grid step {@code i}. */
    static double gridTolerance(int i) {
        return i / (double) (GRID_STEPS - 1);
    }

    /** The best candidate so far. */
    private static final class Search {
        private final CalibrationTarget target;
        private final PolicyEvaluator dev;
        private RoutingPolicy bestPolicy;
        private SplitOutcome best;
        private int evaluations;

        Search(CalibrationTarget target, PolicyEvaluator dev) {
            this.target = target;
            this.dev = dev;
        }

        SplitOutcome consider(RoutingPolicy policy) {
            SplitOutcome o = dev.evaluate(policy);
            evaluations++;
            if (best == null || beats(o, best)) {
                best = o;
                bestPolicy = policy;
            }
            return o;
        }

        private boolean beats(SplitOutcome a, SplitOutcome b) {
            boolean metA = target.met(a);
            boolean metB = target.met(b);
            if (metA != metB) {
                return metA;
            }
            if (!metA) {
                double va = target.violation(a);
                double vb = target.violation(b);
                if (va != vb) {
                    return va < vb;
                }
            }
            return target.better(a, b);
        }
    }
}

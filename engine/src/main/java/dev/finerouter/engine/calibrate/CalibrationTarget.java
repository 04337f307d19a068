package dev.finerouter.engine.calibrate;

import dev.finerouter.engine.model.HumanNumbers;
import dev.finerouter.engine.model.ModelPool;

import java.util.Locale;
import java.util.Objects;

/**
 * A goal stated instead of a knob. Each target names the measured quantity, its bound, and the secondary objective
 * among the settings that meet it: the highest Qual for a cost or share cap, the lowest cost for a quality floor.
 */
public sealed interface CalibrationTarget {
    /** Tolerance for comparing a measured value with the bound (floating-point noise, not slack). */
    double EPS = 1e-9;

    /** The measured quantity of an outcome (cost per 1k, a model's share, or Qual). */
    double value(SplitOutcome outcome);

    /** The bound. */
    double bound();

    /** Whether the quantity must stay at or below the bound (a cap) rather than reach it (a floor). */
    boolean isCap();

    /** A short machine name: {@code max-cost-per-1k}, {@code max-share} or {@code min-quality}. */
    String kind();

    /** A one-line human description, e.g. "at most $2.50 per 1,000 prompts". */
    String describe();

    /** Whether an outcome meets the target. */
    default boolean met(SplitOutcome outcome) {
        double v = value(outcome);
        if (Double.isNaN(v)) {
            return false;
        }
        return isCap() ? v <= bound() + EPS : v >= bound() - EPS;
    }

    /** How far an outcome misses the target (0 when met, NaN quality counts as infinitely far). */
    default double violation(SplitOutcome outcome) {
        double v = value(outcome);
        if (Double.isNaN(v)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, isCap() ? v - bound() : bound() - v);
    }

    /**
     * Whether {@code a} is better than {@code b} on the secondary objective: higher Qual (ties: lower cost) for caps,
     * lower cost (ties: higher Qual) for a quality floor. NaN Qual is worst.
     */
    default boolean better(SplitOutcome a, SplitOutcome b) {
        double qa = Double.isNaN(a.qual()) ? Double.NEGATIVE_INFINITY : a.qual();
        double qb = Double.isNaN(b.qual()) ? Double.NEGATIVE_INFINITY : b.qual();
        if (isCap()) {
            return qa > qb + EPS || (Math.abs(qa - qb) <= EPS && a.costPer1k() < b.costPer1k() - EPS);
        }
        return a.costPer1k() < b.costPer1k() - EPS || (Math.abs(a.costPer1k() - b.costPer1k()) <= EPS && qa > qb + EPS);
    }

    /**
     * At most {@code usd} per 1,000 prompts (in calls when the pool has no prices).
     *
     * @param usd the budget per 1,000 prompts, &gt;= 0
     */
    record MaxCostPer1k(double usd) implements CalibrationTarget {
        /** Validates. */
        public MaxCostPer1k {
            if (!(usd >= 0) || Double.isInfinite(usd)) {
                throw new IllegalArgumentException("the cost per 1,000 prompts must be a finite number >= 0, was " + usd);
            }
        }

        @Override
        public double value(SplitOutcome outcome) {
            return outcome.costPer1k();
        }

        @Override
        public double bound() {
            return usd;
        }

        @Override
        public boolean isCap() {
            return true;
        }

        @Override
        public String kind() {
            return "max-cost-per-1k";
        }

        @Override
        public String describe() {
            return "at most " + HumanNumbers.costText(usd) + " per 1,000 prompts";
        }
    }

    /**
     * At most {@code fraction} of the calls go to {@code model}.
     *
     * @param model the model's name
     * @param modelIndex the model's index in the pool
     * @param fraction the largest allowed share, in [0, 1]
     */
    record MaxShare(String model, int modelIndex, double fraction) implements CalibrationTarget {
        /** Validates. */
        public MaxShare {
            Objects.requireNonNull(model, "model");
            if (modelIndex < 0) {
                throw new IllegalArgumentException("model index must be >= 0");
            }
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("the share must be in [0,1], was " + fraction);
            }
        }

        /**
         * The target for a model named in a pool.
         *
         * @throws IllegalArgumentException when the pool has no such model (the message lists the pool)
         */
        public static MaxShare of(ModelPool pool, String model, double fraction) {
            int index = pool.indexOf(model);
            if (index < 0) {
                throw new IllegalArgumentException("the bundle's pool has no model '" + model + "'; it has " + pool.names());
            }
            return new MaxShare(model, index, fraction);
        }

        @Override
        public double value(SplitOutcome outcome) {
            return outcome.shareOf(modelIndex);
        }

        @Override
        public double bound() {
            return fraction;
        }

        @Override
        public boolean isCap() {
            return true;
        }

        @Override
        public String kind() {
            return "max-share";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "at most %.1f%% of calls to %s", 100 * fraction, model);
        }
    }

    /**
     * At least {@code quality} Qual (mean true score of the routed models).
     *
     * @param quality the floor, in [0, 1]
     */
    record MinQuality(double quality) implements CalibrationTarget {
        /** Validates. */
        public MinQuality {
            if (!(quality >= 0 && quality <= 1)) {
                throw new IllegalArgumentException("the quality floor must be in [0,1], was " + quality);
            }
        }

        @Override
        public double value(SplitOutcome outcome) {
            return outcome.qual();
        }

        @Override
        public double bound() {
            return quality;
        }

        @Override
        public boolean isCap() {
            return false;
        }

        @Override
        public String kind() {
            return "min-quality";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "Qual at least %.4f", quality);
        }
    }
}

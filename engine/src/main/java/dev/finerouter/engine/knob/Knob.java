package dev.finerouter.engine.knob;

import java.util.Objects;

/**
 * One setting a user can turn (τ, δ, ℓ, k, α, …), defined once: its name, default, valid range, the paper's value and
 * what it does. The configs validate against {@link #range()}, the CLI options and the workbench's controls take their
 * defaults, paper markers and offered ranges from here. The definitions are in {@link Knobs}.
 *
 * @param name the field's name in the configs (e.g. {@code minTaskSize}); error messages use it
 * @param symbol the symbol people know it by (τ, δ, ℓ, …), or the name where there is none
 * @param integer whether the knob takes whole numbers only
 * @param defaultValue what every face uses when nothing else is said
 * @param paperValue the paper's value, or NaN where the paper gives none (then the default is our choice)
 * @param range the values the configs accept
 * @param offered the range a control offers (within {@code range}; the upper end of an open-ended knob is a practical
 *                limit, not a rule), with its step; {@code null} where no control offers the knob
 * @param doc one sentence on what the knob does
 */
public record Knob(String name, String symbol, boolean integer, double defaultValue, double paperValue, Range range,
                   Offered offered, String doc) {

    /** Validates the definition: the default and the paper's value lie in the range, the offered range too. */
    public Knob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(doc, "doc");
        if (!range.contains(defaultValue) || integer && defaultValue != Math.rint(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + range);
        }
        if (!Double.isNaN(paperValue) && !range.contains(paperValue)) {
            throw new IllegalArgumentException(name + ": paper value " + paperValue + " outside " + range);
        }
        if (offered != null && (!range.contains(offered.min()) || !range.contains(offered.max())
                || !(offered.min() <= defaultValue && defaultValue <= offered.max()))) {
            throw new IllegalArgumentException(name + ": offered " + offered + " must lie in " + range + " around the default");
        }
    }

    /**
     * The values a config accepts: {@code min} to {@code max}, each end open or closed; an infinite {@code max} is
     * open, so the value must also be finite.
     *
     * @param min lower end
     * @param minOpen whether {@code min} itself is excluded
     * @param max upper end, possibly {@link Double#POSITIVE_INFINITY}
     * @param maxOpen whether {@code max} itself is excluded
     */
    public record Range(double min, boolean minOpen, double max, boolean maxOpen) {
        /** Validates the ends. */
        public Range {
            if (!Double.isFinite(min) || Double.isNaN(max) || !(min < max) || max == Double.POSITIVE_INFINITY && !maxOpen) {
                throw new IllegalArgumentException("bad range " + min + " .. " + max);
            }
        }

        /** [min, max]. */
        public static Range closed(double min, double max) {
            return new Range(min, false, max, false);
        }

        /** (min, max]. */
        public static Range aboveUpTo(double min, double max) {
            return new Range(min, true, max, false);
        }

        /** (min, max). */
        public static Range open(double min, double max) {
            return new Range(min, true, max, true);
        }

        /** [min, ∞): at least {@code min}, and finite. */
        public static Range atLeast(double min) {
            return new Range(min, false, Double.POSITIVE_INFINITY, true);
        }

        /** (min, ∞): above {@code min}, and finite. */
        public static Range above(double min) {
            return new Range(min, true, Double.POSITIVE_INFINITY, true);
        }

        /** Whether {@code v} lies in the range (never for NaN). */
        public boolean contains(double v) {
            return (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
        }

        @Override
        public String toString() {
            return (minOpen ? "(" : "[") + number(min) + ", " + (max == Double.POSITIVE_INFINITY ? "∞" : number(max)) + (maxOpen ? ")" : "]");
        }
    }

    /**
     * The part of the range a control (spinner, slider) offers.
     *
     * @param min lowest value offered
     * @param max highest value offered
     * @param step the control's step
     */
    public record Offered(double min, double max, double step) {
        /** Validates the ends and the step. */
        public Offered {
            if (!(min <= max) || !(step > 0) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("bad offered range " + min + " .. " + max + " step " + step);
            }
        }
    }

    /** A knob taking whole numbers. */
    static Knob integer(String name, String symbol, int defaultValue, double paperValue, Range range, Offered offered, String doc) {
        return new Knob(name, symbol, true, defaultValue, paperValue, range, offered, doc);
    }

    /** A knob taking real numbers. */
    static Knob real(String name, String symbol, double defaultValue, double paperValue, Range range, Offered offered, String doc) {
        return new Knob(name, symbol, false, defaultValue, paperValue, range, offered, doc);
    }

    /** The default of a whole-number knob. */
    public int intDefault() {
        return (int) defaultValue;
    }

    /** The paper's value of a whole-number knob (only when {@link #fromPaper()}). */
    public int intPaperValue() {
        if (!fromPaper()) {
            throw new IllegalStateException(name + " has no paper value");
        }
        return (int) paperValue;
    }

    /** Whether the paper gives this knob's value (else the default is the project's choice). */
    public boolean fromPaper() {
        return !Double.isNaN(paperValue);
    }

    /** Whether {@code value} is a valid setting. */
    public boolean accepts(double value) {
        return range.contains(value) && (!integer || value == Math.rint(value));
    }

    /**
     * {@code value}, or an {@link IllegalArgumentException} saying "{@code <name> must be <requirement>, got <value>}",
     * e.g. "tau must be in [0, 1], got 1.5".
     */
    public double require(double value) {
        if (!accepts(value)) {
            throw new IllegalArgumentException(name + " must be " + requirement() + ", got " + value);
        }
        return value;
    }

    /** {@link #require(double)} for a whole-number knob, with the value printed as a whole number. */
    public int require(int value) {
        if (!accepts(value)) {
            throw new IllegalArgumentException(name + " must be " + requirement() + ", got " + value);
        }
        return value;
    }

    /** The range in words: "in [0, 1]", "&gt;= 1", "positive", "finite and &gt;= 0". */
    public String requirement() {
        if (range.max() != Double.POSITIVE_INFINITY) {
            return "in " + range;
        }
        if (integer) {
            return (range.minOpen() ? "> " : ">= ") + number(range.min());
        }
        if (range.min() == 0 && range.minOpen()) {
            return "positive";
        }
        return "finite and " + (range.minOpen() ? "> " : ">= ") + number(range.min());
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

package dev.finerouter.engine.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers rounded for people, in plain decimal notation, used wherever FineRouter prints or answers a cost, a price,
 * a predicted quality or a probability (route output, the server, the CLI's tables): costs to {@value #COST_DIGITS}
 * significant digits ({@code 0.0001575}, never {@code 1.5749999999999998E-4}), qualities and probabilities to
 * {@value #SCORE_DECIMALS} decimals. Files FineRouter reads back (decision logs, evaluation.json, bundles) keep full
 * precision and do not go through here.
 */
public final class HumanNumbers {
    /** Significant digits of a cost. */
    public static final int COST_DIGITS = 4;
    /** Decimals of a predicted quality or a probability. */
    public static final int SCORE_DECIMALS = 4;

    private HumanNumbers() {
    }

    /** {@code v} to {@code digits} significant digits, trailing zeros dropped, never with a negative scale. */
    public static BigDecimal significant(double v, int digits) {
        BigDecimal b = new BigDecimal(Double.toString(v)).round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    /** {@code v} to {@code decimals} decimals, trailing zeros dropped. */
    public static BigDecimal decimals(double v, int decimals) {
        BigDecimal b = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    /**
     * A price as configured, in plain notation ({@code 0.0009}, not {@code 9.0E-4}), to 12 significant digits: more than
     * any price has, few enough to drop the noise of a unit conversion ({@code 0.12 / 1000} is {@code 0.00012}, not
     * {@code 0.00011999999999999999}); {@code null} stays null.
     */
    public static BigDecimal price(Double v) {
        return v == null || !Double.isFinite(v) ? null : significant(v, 12);
    }

    /**
     * A cost as text, rounded like a decision's {@code cost}: {@value #COST_DIGITS} significant digits in plain notation
     * ({@code 0.0001575}, {@code 2.5}); {@code –} when not finite.
     */
    public static String costText(double v) {
        return Double.isFinite(v) ? significant(v, COST_DIGITS).toPlainString() : "–";
    }
}

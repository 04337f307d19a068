package dev.finerouter.app.common;

import java.util.Locale;

/**
 * Number and error-message formatting shared by the views and view models (fixed locale, so screenshots and tests read
 * the same everywhere).
 */
public final class Format {
    private Format() {
    }

    /** {@code 0.1234} → {@code "12.3%"}. */
    public static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** Three decimals, "–" for NaN. */
    public static String decimal(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A cost per call. */
    public static String cost(double v) {
        return Double.isNaN(v) ? "–" : v >= 0.01 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.2e", v);
    }

    /** Milliseconds as seconds with one decimal. */
    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** An integer with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An error's message followed by the engine's hint in parentheses, when it has one. */
    public static String withHint(Throwable t) {
        String hint = t instanceof dev.finerouter.engine.EngineException ee && ee.hint() != null ? " (" + ee.hint() + ")" : "";
        return t.getMessage() + hint;
    }
}

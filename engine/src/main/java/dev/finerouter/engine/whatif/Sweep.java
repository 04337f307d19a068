package dev.finerouter.engine.whatif;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A metric plotted against one hyperparameter over an even grid, every other setting fixed.
 *
 * @param knob the hyperparameter varied
 * @param metric the metric measured
 * @param split the split
 * @param points one point per grid value, in grid order
 */
public record Sweep(Knob knob, WhatIfMetric metric, Split split, List<Point> points) {
    /** The hyperparameters that can be swept. */
    public enum Knob {
        /** α: re-decide from cache. */
        ALPHA("α", 0, 1),
        /** Tolerance λ: re-decide from cache. */
        TOLERANCE("λ", 0, 1),
        /** δ: re-select candidates, re-decide. */
        DELTA("δ", 0.05, 1),
        /** τ: re-cluster from the cached graph per value (slow); only discovery metrics are known. */
        TAU("τ", 0, 1);

        private final String symbol;
        private final double min;
        private final double max;

        Knob(String symbol, double min, double max) {
            this.symbol = symbol;
            this.min = min;
            this.max = max;
        }

        /** The Greek letter. */
        public String symbol() {
            return symbol;
        }

        /** Smallest allowed value. */
        public double min() {
            return min;
        }

        /** Largest allowed value. */
        public double max() {
            return max;
        }

        /** {@code base} with this knob set to {@code v}. */
        public TuningSettings apply(TuningSettings base, double v) {
            return switch (this) {
                case ALPHA -> base.withAlpha(v);
                case TOLERANCE -> base.withTolerance(v);
                case DELTA -> base.withDelta(v);
                case TAU -> base.withTau(v);
            };
        }

        @Override
        public String toString() {
            return symbol + (this == TAU ? " (re-clusters, slow)" : "");
        }
    }

    /** One value of the knob and the metric there (NaN when unknown). */
    public record Point(double value, double metric) {
    }

    /** Validates and copies. */
    public Sweep {
        Objects.requireNonNull(knob, "knob");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(split, "split");
        points = List.copyOf(points);
    }

    /**
     * An even grid of {@code steps} values from {@code from} to {@code to} (both included), rounded to 6 decimals.
     *
     * @throws IllegalArgumentException when steps &lt; 2, from ≥ to, or the range leaves the knob's bounds
     */
    public static double[] grid(Knob knob, double from, double to, int steps) {
        if (steps < 2 || steps > 1000) {
            throw new IllegalArgumentException("a sweep needs 2 to 1000 steps, got " + steps);
        }
        if (!(from < to) || from < knob.min() || to > knob.max()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s range must satisfy %s ≤ from < to ≤ %s, got %s..%s",
                    knob.symbol(), knob.min(), knob.max(), from, to));
        }
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = Math.round((from + (to - from) * i / (steps - 1)) * 1e6) / 1e6;
        }
        return out;
    }

    /**
     * Runs a sweep (on a worker thread: a τ sweep re-clusters once per value). Progress goes to {@code ctx}.
     *
     * @throws IllegalArgumentException when the base setting changes the tasks (α, λ, δ sweeps need the trained
     *                                  router) or the grid is invalid
     * @throws EngineException when cancelled
     */
    public static Sweep run(TuningEvaluator evaluator, TuningSettings base, Knob knob, double from, double to, int steps,
                            WhatIfMetric metric, Split split, StageContext ctx) throws EngineException {
        double[] values = grid(knob, from, to, steps);
        if (knob != Knob.TAU && base.changesTasks(evaluator.trained())) {
            throw new IllegalArgumentException("τ, k or ℓ differ from the trained router's: retrain before sweeping "
                    + knob.symbol());
        }
        List<Point> points = new ArrayList<>(steps);
        for (int i = 0; i < values.length; i++) {
            ctx.checkCancelled();
            TuningSettings s = knob.apply(base, values[i]);
            Scored scored = knob == Knob.TAU
                    ? evaluator.preview(s, split, evaluator.recluster(s, StageContext.silent(ctx.seed())))
                    : evaluator.score(s, split);
            points.add(new Point(values[i], metric.of(scored)));
            ctx.progress((i + 1) / (double) values.length, knob.symbol() + " = " + values[i]);
        }
        return new Sweep(knob, metric, split, points);
    }

    /** The sweep as CSV: a header {@code <knob>,<metric>} and one line per point (NaN left empty). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        sb.append(knob.name().toLowerCase(Locale.ROOT)).append(',').append(csvField(metric.label())).append('\n');
        for (Point p : points) {
            sb.append(p.value()).append(',').append(Double.isNaN(p.metric()) ? "" : Double.toString(p.metric())).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv()} to {@code file} atomically. */
    public void writeCsv(Path file) throws EngineException {
        AtomicFiles.writeString(file, toCsv());
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

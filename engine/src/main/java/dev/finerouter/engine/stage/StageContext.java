package dev.finerouter.engine.stage;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What a long-running piece of engine work is given: a place to report progress, a way to notice cancellation,
 * a log and the run's seed. The CLI prints progress as a bar, the workbench binds it to a progress bar, tests use
 * {@link #silent(long)}.
 */
public interface StageContext {
    /**
     * Reports progress of the current stage.
     *
     * @param fraction done so far, in [0, 1]
     * @param message a short status line, or {@code null}
     */
    void progress(double fraction, String message);

    /** Whether the user asked to stop. */
    boolean isCancelled();

    /**
     * Throws {@link CancelledException} when the user asked to stop; call it between units of work.
     *
     * @throws CancelledException when cancelled
     */
    default void checkCancelled() throws CancelledException {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Writes one line to the run's log. */
    void log(String line);

    /** The run's seed: every random choice derives from it. */
    long seed();

    /**
     * This context with progress mapped: fractions through {@code fraction} (the result clamped to [0, 1]) and messages
     * through {@code message}; cancellation, log and seed go straight through.
     */
    default StageContext mapped(java.util.function.DoubleUnaryOperator fraction, java.util.function.UnaryOperator<String> message) {
        return new Mapped(this, fraction, message);
    }

    /** This context with the fractions [0, 1] of a phase mapped onto [from, to] of the whole bar. */
    default StageContext scaled(double from, double to) {
        return mapped(f -> from + (to - from) * Math.max(0, Math.min(1, f)), m -> m);
    }

    /** This context without progress reports (for a small inner step); cancellation, log and seed still go through. */
    default StageContext quiet() {
        return new Mapped(this, null, null);
    }

    /** This context without log lines (progress, cancellation and seed still go through): for repeats of a logged step. */
    default StageContext withoutLog() {
        return new Relay(this, line -> { }, seed());
    }

    /** A context that reports nothing and is never cancelled. */
    static StageContext silent(long seed) {
        return new Simple(seed, (f, m) -> { }, line -> { }, new AtomicBoolean());
    }

    /**
     * A context built from callbacks.
     *
     * @param seed the seed
     * @param progress receives (fraction, message)
     * @param log receives log lines
     * @param cancelled set to true to cancel
     */
    static StageContext of(long seed, ProgressListener progress, Consumer<String> log, AtomicBoolean cancelled) {
        return new Simple(seed, progress, log, cancelled);
    }

    /** Receives progress reports. */
    @FunctionalInterface
    interface ProgressListener {
        /** Called with the fraction done in [0, 1] and a short message (may be null). */
        void onProgress(double fraction, String message);
    }

    /** The plain implementation behind {@link #of} and {@link #silent}. */
    record Simple(long seed, ProgressListener listener, Consumer<String> logSink, AtomicBoolean cancelled) implements StageContext {
        @Override
        public void progress(double fraction, String message) {
            listener.onProgress(Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction)), message);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void log(String line) {
            logSink.accept(line);
        }
    }

    /**
     * Another context's progress and cancellation, with its own log sink and seed.
     *
     * @param inner where progress and cancellation go
     * @param logSink where log lines go
     * @param seed the seed reported
     */
    record Relay(StageContext inner, Consumer<String> logSink, long seed) implements StageContext {
        @Override
        public void progress(double fraction, String message) {
            inner.progress(fraction, message);
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }

        @Override
        public void log(String line) {
            logSink.accept(line);
        }
    }

    /** A view of another context with mapped progress (none when {@code fraction} is null). */
    record Mapped(StageContext inner, java.util.function.DoubleUnaryOperator fraction, java.util.function.UnaryOperator<String> message)
            implements StageContext {
        @Override
        public void progress(double f, String msg) {
            if (fraction != null) {
                inner.progress(fraction.applyAsDouble(f), message.apply(msg));
            }
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }

        @Override
        public void log(String line) {
            inner.log(line);
        }

        @Override
        public long seed() {
            return inner.seed();
        }
    }
}

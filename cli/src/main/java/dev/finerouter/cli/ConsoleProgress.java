package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.pipeline.PipelineListener;
import dev.finerouter.engine.pipeline.PipelineStage;
import dev.finerouter.engine.stage.StageContext;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link StageContext} for the terminal: progress as a bar on stderr (redrawn in place on a terminal, one line per
 * 10% otherwise), log lines on stderr, cancellation by Ctrl-C ({@link #runCancellable}).
 */
final class ConsoleProgress implements StageContext {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long seed;
    private final boolean interactive;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private String currentMessage = "";
    private int lastDecile = -1;
    private long lastDraw;

    ConsoleProgress(PrintWriter err, long seed) {
        this.err = err;
        this.seed = seed;
        this.interactive = System.console() != null;
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        String msg = message == null ? currentMessage : message;
        if (interactive) {
            long now = System.nanoTime();
            if (fraction < 1 && now - lastDraw < 100_000_000L && msg.equals(currentMessage)) {
                return;
            }
            lastDraw = now;
            int filled = (int) Math.round(fraction * WIDTH);
            err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %-50.50s", "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, msg);
            if (fraction >= 1) {
                err.println();
            }
            err.flush();
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (!msg.equals(currentMessage) || decile != lastDecile) {
                err.printf(Locale.ROOT, "%3.0f%% %s%n", fraction * 100, msg);
                err.flush();
            }
            lastDecile = decile;
        }
        currentMessage = msg;
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Asks running work to stop at its next check. */
    void cancel() {
        cancelled.set(true);
    }

    @Override
    public synchronized void log(String line) {
        if (interactive) {
            err.print("\r" + " ".repeat(WIDTH + 58) + "\r");
        }
        err.println(line);
        err.flush();
        lastDecile = -1;
    }

    @Override
    public long seed() {
        return seed;
    }

    /** Work that reports to this context. */
    @FunctionalInterface
    interface Work<T> {
        /** Does the work. */
        T run() throws EngineException;
    }

    /**
     * Runs {@code work} with Ctrl-C (and SIGTERM) mapped to cancellation ({@link StopSignals}): the work stops at its
     * next check and throws {@link dev.finerouter.engine.stage.CancelledException}, after closing what it opened;
     * stages already cached stay cached for the next run. A second Ctrl-C quits at once.
     */
    <T> T runCancellable(Work<T> work) throws EngineException {
        try (StopSignals ignored = StopSignals.install(() -> {
            log("cancelling: stopping at the next step (Ctrl-C again quits at once)");
            cancel();
        })) {
            return work.run();
        }
    }

    /** A pipeline listener that logs each finished stage with its time. */
    PipelineListener stageLogger() {
        return new PipelineListener() {
            @Override
            public void stageFinished(PipelineStage stage, boolean cached, long millis) {
                log(String.format(Locale.ROOT, "%-14s %7.1f s%s", stage.label(), millis / 1000.0, cached ? " (cached)" : ""));
            }
        };
    }
}

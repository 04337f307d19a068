package dev.finerouter.app.common;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One unit of long work of a view model, run off the UI thread by {@link BackgroundTasks} (modelled on JabRef's
 * {@code BackgroundTask}). The work receives a {@link Context}, a {@link StageContext} whose progress reports become
 * this task's {@link #progressProperty() progress} and {@link #messageProperty() message}, whose log lines go to
 * {@link #onLog}, and whose cancellation check answers {@link #cancel()}. Exactly one outcome is delivered on the UI
 * executor: {@link #onSuccess}, {@link #onFailure} or {@link #onCancelled}.
 *
 * <p>Cancellation: {@link #cancel()} (on the UI thread) delivers {@link #onCancelled} at once, so the view model is
 * usable again immediately; the worker stops at its next {@link StageContext#checkCancelled()} and whatever it still
 * produces or reports (result, failure, progress, log lines, {@link Context#onUi} actions) is dropped. A task
 * cancelled before it starts never runs its work. A {@link CancelledException} thrown by the work (anywhere in the
 * cause chain) is reported as cancelled, not as a failure.
 *
 * <p>Properties change on the UI executor only; progress reports are coalesced so a fast loop cannot flood it.
 * A task runs once. Typical use:
 * <pre>{@code
 * task = BackgroundTask.of(seed, ctx -> Engine.longWork(input, ctx))
 *         .onSuccess(this::show)
 *         .onFailure(t -> status.set("Failed: " + t.getMessage()))
 *         .onCancelled(() -> status.set("Cancelled."))
 *         .executeWith(tasks);
 * progress.bind(task.progressProperty());
 * }</pre>
 *
 * @param <T> the result's type
 */
public final class BackgroundTask<T> {
    /** The progress value before the first report: indeterminate (as a JavaFX progress bar shows it). */
    public static final double INDETERMINATE = -1;

    /**
     * The work, called once on a worker thread.
     *
     * @param <T> the result's type
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @param ctx progress, log, cancellation and seed
         * @return the result
         * @throws Exception on failure; {@link CancelledException} when it noticed the cancellation
         */
        T call(Context ctx) throws Exception;
    }

    private final long seed;
    private final Work<T> work;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", INDETERMINATE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final AtomicReference<Report> latest = new AtomicReference<>();
    private final AtomicReference<String> latestMessage = new AtomicReference<>();
    private final AtomicBoolean reportPosted = new AtomicBoolean();
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<? super Throwable> onFailure = t -> { };
    private Runnable onCancelled = () -> { };
    private Consumer<String> onLog = line -> { };
    private StageContext.ProgressListener onProgress = (f, m) -> { };
    private BackgroundTasks tasks;
    /** Set on the UI executor once the outcome was delivered; read by the worker to drop late reports. */
    private volatile boolean done;

    private BackgroundTask(long seed, Work<T> work) {
        this.seed = seed;
        this.work = Objects.requireNonNull(work, "work");
    }

    /** A task whose context has seed 0 (work that draws nothing at random). */
    public static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(0, work);
    }

    /** A task whose context has the run's {@code seed}. */
    public static <T> BackgroundTask<T> of(long seed, Work<T> work) {
        return new BackgroundTask<>(seed, work);
    }

    /** Receives the result on the UI executor. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /** Receives a failure (never a cancellation) on the UI executor. */
    public BackgroundTask<T> onFailure(Consumer<? super Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** Runs on the UI executor when the task was cancelled (at once when {@link #cancel()} is called while it runs). */
    public BackgroundTask<T> onCancelled(Runnable action) {
        this.onCancelled = Objects.requireNonNull(action);
        return this;
    }

    /** Receives the work's log lines on the UI executor (until the outcome is delivered). */
    public BackgroundTask<T> onLog(Consumer<String> action) {
        this.onLog = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Receives each (coalesced) progress report on the UI executor, after {@link #progressProperty()} and
     * {@link #messageProperty()} were updated, with the message as reported (may be null).
     */
    public BackgroundTask<T> onProgress(StageContext.ProgressListener action) {
        this.onProgress = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Starts the work on {@code tasks}' worker executor (call on the UI thread; a task runs once).
     *
     * @return this task
     * @throws IllegalStateException when it was started before
     */
    public BackgroundTask<T> executeWith(BackgroundTasks tasks) {
        Objects.requireNonNull(tasks, "tasks");
        if (this.tasks != null) {
            throw new IllegalStateException("a background task runs once");
        }
        this.tasks = tasks;
        running.set(true);
        tasks.submit(this, this::runOnWorker);
        return this;
    }

    /**
     * Asks the work to stop (call on the UI thread). While the task runs, {@link #onCancelled} is delivered at once and
     * nothing else is; before it starts, the work will not run and {@link #onCancelled} comes when it is started; after
     * the outcome, nothing happens.
     */
    public void cancel() {
        if (!cancelRequested.compareAndSet(false, true)) {
            return;
        }
        if (tasks != null && !done) {
            finish(Outcome.CANCELLED);
        }
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelRequested.get();
    }

    /** Fraction done in [0, 1], or {@link #INDETERMINATE} before the first report. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The last non-null progress message ("" before the first). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True from {@link #executeWith} until the outcome is delivered. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    private void runOnWorker() {
        Outcome outcome;
        if (tasks.onGuardedFxThread()) {
            // The assertion behind "the UI never blocks": engine work must never run on the FX thread.
            outcome = Outcome.failure(new IllegalStateException("engine work was scheduled on the JavaFX application thread"));
        } else if (cancelRequested.get()) {
            outcome = Outcome.CANCELLED;
        } else {
            try {
                outcome = Outcome.success(work.call(new Context(this)));
            } catch (Throwable t) {
                outcome = isCancellation(t) ? Outcome.CANCELLED : Outcome.failure(t);
            }
        }
        Outcome o = outcome;
        tasks.onUi(() -> {
            tasks.workerFinished();
            if (!done) {
                finish(cancelRequested.get() ? Outcome.CANCELLED : o);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void finish(Outcome o) {
        done = true;
        running.set(false);
        if (o == Outcome.CANCELLED) {
            onCancelled.run();
        } else if (o.failure() != null) {
            onFailure.accept(o.failure());
        } else {
            onSuccess.accept((T) o.value());
        }
    }

    private static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CancelledException) {
                return true;
            }
        }
        return false;
    }

    private void report(double fraction, String msg) {
        if (done) {
            return;
        }
        if (msg != null) {
            latestMessage.set(msg);
        }
        latest.set(new Report(fraction, msg));
        if (reportPosted.compareAndSet(false, true)) {
            tasks.onUi(() -> {
                reportPosted.set(false);
                Report r = latest.get();
                if (done || r == null) {
                    return;
                }
                progress.set(r.fraction());
                String m = latestMessage.get();
                if (m != null) {
                    message.set(m);
                }
                onProgress.onProgress(r.fraction(), r.message());
            });
        }
    }

    private record Report(double fraction, String message) {
    }

    private record Outcome(Object value, Throwable failure) {
        static final Outcome CANCELLED = new Outcome(null, null);

        static Outcome success(Object value) {
            return new Outcome(value, null);
        }

        static Outcome failure(Throwable t) {
            return new Outcome(null, t);
        }
    }

    /**
     * What the work is given: a {@link StageContext} bound to its task (progress to the task's properties, log lines
     * to {@link #onLog}, cancellation from {@link #cancel()}, the task's seed) and a way to post UI updates that are
     * dropped once the task's outcome was delivered.
     */
    public static final class Context implements StageContext {
        private final BackgroundTask<?> task;

        private Context(BackgroundTask<?> task) {
            this.task = task;
        }

        @Override
        public void progress(double fraction, String message) {
            task.report(Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction)), message);
        }

        @Override
        public boolean isCancelled() {
            return task.cancelRequested.get();
        }

        @Override
        public void log(String line) {
            if (!task.done) {
                task.tasks.onUi(() -> {
                    if (!task.done) {
                        task.onLog.accept(line);
                    }
                });
            }
        }

        @Override
        public long seed() {
            return task.seed;
        }

        /** This context with another seed (for work that learns its seed on the worker, e.g. from a bundle it read). */
        public StageContext withSeed(long seed) {
            return new StageContext.Relay(this, this::log, seed);
        }

        /**
         * Runs {@code action} on the UI executor unless the task's outcome was delivered by then (a cancelled run's
         * late events do not reach the view model).
         */
        public void onUi(Runnable action) {
            task.tasks.onUi(() -> {
                if (!task.done) {
                    action.run();
                }
            });
        }
    }
}

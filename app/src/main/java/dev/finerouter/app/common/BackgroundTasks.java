package dev.finerouter.app.common;

import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The bridge between view models and engine work: the executors every {@link BackgroundTask} runs on. Work runs on a
 * background executor, its progress and outcome are handed back on the UI executor ({@link Platform#runLater} in the
 * app, the calling thread in plain unit tests). View models never block the FX thread and engine code never touches
 * it.
 */
public final class BackgroundTasks {
    private final Executor worker;
    private final Executor ui;
    private final ExecutorService owned;
    private final boolean guardFxThread;
    private final AtomicInteger active = new AtomicInteger();
    private final java.util.Set<BackgroundTask<?>> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final javafx.beans.property.ReadOnlyIntegerWrapper activeCount = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "activeCount");

    private BackgroundTasks(Executor worker, Executor ui, ExecutorService owned, boolean guardFxThread) {
        this.worker = worker;
        this.ui = ui;
        this.owned = owned;
        this.guardFxThread = guardFxThread;
    }

    /** Daemon worker threads, results on the JavaFX application thread. */
    public static BackgroundTasks forFx() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "workbench-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new BackgroundTasks(pool, Platform::runLater, pool, true);
    }

    /** Work and results on the given executors (tests: {@code Runnable::run} for both). */
    public static BackgroundTasks of(Executor worker, Executor ui) {
        return new BackgroundTasks(worker, ui, null, false);
    }

    /** Everything on the calling thread: for unit tests of view models without a toolkit. */
    public static BackgroundTasks direct() {
        return of(Runnable::run, Runnable::run);
    }

    /**
     * Shortcut for work that needs no more than a result or a failure: {@code BackgroundTask.of(work)} with the two
     * callbacks, started here.
     *
     * @return the running task (its {@link BackgroundTask#cancel()} drops the outcome)
     */
    public <T> BackgroundTask<T> run(BackgroundTask.Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        return BackgroundTask.of(work).onSuccess(onSuccess).onFailure(onFailure).executeWith(this);
    }

    /** Runs a task's worker body on the worker executor; counted until {@link #workerFinished()}. */
    void submit(BackgroundTask<?> task, Runnable body) {
        activeCount.set(active.incrementAndGet());
        live.add(task);
        worker.execute(() -> {
            try {
                body.run();
            } finally {
                live.remove(task);
            }
        });
    }

    /** Owns {@code pool} (shut down by {@link #shutdown}), results on {@code ui}: the shutdown's tests. */
    static BackgroundTasks owning(ExecutorService pool, Executor ui) {
        return new BackgroundTasks(pool, ui, pool, false);
    }

    /** Called on the UI executor when a worker body submitted here has ended. */
    void workerFinished() {
        activeCount.set(active.decrementAndGet());
    }

    /** Whether the caller is the JavaFX application thread and this instance forbids work there. */
    boolean onGuardedFxThread() {
        return guardFxThread && Platform.isFxApplicationThread();
    }

    /**
     * How many started tasks still have their worker running (changes on the UI executor); a cancelled task counts
     * until its worker has stopped.
     */
    public javafx.beans.property.ReadOnlyIntegerProperty activeCountProperty() {
        return activeCount.getReadOnlyProperty();
    }

    /** Runs {@code action} on the UI executor (from a worker thread). */
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    /** Longest the workbench waits on quit for running work to reach its next cancellation check. */
    static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(10);

    /**
     * Stops the owned worker threads, if any (call on the UI thread, e.g. when the workbench quits): every running task
     * is cancelled, and this waits up to {@link #SHUTDOWN_WAIT} for the workers to reach their next check and unwind,
     * closing what they opened. The JVM runs its shutdown hooks next, and ONNX Runtime's frees its native environment:
     * under a worker still embedding a prompt that crashed the JVM (the same race the CLI's Ctrl-C had, stop 37).
     */
    public void shutdown() {
        if (owned == null) {
            return;
        }
        live.forEach(BackgroundTask::cancel);
        owned.shutdownNow();
        try {
            owned.awaitTermination(SHUTDOWN_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

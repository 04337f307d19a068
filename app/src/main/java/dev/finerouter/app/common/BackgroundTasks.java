package dev.finerouter.app.common;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The bridge between view models and engine work: work runs on a background executor, its result (or failure) is
 * handed back on the UI executor ({@link Platform#runLater} in the app, the calling thread in plain unit tests).
 * View models never block the FX thread and engine code never touches it.
 */
public final class BackgroundTasks {
    private final Executor worker;
    private final Executor ui;
    private final ExecutorService owned;
    private final boolean guardFxThread;
    private final AtomicInteger active = new AtomicInteger();
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
     * Runs {@code work} in the background and hands its outcome to exactly one of the callbacks on the UI executor.
     */
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        activeCount.set(active.incrementAndGet());
        worker.execute(() -> {
            T value;
            try {
                if (guardFxThread && Platform.isFxApplicationThread()) {
                    // The assertion behind "the UI never blocks": engine work must never run on the FX thread.
                    throw new IllegalStateException("engine work was scheduled on the JavaFX application thread");
                }
                value = work.call();
            } catch (Throwable t) {
                ui.execute(() -> {
                    activeCount.set(active.decrementAndGet());
                    onFailure.accept(t);
                });
                return;
            }
            ui.execute(() -> {
                activeCount.set(active.decrementAndGet());
                onSuccess.accept(value);
            });
        });
    }

    /** How many submitted tasks have not delivered their outcome yet (changes on the UI executor). */
    public javafx.beans.property.ReadOnlyIntegerProperty activeCountProperty() {
        return activeCount.getReadOnlyProperty();
    }

    /** Runs {@code action} on the UI executor (from a worker thread). */
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    /** Stops the owned worker threads, if any. */
    public void shutdown() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}

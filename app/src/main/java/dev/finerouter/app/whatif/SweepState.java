package dev.finerouter.app.whatif;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.whatif.Sweep;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;

/** Background sweeps (each a {@link BackgroundTask}): progress, cancel, the latest result. */
public final class SweepState {
    /** A sweep body run on a worker thread. */
    @FunctionalInterface
    interface Body {
        Sweep run(StageContext ctx) throws EngineException;
    }

    private final BackgroundTasks tasks;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final ObjectProperty<Sweep> result = new SimpleObjectProperty<>(this, "result");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    /** The running (or last) sweep; {@link #cancel()} cancels it. */
    private BackgroundTask<Sweep> job;

    SweepState(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    void start(Body body, long seed) {
        if (running.get()) {
            return;
        }
        running.set(true);
        progress.set(0);
        status.set("Sweeping…");
        long t0 = System.nanoTime();
        job = BackgroundTask.of(seed, body::run).onProgress((f, m) -> progress.set(f)).onSuccess(s -> {
            running.set(false);
            progress.set(1);
            result.set(s);
            status.set(String.format(Locale.ROOT, "%d points in %.2f s", s.points().size(), (System.nanoTime() - t0) / 1e9));
        }).onFailure(t -> {
            running.set(false);
            status.set("Sweep failed: " + t.getMessage());
        }).onCancelled(() -> {
            running.set(false);
            status.set("Sweep cancelled.");
        });
        job.executeWith(tasks);
    }

    /** Cancels a running sweep: ready again at once, the engine stops at its next check. */
    public void cancel() {
        if (running.get() && job != null) {
            job.cancel();
        }
    }

    /** Whether a sweep runs. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** Progress of the running sweep in [0, 1]. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** The latest finished sweep, or null. */
    public ObjectProperty<Sweep> resultProperty() {
        return result;
    }

    /** One line about the last sweep. */
    public StringProperty statusProperty() {
        return status;
    }
}

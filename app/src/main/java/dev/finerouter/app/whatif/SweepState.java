package dev.finerouter.app.whatif;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
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
import java.util.concurrent.atomic.AtomicBoolean;

/** Background sweeps: progress, cancel, the latest result. */
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
    private AtomicBoolean cancel = new AtomicBoolean();

    SweepState(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    void start(Body body, long seed) {
        if (running.get()) {
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        running.set(true);
        progress.set(0);
        status.set("Sweeping…");
        long t0 = System.nanoTime();
        StageContext ctx = StageContext.of(seed, (f, m) -> tasks.onUi(() -> progress.set(f)), line -> { }, cancelled);
        tasks.run(job -> body.run(ctx), s -> {
            running.set(false);
            progress.set(1);
            result.set(s);
            status.set(String.format(Locale.ROOT, "%d points in %.2f s", s.points().size(), (System.nanoTime() - t0) / 1e9));
        }, t -> {
            running.set(false);
            status.set(t instanceof CancelledException ? "Sweep cancelled." : "Sweep failed: " + t.getMessage());
        });
    }

    /** Cancels a running sweep. */
    public void cancel() {
        cancel.set(true);
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

package dev.finerouter.app.pipeline;

import dev.finerouter.engine.pipeline.PipelineStage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One pipeline stage as the runner shows it: progress, status, elapsed time and whether it came from the cache. */
public final class StageRow {
    /** What a stage is doing. */
    public enum Status { WAITING, RUNNING, DONE, FAILED, CANCELLED }

    private final PipelineStage stage;
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty elapsed = new SimpleStringProperty(this, "elapsed", "");
    private final BooleanProperty cached = new SimpleBooleanProperty(this, "cached", false);
    private final javafx.beans.property.ObjectProperty<Status> status =
            new javafx.beans.property.SimpleObjectProperty<>(this, "status", Status.WAITING);
    private long startNanos;

    StageRow(PipelineStage stage) {
        this.stage = stage;
    }

    /** The stage. */
    public PipelineStage stage() {
        return stage;
    }

    void reset() {
        progress.set(0);
        message.set("");
        elapsed.set("");
        cached.set(false);
        status.set(Status.WAITING);
    }

    void start(long nanos) {
        startNanos = nanos;
        status.set(Status.RUNNING);
        progress.set(-1);
    }

    void tick(long nanos) {
        if (status.get() == Status.RUNNING) {
            elapsed.set(dev.finerouter.app.common.Format.seconds((nanos - startNanos) / 1_000_000));
        }
    }

    void finish(boolean fromCache, long millis) {
        status.set(Status.DONE);
        progress.set(1);
        cached.set(fromCache);
        elapsed.set(dev.finerouter.app.common.Format.seconds(millis));
    }

    void end(Status s, long nanos) {
        if (status.get() == Status.RUNNING) {
            tick(nanos);
            status.set(s);
            if (progress.get() < 0) {
                progress.set(0);
            }
        }
    }

    /** Progress in [0, 1]; -1 while running without a report yet. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** The latest progress message. */
    public StringProperty messageProperty() {
        return message;
    }

    /** Elapsed time text. */
    public StringProperty elapsedProperty() {
        return elapsed;
    }

    /** Whether the result came from the cache. */
    public BooleanProperty cachedProperty() {
        return cached;
    }

    /** The status. */
    public javafx.beans.property.ObjectProperty<Status> statusProperty() {
        return status;
    }
}

package dev.finerouter.app.bundle;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.bundle.BundleCalibration;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * File → Export router bundle…: writes the workspace's trained router with {@link BundleWriter} (a folder, or one
 * {@code .frb} file) under the current routing policy, reads it back with {@link BundleReader} (which verifies every
 * file's hash) and summarises what is in it.
 */
public final class ExportViewModel {
    /** What an export wrote and read back. */
    public record Summary(Path target, int files, int tasks, java.util.List<String> models, String encoder, RoutingPolicy policy,
                          String engineVersion, String calibration) {
        /** Several lines for the summary dialog. */
        public String text() {
            return String.format(Locale.ROOT, "Written and verified: %s%n%d files (SHA-256 checked on read-back)%n%d tasks%n%d models: %s%n"
                            + "encoder: %s%ndefault policy: α = %.2f, tolerance = %.2f%s%nengine %s%n%nCheck it with: finerouter bundle verify %s",
                    target, files, tasks, models.size(), String.join(", ", models), encoder, policy.alpha(), policy.tolerance(),
                    calibration == null ? "" : " (calibrated: " + calibration + ")", engineVersion, target);
        }
    }

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    /** The running (or last) export; {@link #cancel()} cancels it. */
    private BackgroundTask<Summary> job;
    private final Supplier<RoutingPolicy> policy;
    private final Function<List<String>, Optional<BundleCalibration>> calibration;
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Summary> summary = new SimpleObjectProperty<>(this, "summary");
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>(this, "failure");

    /**
     * @param policy the routing policy to record as the bundle's default (the what-if panel's current setting)
     */
    public ExportViewModel(Workspace workspace, BackgroundTasks tasks, Supplier<RoutingPolicy> policy) {
        this(workspace, tasks, policy, models -> Optional.empty());
    }

    /**
     * @param policy the routing policy to record as the bundle's default (the what-if panel's current setting)
     * @param calibration the calibration that policy came from, given the pool's model names (empty when the policy was
     *                    set by hand); recorded in the manifest as {@code finerouter calibrate} does
     */
    public ExportViewModel(Workspace workspace, BackgroundTasks tasks, Supplier<RoutingPolicy> policy,
                           Function<List<String>, Optional<BundleCalibration>> calibration) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.policy = policy;
        this.calibration = calibration;
    }

    /** Whether there is a router to export. */
    public BooleanBinding canExport() {
        return workspace.trainingProperty().isNotNull().and(busy.not());
    }

    /** Writes the bundle to {@code target} (a folder, or a file ending in .frb) and verifies it, in the background. */
    public void export(Path target) {
        TrainingResult r = workspace.trainingProperty().get();
        if (r == null || busy.get()) {
            return;
        }
        RoutingPolicy p = policy.get();
        Optional<BundleCalibration> calibrated = calibration.apply(r.router().pool().names());
        busy.set(true);
        summary.set(null);
        failure.set(null);
        boolean existed = java.nio.file.Files.exists(target);
        BackgroundTask<Summary> task = BackgroundTask.of(ctx -> {
            BundleManifest written = BundleWriter.write(r, p, target);
            if (calibrated.isPresent()) {
                written = BundleWriter.writeCalibrated(target, p, calibrated.get(), target);
            }
            RouterBundle read = BundleReader.read(target);
            if (ctx.isCancelled() && !existed) {
                deleteTree(target); // cancelled while writing: leave nothing behind
            }
            ctx.checkCancelled();
            BundleCalibration recorded = read.manifest().calibration();
            return new Summary(target, written.files().size(), read.router().tasks().size(), read.router().pool().names(),
                    read.manifest().encoder().id(), read.defaultPolicy(), read.manifest().engineVersion(),
                    recorded == null ? null : recorded.description());
        }).onSuccess(s -> {
            busy.set(false);
            summary.set(s);
        }).onFailure(t -> {
            busy.set(false);
            failure.set(t);
        }).onCancelled(() -> busy.set(false));
        job = task;
        task.executeWith(tasks);
    }

    /** Cancels a running export: ready again at once; a bundle it already wrote is deleted. */
    public void cancel() {
        if (busy.get() && job != null) {
            job.cancel();
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (java.nio.file.Files.isDirectory(p)) {
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(q);
                }
            }
        } else {
            java.nio.file.Files.deleteIfExists(p);
        }
    }

    /** The last export's summary. */
    public ObjectProperty<Summary> summaryProperty() {
        return summary;
    }

    /** The last export's error. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }

    /** Whether an export is under way. */
    public BooleanProperty busyProperty() {
        return busy;
    }
}

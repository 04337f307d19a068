package dev.finerouter.app.drift;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.replay.DecisionLogReader;
import dev.finerouter.engine.replay.Replay;
import dev.finerouter.engine.replay.ReplayReport;
import dev.finerouter.engine.replay.ReplayReportWriter;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.service.EncoderResolver;
import dev.finerouter.engine.service.RouterService;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Decision replay: routes the prompts of a decision log (written by {@code serve --decision-log}) with a bundle and
 * compares with what was logged, exactly as {@code finerouter replay} does — agreement overall and per task, model
 * moves, cost change, share changes, and the true-score change on prompts found in a dataset (the one chosen, else the
 * workspace's open dataset, else none). Progress is reported per batch of prompts and the replay can be cancelled.
 */
public final class ReplayViewModel {
    /** Opens the sentence encoder a bundle names; the caller closes it. */
    @FunctionalInterface
    public interface EncoderOpener {
        /** The bundle's own encoder, opened as the CLI opens it (no model folder override, no cache). */
        EncoderOpener RESOLVED = e -> EncoderResolver.open(e, null);

        /** The encoder of a manifest entry. */
        Embedder open(BundleManifest.EncoderInfo encoder) throws EngineException;
    }

    /**
     * One from → to move.
     *
     * @param move {@code "logged → replayed"} model names
     * @param prompts how many prompts moved so
     */
    public record MoveRow(String move, int prompts) {
        /** Validates. */
        public MoveRow {
            Objects.requireNonNull(move, "move");
        }
    }

    /**
     * A model's share of the prompts, logged and replayed.
     *
     * @param model model name
     * @param logged share in the log
     * @param replayed share when replayed
     */
    public record ShareRow(String model, double logged, double replayed) {
        /** Validates. */
        public ShareRow {
            Objects.requireNonNull(model, "model");
        }

        /** Replayed minus logged. */
        public double change() {
            return replayed - logged;
        }
    }

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final EncoderOpener encoders;
    private final ObjectProperty<ReplayReport> report = new SimpleObjectProperty<>(this, "report");
    private final ObservableList<ReplayReport.TaskAgreement> perTask = FXCollections.observableArrayList();
    private final ObservableList<MoveRow> moves = FXCollections.observableArrayList();
    private final ObservableList<ShareRow> shares = FXCollections.observableArrayList();
    private final StringProperty scoreSource = new SimpleStringProperty(this, "scoreSource", "");
    private final StringProperty status = new SimpleStringProperty(this, "status",
            "Choose a decision log (serve --decision-log DIR --log-prompts full) and the bundle to replay it with.");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty(this, "progress");
    private final BooleanProperty loggedPolicy = new SimpleBooleanProperty(this, "loggedPolicy");
    /** The running (or last) replay; {@link #cancel()} cancels it. */
    private BackgroundTask<Result> job;
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>(this, "failure");
    private final ObjectProperty<Path> exported = new SimpleObjectProperty<>(this, "exported");

    /** Replay with the bundle's own encoder, opened as {@code finerouter replay} opens it. */
    public ReplayViewModel(Workspace workspace, BackgroundTasks tasks) {
        this(workspace, tasks, EncoderOpener.RESOLVED);
    }

    /**
     * @param encoders opens the replayed bundle's encoder (tests pass a small deterministic one)
     */
    public ReplayViewModel(Workspace workspace, BackgroundTasks tasks, EncoderOpener encoders) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.encoders = Objects.requireNonNull(encoders, "encoders");
    }

    /**
     * Replays in the background.
     *
     * @param log a decision log folder or one of its files
     * @param bundle the bundle to replay with
     * @param data a dataset with true scores, or {@code null} for the workspace's open dataset (if any)
     */
    public void run(Path log, Path bundle, Path data) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(bundle, "bundle");
        if (busy.get()) {
            return;
        }
        DatasetSnapshot open = data == null ? workspace.datasetProperty().get() : null;
        boolean underLoggedPolicy = loggedPolicy.get();
        busy.set(true);
        progress.set(0);
        failure.set(null);
        status.set("Replaying " + log + " with " + bundle + " …");
        job = BackgroundTask.of(ctx -> {
            List<DecisionRecord> records = DecisionLogReader.read(log);
            Replay.requireText(records, log.toString());
            RouterBundle b = BundleReader.read(bundle);
            Replay.TrueScores scores = null;
            String source = "no dataset: quality change not measured";
            if (data != null) {
                scores = Replay.scoresOf(DatasetLoader.load(data, ImportOptions.STRICT).dataset());
                source = "true scores from " + data;
            } else if (open != null) {
                scores = Replay.scoresOf(open.loaded().dataset());
                source = "true scores from the open dataset " + open.path();
            }
            try (Embedder e = encoders.open(b.manifest().encoder())) {
                RouterService service = new RouterService(b, e);
                List<Replay.Choice> choices = Replay.route(service, Replay.withText(records), underLoggedPolicy ? null : service.defaultPolicy(),
                        ctx.withSeed(b.manifest().seed()));
                return new Result(Replay.compare(bundle.toString(), Replay.bundleId(service), records, choices, scores), source);
            }
        }).onProgress((fraction, message) -> progress.set(fraction)).onSuccess(r -> {
            busy.set(false);
            show(r.report(), r.scoreSource());
        }).onFailure(t -> {
            busy.set(false);
            failure.set(t);
            status.set("Replay failed: " + t.getMessage());
        }).onCancelled(() -> {
            busy.set(false);
            status.set("Replay cancelled.");
        });
        job.executeWith(tasks); // assigned first: with a direct executor the work runs (and may be cancelled) inside
    }

    /** Stops the running replay: at once for the view model, between batches of prompts for the engine. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Fraction of the logged prompts routed so far. */
    public javafx.beans.property.DoubleProperty progressProperty() {
        return progress;
    }

    /**
     * Whether each record is replayed under the policy it was logged with; otherwise (default) under the bundle's own
     * default policy, as {@code finerouter replay --policy bundle} does.
     */
    public BooleanProperty loggedPolicyProperty() {
        return loggedPolicy;
    }

    private record Result(ReplayReport report, String scoreSource) {
    }

    private void show(ReplayReport r, String source) {
        report.set(r);
        scoreSource.set(source);
        perTask.setAll(r.perTask());
        moves.setAll(moveRows(r));
        shares.setAll(shareRows(r));
        status.set(headline(r));
    }

    /** The moves, most frequent first (ties by name). */
    public static List<MoveRow> moveRows(ReplayReport r) {
        return r.agreement().moves().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new MoveRow(e.getKey(), e.getValue())).toList();
    }

    /** Every model that has a share logged or replayed, by name. */
    public static List<ShareRow> shareRows(ReplayReport r) {
        TreeSet<String> models = new TreeSet<>(r.sharesOld().keySet());
        models.addAll(r.sharesNew().keySet());
        List<ShareRow> out = new ArrayList<>();
        for (String m : models) {
            out.add(new ShareRow(m, r.sharesOld().getOrDefault(m, 0.0), r.sharesNew().getOrDefault(m, 0.0)));
        }
        out.sort(Comparator.comparing(ShareRow::model));
        return out;
    }

    /** The one-line result: agreement, cost change per 1k prompts, quality change when measured. */
    public static String headline(ReplayReport r) {
        String s = String.format(Locale.ROOT, "Agreement %.1f%% (%d of %d prompts routed to the same model); cost change per 1k prompts %+.4f",
                100 * r.agreement().share(), r.agreement().agreeing(), r.replayed(), r.costChangePer1k());
        if (r.quality() != null && r.quality().matched() > 0) {
            s += String.format(Locale.ROOT, "; quality change %+.4f (mean true score %.4f → %.4f on %d prompts)", r.quality().change(),
                    r.quality().meanOld(), r.quality().meanNew(), r.quality().matched());
        } else if (r.quality() != null) {
            s += "; quality change: no logged prompt found in the dataset";
        }
        if (r.skippedWithoutText() > 0) {
            s += String.format(Locale.ROOT, "; %d records without prompt text skipped", r.skippedWithoutText());
        }
        return s + ".";
    }

    /** What the empty moves table says: what to do before any replay ran, that nothing moved after one. */
    public StringBinding movesPlaceholder() {
        return Bindings.when(report.isNull()).then("Run a replay to see which prompts move to another model.")
                .otherwise("No moves: every prompt kept its model.");
    }

    /** Whether there is a report to export. */
    public BooleanBinding canExport() {
        return report.isNotNull().and(busy.not());
    }

    /** Writes the report with {@link ReplayReportWriter}: JSON for a {@code .json} name, Markdown otherwise. */
    public void export(Path target) {
        ReplayReport r = report.get();
        if (r == null) {
            return;
        }
        failure.set(null);
        tasks.run(job -> {
            ReplayReportWriter.write(r, target);
            return target;
        }, p -> {
            exported.set(p);
            status.set("Wrote " + p + ".");
        }, t -> {
            failure.set(t);
            status.set("Could not write the report: " + t.getMessage());
        });
    }

    /** The last replay's report. */
    public ObjectProperty<ReplayReport> reportProperty() {
        return report;
    }

    /** Agreement per logged task, largest first. */
    public ObservableList<ReplayReport.TaskAgreement> perTask() {
        return perTask;
    }

    /** Logged → replayed moves. */
    public ObservableList<MoveRow> moves() {
        return moves;
    }

    /** Model shares, logged and replayed. */
    public ObservableList<ShareRow> shares() {
        return shares;
    }

    /** Where the true scores came from. */
    public StringProperty scoreSourceProperty() {
        return scoreSource;
    }

    /** One line on the result or what is happening. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Whether a replay is under way. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The last error. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }

    /** The last exported report file. */
    public ObjectProperty<Path> exportedProperty() {
        return exported;
    }
}

package dev.finerouter.app.drift;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.OpenBundle;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.drift.DriftProposals;
import dev.finerouter.engine.drift.IncrementalDiscovery;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.PipelineListener;
import dev.finerouter.engine.pipeline.PipelineStage;
import dev.finerouter.engine.replay.DecisionLogReader;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.stage.StageContext;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * "Find new tasks in a decision log": incremental discovery from the Drift tab, as {@code finerouter discover
 * --incremental} runs it — the logged prompts are clustered against the bundle's tasks with the bundle's own encoder,
 * with the CLI's defaults for every option, and true scores from the workspace's open dataset when it holds logged
 * prompts. The proposals are written to the chosen {@code proposals.json} (and a {@code .md} next to it) and opened in
 * the review table through {@link DriftReviewViewModel#open}, exactly as Open proposals… does. Runs in the background
 * with progress; {@link #cancel} stops the engine between units of work and nothing is written. The stage cache is not
 * used, so the workbench's embedding cache stays free for the other tabs.
 */
public final class FindTasksViewModel {
    private static final IncrementalDiscovery.Settings CLI = IncrementalDiscovery.Settings.DEFAULTS;
    private static final PipelineConfig CLI_CONFIG = PipelineConfig.defaults();

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final ReplayViewModel.EncoderOpener encoders;
    private final DriftReviewViewModel review;
    private final DoubleProperty novelty = new SimpleDoubleProperty(this, "novelty", CLI.novelty());
    private final BooleanProperty allLogged = new SimpleBooleanProperty(this, "allLogged", !CLI.driftOnly());
    private final IntegerProperty minTaskSize = new SimpleIntegerProperty(this, "minTaskSize", CLI_CONFIG.stage1().minTaskSize());
    private final StringProperty status = new SimpleStringProperty(this, "status",
            "Find new tasks in a decision log (serve --decision-log DIR --log-prompts full) against a bundle.");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>(this, "failure");
    private final ObjectProperty<Path> written = new SimpleObjectProperty<>(this, "written");
    private final ReadOnlyObjectWrapper<Path> workspaceBundle = new ReadOnlyObjectWrapper<>(this, "workspaceBundle");
    /** The running (or last) search; {@link #cancel()} cancels it. */
    private BackgroundTask<DriftProposals> job;

    /**
     * @param encoders opens the bundle's encoder (tests pass a small deterministic one)
     * @param review where the written proposals are opened
     */
    public FindTasksViewModel(Workspace workspace, BackgroundTasks tasks, ReplayViewModel.EncoderOpener encoders, DriftReviewViewModel review) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.encoders = Objects.requireNonNull(encoders, "encoders");
        this.review = Objects.requireNonNull(review, "review");
        workspaceBundle.set(sourceOf(workspace.bundleProperty().get()));
        workspace.bundleProperty().addListener((o, a, b) -> workspaceBundle.set(sourceOf(b)));
    }

    /** The bundle opened with File → Open router bundle…, the default to find tasks against; {@code null} when none. */
    public ReadOnlyObjectProperty<Path> workspaceBundleProperty() {
        return workspaceBundle.getReadOnlyProperty();
    }

    private static Path sourceOf(OpenBundle b) {
        return b == null ? null : b.bundle().source();
    }

    /**
     * Finds new tasks in the background, writes them to {@code target} and opens them for review.
     *
     * @param log a decision log folder or one of its files
     * @param chosenBundle the deployed bundle (only read), or {@code null} for the workspace's opened bundle
     * @param target the {@code proposals.json} to write
     */
    public void run(Path log, Path chosenBundle, Path target) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(target, "target");
        if (busy.get()) {
            return;
        }
        Path bundle = chosenBundle != null ? chosenBundle : workspaceBundle.get();
        if (bundle == null) {
            fail(new EngineException("no bundle to find new tasks against", "choose the deployed bundle, or open it with File → Open router bundle…",
                    null));
            return;
        }
        IncrementalDiscovery.Settings settings;
        PipelineConfig config;
        try {
            settings = new IncrementalDiscovery.Settings(!allLogged.get(), novelty.get());
            config = new PipelineConfig(CLI_CONFIG.seed(), CLI_CONFIG.split(), CLI_CONFIG.describer(), CLI_CONFIG.embedder(),
                    CLI_CONFIG.stage1().withMinTaskSize(minTaskSize.get()));
        } catch (IllegalArgumentException e) {
            fail(new EngineException("invalid setting: " + e.getMessage(), "novelty must be in (-1, 1], minimum task size at least 1", e));
            return;
        }
        DatasetSnapshot open = workspace.datasetProperty().get();
        busy.set(true);
        progress.set(0);
        failure.set(null);
        written.set(null);
        status.set("Finding new tasks in " + log + " against " + bundle + " …");
        WholeRun whole = new WholeRun();
        job = BackgroundTask.of(config.seed(), ctx -> {
            List<DecisionRecord> records = DecisionLogReader.read(log);
            RouterBundle b = BundleReader.read(bundle);
            RoutingDataset data = open == null ? null : open.loaded().dataset();
            StageContext whole01 = ctx.mapped(whole::fraction, m -> m);
            DriftProposals proposals;
            try (Embedder e = encoders.open(b.manifest().encoder())) {
                proposals = IncrementalDiscovery.run(b, bundle.toAbsolutePath().toString(), e, records, data, config, null, whole, settings, whole01);
            }
            ctx.checkCancelled();
            proposals.writeTo(target);
            return proposals;
        }).onProgress((fraction, message) -> progress.set(fraction)).onSuccess(p -> {
            busy.set(false);
            progress.set(1);
            written.set(target);
            status.set(String.format(Locale.ROOT, "%d proposals from %d logged prompts written to %s; opened for review below.",
                    p.proposals().size(), p.logPrompts(), target));
            review.open(target, bundle);
        }).onFailure(t -> {
            busy.set(false);
            fail(t);
        }).onCancelled(() -> {
            busy.set(false);
            status.set("Finding new tasks cancelled; nothing written.");
        });
        job.executeWith(tasks); // assigned first: with a direct executor the work runs (and may be cancelled) inside
    }

    /**
     * Maps the engine's per-stage progress onto one bar: embedding the logged prompts, the Stage-1 stages, then
     * comparing with the bundle's tasks, each an equal share.
     */
    private static final class WholeRun implements PipelineListener {
        private static final List<PipelineStage> STAGES = PipelineStage.discoveryStages();
        private volatile int phase;

        @Override
        public void stageStarted(PipelineStage stage) {
            phase = STAGES.indexOf(stage) + 1;
        }

        @Override
        public void stageFinished(PipelineStage stage, boolean cached, long millis) {
            phase = STAGES.indexOf(stage) + 2;
        }

        double fraction(double withinPhase) {
            return Math.min(1, (phase + withinPhase) / (STAGES.size() + 2));
        }
    }

    private void fail(Throwable t) {
        failure.set(t);
        status.set("Finding new tasks failed: " + Format.withHint(t));
    }

    /** Stops the running search at the engine's next cancellation check; nothing is written. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** Propose communities whose center cosine to every bundle task is below this ({@code --novelty}). */
    public DoubleProperty noveltyProperty() {
        return novelty;
    }

    /** Cluster every logged prompt, not only those flagged drift ({@code --all-logged}). */
    public BooleanProperty allLoggedProperty() {
        return allLogged;
    }

    /** Smaller communities go to Others ({@code --min-task-size}). */
    public IntegerProperty minTaskSizeProperty() {
        return minTaskSize;
    }

    /** One line on what is happening or how the last search ended. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Whether a search is under way. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Fraction of the search done. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** The last error. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }

    /** The proposals file the last search wrote, or {@code null}. */
    public ObjectProperty<Path> writtenProperty() {
        return written;
    }
}

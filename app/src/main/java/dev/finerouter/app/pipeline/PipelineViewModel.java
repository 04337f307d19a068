package dev.finerouter.app.pipeline;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.describe.ChatEndpointConfig;
import dev.finerouter.engine.pipeline.DescriberSettings;
import dev.finerouter.engine.pipeline.DiscoveryMetrics;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.PipelineListener;
import dev.finerouter.engine.pipeline.PipelineStage;
import dev.finerouter.engine.pipeline.RouterTrainingPipeline;
import dev.finerouter.engine.pipeline.LevelTrial;
import dev.finerouter.engine.pipeline.TrainingConfig;
import dev.finerouter.engine.pipeline.TrainingResult;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline runner's state: Stage-1 settings, one {@link StageRow} per stage, a log, Run and Cancel. The run
 * is a {@link BackgroundTask}: engine callbacks are posted to the UI executor (dropped once the run was cancelled),
 * progress coalesced so a fast stage cannot flood the FX thread. A finished run goes into the {@link Workspace}. After a run,
 * Train router runs Stage 2 ({@link RouterTrainingPipeline}: embeddings, classifier, estimator) the same way and puts
 * the {@link TrainingResult} into the workspace.
 */
public final class PipelineViewModel {
    /** The Stage-1 defaults ({@code Knobs}: the paper's k, τ, ℓ, δ; our min task size and γ). */
    private static final Stage1Config PAPER = Stage1Config.defaults();

    private final Workspace workspace;
    private final WorkbenchPreferences prefs;
    private final BackgroundTasks tasks;
    private final Map<PipelineStage, StageRow> rows = new EnumMap<>(PipelineStage.class);
    private final ObservableList<StageRow> stageRows = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready.");
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>(this, "failure");
    private final IntegerProperty k = new SimpleIntegerProperty(this, "k", PAPER.k());
    private final DoubleProperty tau = new SimpleDoubleProperty(this, "tau", PAPER.tau());
    private final IntegerProperty levels = new SimpleIntegerProperty(this, "levels", PAPER.levels());
    private final DoubleProperty delta = new SimpleDoubleProperty(this, "delta", PAPER.delta());
    private final IntegerProperty minTaskSize = new SimpleIntegerProperty(this, "minTaskSize", PAPER.minTaskSize());
    private final DoubleProperty resolution = new SimpleDoubleProperty(this, "resolution", PAPER.leidenResolution());
    private final BooleanProperty chooseLevels = new SimpleBooleanProperty(this, "chooseLevels", true);
    private final BooleanProperty training = new SimpleBooleanProperty(this, "training");
    private final DoubleProperty trainProgress = new SimpleDoubleProperty(this, "trainProgress", 0);
    private final StringProperty trainStatus = new SimpleStringProperty(this, "trainStatus", "Run Stage 1 first.");
    /** The running (or last) Stage-1 run or router training; {@link #cancel()} cancels it. */
    private BackgroundTask<?> job;
    private PipelineStage current;

    /** Creates the runner's state. */
    public PipelineViewModel(Workspace workspace, WorkbenchPreferences prefs, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.prefs = prefs;
        this.tasks = tasks;
        for (PipelineStage s : PipelineStage.discoveryStages()) {
            StageRow r = new StageRow(s);
            rows.put(s, r);
            stageRows.add(r);
        }
        restoreSettings();
        k.addListener((o, a, v) -> prefs.setPipelineSetting("k", v.doubleValue()));
        tau.addListener((o, a, v) -> prefs.setPipelineSetting("tau", v.doubleValue()));
        levels.addListener((o, a, v) -> prefs.setPipelineSetting("levels", v.doubleValue()));
        delta.addListener((o, a, v) -> prefs.setPipelineSetting("delta", v.doubleValue()));
        minTaskSize.addListener((o, a, v) -> prefs.setPipelineSetting("minTaskSize", v.doubleValue()));
        resolution.addListener((o, a, v) -> prefs.setPipelineSetting("resolution", v.doubleValue()));
        chooseLevels.set(prefs.pipelineSetting("chooseLevels", 1) != 0);
        chooseLevels.addListener((o, a, v) -> prefs.setPipelineSetting("chooseLevels", v ? 1 : 0));
        workspace.datasetProperty().addListener((o, a, b) -> {
            stageRows.forEach(StageRow::reset);
            status.set(b == null ? "No dataset." : "Ready to run on " + b.loaded().dataset().name() + ".");
        });
        workspace.resultProperty().addListener((o, a, b) -> {
            trainProgress.set(0);
            trainStatus.set(b == null ? "Run Stage 1 first." : "Ready to train the router on " + b.discovery().tasks().size() + " tasks.");
        });
    }

    /** The settings chosen last time (kept in the preferences), when they still make a valid configuration. */
    private void restoreSettings() {
        int k0 = (int) prefs.pipelineSetting("k", PAPER.k());
        double tau0 = prefs.pipelineSetting("tau", PAPER.tau());
        int levels0 = (int) prefs.pipelineSetting("levels", PAPER.levels());
        double delta0 = prefs.pipelineSetting("delta", PAPER.delta());
        int min0 = (int) prefs.pipelineSetting("minTaskSize", PAPER.minTaskSize());
        double res0 = prefs.pipelineSetting("resolution", PAPER.leidenResolution());
        try {
            PAPER.toBuilder().k(k0).tau(tau0).levels(levels0).delta(delta0).minTaskSize(min0).leidenResolution(res0).build();
        } catch (IllegalArgumentException e) {
            return;
        }
        k.set(k0);
        tau.set(tau0);
        levels.set(levels0);
        delta.set(delta0);
        minTaskSize.set(min0);
        resolution.set(res0);
    }

    /** Puts every setting back to the paper's default. */
    public void resetToDefaults() {
        k.set(PAPER.k());
        tau.set(PAPER.tau());
        levels.set(PAPER.levels());
        delta.set(PAPER.delta());
        minTaskSize.set(PAPER.minTaskSize());
        resolution.set(PAPER.leidenResolution());
    }

    /** The Stage-1 settings as chosen (throws {@link IllegalArgumentException} on invalid values). */
    public Stage1Config stage1Config() {
        return PAPER.toBuilder().k(k.get()).tau(tau.get()).levels(levels.get()).delta(delta.get()).minTaskSize(minTaskSize.get())
                .leidenResolution(resolution.get()).build();
    }

    /** The full configuration: settings, seed and describer from the preferences. */
    public PipelineConfig pipelineConfig() throws EngineException {
        PipelineConfig c = PipelineConfig.defaults().withSeed(prefs.seed()).withStage1(stage1Config());
        if (!prefs.llmUrl().isBlank()) {
            try {
                String keyEnv = prefs.llmKeyEnv().isBlank() ? null : prefs.llmKeyEnv();
                c = c.withDescriber(new DescriberSettings(ChatEndpointConfig.of(prefs.llmUrl(), prefs.llmModel(), keyEnv)));
            } catch (IllegalArgumentException e) {
                throw new EngineException("the LLM endpoint in Preferences is invalid: " + e.getMessage(),
                        "fix it in File → Preferences, or clear the URL to use the offline describer", e);
            }
        }
        return c;
    }

    /** Starts a run on the open dataset; does nothing while one is running or without a dataset. */
    public void run() {
        DatasetSnapshot snapshot = workspace.datasetProperty().get();
        if (running.get() || snapshot == null) {
            return;
        }
        PipelineConfig config;
        try {
            config = pipelineConfig();
        } catch (EngineException | IllegalArgumentException e) {
            failure.set(e);
            return;
        }
        Path cacheDir = prefs.cacheDir();
        stageRows.forEach(StageRow::reset);
        log.clear();
        failure.set(null);
        running.set(true);
        status.set("Running…");
        log.add(String.format(Locale.ROOT, "run on %s (%d prompts), seed %d, cache %s", snapshot.loaded().dataset().name(),
                snapshot.loaded().dataset().size(), config.seed(), cacheDir));
        log.add("stage 1: " + config.stage1());

        BackgroundTask<DiscoveryResult> task = BackgroundTask.of(config.seed(), ctx -> {
            PipelineListener listener = new PipelineListener() {
                @Override
                public void stageStarted(PipelineStage stage) {
                    long now = System.nanoTime();
                    ctx.onUi(() -> {
                        current = stage;
                        rows.get(stage).start(now);
                    });
                }

                @Override
                public void stageFinished(PipelineStage stage, boolean cached, long millis) {
                    ctx.onUi(() -> {
                        rows.get(stage).finish(cached, millis);
                        log.add(String.format(Locale.ROOT, "%-10s %6.1f s%s", stage.label(), millis / 1000.0, cached ? " (cached)" : ""));
                    });
                }
            };
            return workspace.encoder().whileCacheHeld(() -> new DiscoveryPipeline(cacheDir, listener).run(snapshot.loaded().dataset(), config, ctx));
        }).onProgress((fraction, message) -> {
            StageRow r = current == null ? null : rows.get(current);
            if (r != null && r.statusProperty().get() == StageRow.Status.RUNNING) {
                r.progressProperty().set(fraction);
                r.messageProperty().set(message == null ? "" : message);
            }
        }).onLog(log::add).onSuccess(result -> finished(snapshot, result)).onFailure(this::failed).onCancelled(this::cancelled);
        job = task;
        task.executeWith(tasks);
    }

    /**
     * Trains the router (classifier + quality estimator) on the latest Stage-1 result in the background; does nothing
     * while anything runs or without a result. The result goes into {@link Workspace#trainingProperty()}.
     */
    public void train() {
        DiscoveryResult stage1 = workspace.resultProperty().get();
        if (running.get() || stage1 == null) {
            return;
        }
        TrainingConfig config = TrainingConfig.defaults(stage1.config().seed()).withChooseLevels(chooseLevels.get());
        Path cacheDir = prefs.cacheDir();
        failure.set(null);
        running.set(true);
        training.set(true);
        trainProgress.set(-1);
        trainStatus.set("Training…");
        status.set("Training the router…");
        log.add("train router: classifier + quality estimator on " + stage1.discovery().tasks().size() + " tasks");
        long t0 = System.nanoTime();
        BackgroundTask<TrainingResult> task = BackgroundTask.of(config.classifier().seed(), ctx -> {
            PipelineListener listener = new PipelineListener() {
                @Override
                public void stageStarted(PipelineStage s) {
                    ctx.onUi(() -> trainStatus.set("Training: " + s.label() + "…"));
                }

                @Override
                public void stageFinished(PipelineStage s, boolean cached, long millis) {
                    ctx.onUi(() -> log.add(String.format(Locale.ROOT, "%-10s %6.1f s", s.label(), millis / 1000.0)));
                }
            };
            return workspace.encoder().whileCacheHeld(() -> new RouterTrainingPipeline(cacheDir, listener).train(stage1, config, ctx));
        }).onProgress((fraction, message) -> trainProgress.set(fraction)).onLog(log::add)
                .onSuccess(r -> trained(stage1, r, (System.nanoTime() - t0) / 1_000_000))
                .onFailure(t -> {
                    trainingStopped("Training failed: " + t.getMessage());
                    failed(t);
                }).onCancelled(() -> {
                    trainingStopped("Training cancelled.");
                    cancelled();
                });
        job = task;
        task.executeWith(tasks);
    }

    private void trainingStopped(String line) {
        training.set(false);
        trainProgress.set(0);
        trainStatus.set(line);
    }

    private void trained(DiscoveryResult stage1, TrainingResult r, long millis) {
        running.set(false);
        training.set(false);
        if (workspace.resultProperty().get() != stage1) {
            trainStatus.set("Trained, but the Stage-1 result changed meanwhile: router dropped.");
            return;
        }
        String line = String.format(Locale.ROOT, "router trained in %.1f s: classifier macro-F1 %.3f, estimator dev MSE %.4f (%s)",
                millis / 1000.0, r.classifierHeldOut().macroF1(), r.estimatorDevMse(), r.device());
        r.levelSearch().stream().filter(LevelTrial::chosen).findFirst().ifPresent(chosen -> log.add(String.format(Locale.ROOT,
                "ℓ = %d chosen on dev and left-out training prompts (%s); the task graph and inspector now show its %d tasks",
                chosen.levels(), r.levelSearch().stream().map(t -> String.format(Locale.ROOT, "ℓ = %d: %d tasks, Qual %.2f", t.levels(), t.tasks(),
                        100 * t.qual())).collect(java.util.stream.Collectors.joining("; ")), chosen.tasks())));
        log.add(line);
        if (r.discovery() != stage1) {
            workspace.resultProperty().set(r.discovery()); // the chosen ℓ's tasks: the ones the router routes by
        }
        trainProgress.set(1);
        trainStatus.set("✓ " + line);
        status.set("Router trained.");
        workspace.trainingProperty().set(r);
    }

    /** Whether a router training is in progress (also sets {@link #runningProperty()}). */
    public ReadOnlyBooleanProperty trainingProperty() {
        return training;
    }

    /** Progress of the training stage under way (−1 = indeterminate). */
    public DoubleProperty trainProgressProperty() {
        return trainProgress;
    }

    /** One line about the router training. */
    public StringProperty trainStatusProperty() {
        return trainStatus;
    }

    /**
     * Cancels the running Stage-1 run or router training: the view model is ready again at once, the engine stops at
     * its next check and what it finished stays cached.
     */
    public void cancel() {
        if (running.get() && job != null) {
            job.cancel();
        }
    }

    private void finished(DatasetSnapshot snapshot, DiscoveryResult result) {
        running.set(false);
        if (workspace.datasetProperty().get() != snapshot) {
            status.set("Finished, but the dataset changed meanwhile: result dropped.");
            return;
        }
        DiscoveryMetrics m = DiscoveryMetrics.of(result);
        String line = String.format(Locale.ROOT, "%d tasks over %d training prompts; %.2f candidates per task; %.1f%% in Others",
                m.tasks(), result.trainRows().length, m.meanCandidates(), 100 * m.othersShare());
        log.add(line);
        if (m.degenerateWarning() != null) {
            log.add("Warning: " + m.degenerateWarning());
        }
        if (m.agreementWithSubtask() != null) {
            log.add(String.format(Locale.ROOT, "agreement with sub-task labels: ARI %.3f, NMI %.3f",
                    m.agreementWithSubtask().ari(), m.agreementWithSubtask().nmi()));
        }
        status.set("Done: " + line + ".");
        workspace.resultProperty().set(result);
    }

    private void cancelled() {
        running.set(false);
        long now = System.nanoTime();
        stageRows.forEach(r -> r.end(StageRow.Status.CANCELLED, now));
        log.add("cancelled; finished stages stay cached");
        status.set("Cancelled.");
    }

    private void failed(Throwable t) {
        running.set(false);
        long now = System.nanoTime();
        stageRows.forEach(r -> r.end(StageRow.Status.FAILED, now));
        log.add("failed: " + t.getMessage());
        status.set("Failed: " + t.getMessage());
        failure.set(t);
    }

    /** Refreshes the elapsed time of the running stage (the view calls it a few times a second). */
    public void tick() {
        long now = System.nanoTime();
        stageRows.forEach(r -> r.tick(now));
    }

    /** One row per stage, in order. */
    public ObservableList<StageRow> stageRows() {
        return stageRows;
    }

    /** Log lines of the current run. */
    public ObservableList<String> log() {
        return log;
    }

    /** Whether a run is in progress. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** One line of status. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The last run's error (not set for cancellation); the view shows it in a dialog. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }

    /** k: neighbours per node. */
    public IntegerProperty kProperty() {
        return k;
    }

    /** τ: RBO threshold. */
    public DoubleProperty tauProperty() {
        return tau;
    }

    /**
     * Whether training chooses ℓ among 1 … the ℓ setting on dev and left-out training prompts (as {@code train} and
     * {@code eval} do without {@code --levels}); the chosen ℓ's tasks then replace the Stage-1 result shown. Kept in the
     * preferences; on by default.
     */
    public BooleanProperty chooseLevelsProperty() {
        return chooseLevels;
    }

    /** ℓ: clustering levels. */
    public IntegerProperty levelsProperty() {
        return levels;
    }

    /** δ: candidate coverage. */
    public DoubleProperty deltaProperty() {
        return delta;
    }

    /** Minimum task size. */
    public IntegerProperty minTaskSizeProperty() {
        return minTaskSize;
    }

    /** Leiden resolution. */
    public DoubleProperty resolutionProperty() {
        return resolution;
    }

    /** Names of settings that differ from the paper's defaults (for the view's "changed" marker). */
    public List<String> changedSettings() {
        List<String> out = new ArrayList<>();
        Stage1Config c = stage1Config();
        if (c.k() != PAPER.k()) out.add("k");
        if (c.tau() != PAPER.tau()) out.add("τ");
        if (c.levels() != PAPER.levels()) out.add("ℓ");
        if (c.delta() != PAPER.delta()) out.add("δ");
        if (c.minTaskSize() != PAPER.minTaskSize()) out.add("min task size");
        if (c.leidenResolution() != PAPER.leidenResolution()) out.add("resolution");
        return out;
    }
}

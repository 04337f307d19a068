package dev.finerouter.app.whatif;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.whatif.Scored;
import dev.finerouter.engine.whatif.Sweep;
import dev.finerouter.engine.whatif.TuningEvaluator;
import dev.finerouter.engine.whatif.TuningSettings;
import dev.finerouter.engine.whatif.WhatIfMetric;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What-if tuning of a trained router. The networks run once over the dev and test prompts in the background
 * ({@link TuningEvaluator#predict}); then
 * <ul>
 *   <li>α and the cost tolerance λ re-decide the shown split from the cache on the calling (FX) thread;</li>
 *   <li>δ re-selects every task's candidates and re-decides, also on the calling thread;</li>
 *   <li>τ and ℓ re-cluster the training prompts from the cached kNN + RBO graph in the background: the
 *       discovery-level figures update, the routing metrics are marked "needs retraining";</li>
 *   <li>k changes the graph itself: nothing is previewed, everything needs retraining.</li>
 * </ul>
 * A scoring can be pinned as the baseline of every delta and of the chart's second curve; the cost–quality curve of
 * the current α and δ is computed in the background. Sweeps ({@link Sweep}) run in the background with progress and
 * cancel; named variants are kept in a {@link VariantStore}.
 */
public final class WhatIfViewModel {
    /** The paper's policy (α = 0.5, tolerance 0). */
    public static final RoutingPolicy PAPER = RoutingPolicy.PAPER;

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final DoubleProperty alpha = new SimpleDoubleProperty(this, "alpha", PAPER.alpha());
    private final DoubleProperty tolerance = new SimpleDoubleProperty(this, "tolerance", PAPER.tolerance());
    private final DoubleProperty delta = new SimpleDoubleProperty(this, "delta", TuningSettings.PAPER.delta());
    private final DoubleProperty tau = new SimpleDoubleProperty(this, "tau", TuningSettings.PAPER.tau());
    private final IntegerProperty k = new SimpleIntegerProperty(this, "k", TuningSettings.PAPER.k());
    private final IntegerProperty levels = new SimpleIntegerProperty(this, "levels", TuningSettings.PAPER.levels());
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split", Split.TEST);
    private final ObjectProperty<Scored> current = new SimpleObjectProperty<>(this, "current");
    private final ObjectProperty<Scored> pinned = new SimpleObjectProperty<>(this, "pinned");
    private final ObjectProperty<CostQualityCurve> currentCurve = new SimpleObjectProperty<>(this, "currentCurve");
    private final ObjectProperty<CostQualityCurve> pinnedCurve = new SimpleObjectProperty<>(this, "pinnedCurve");
    private final ObservableList<TuningEvaluator.ModelPoint> singleModels = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> rows = FXCollections.observableArrayList();
    private final LongProperty rescoreMicros = new SimpleLongProperty(this, "rescoreMicros", -1);
    private final BooleanProperty ready = new SimpleBooleanProperty(this, "ready");
    private final BooleanProperty needsRetraining = new SimpleBooleanProperty(this, "needsRetraining");
    private final BooleanProperty reclustering = new SimpleBooleanProperty(this, "reclustering");
    private final BooleanProperty deltaApplies = new SimpleBooleanProperty(this, "deltaApplies", true);
    private final StringProperty status = new SimpleStringProperty(this, "status", "Train a router in the Pipeline tab first.");
    private final StringProperty effect = new SimpleStringProperty(this, "effect", "");
    private final SweepState sweep;
    private final VariantList variants;
    private final CalibrationViewModel calibration;
    private TuningEvaluator evaluator;
    /** The running (or last) background jobs: predicting the splits, the cost–quality curve, a re-clustering. */
    private BackgroundTask<?> predictJob;
    private BackgroundTask<?> curveJob;
    private BackgroundTask<?> reclusterJob;
    private boolean applying;
    private Consumer<Stage1Config> retrainAction;

    /** Creates the panel's state without saved variants; it follows the workspace's trained router. */
    public WhatIfViewModel(Workspace workspace, BackgroundTasks tasks) {
        this(workspace, tasks, null);
    }

    /**
     * Creates the panel's state; it follows the workspace's trained router.
     *
     * @param variantsFile where named variants persist ({@link VariantStore}), or null to keep them in memory only;
     *                     an unreadable file is reported in the status and variants are then kept in memory
     */
    public WhatIfViewModel(Workspace workspace, BackgroundTasks tasks, java.nio.file.Path variantsFile) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.sweep = new SweepState(tasks);
        VariantStore store = null;
        if (variantsFile != null) {
            try {
                store = VariantStore.open(variantsFile);
            } catch (EngineException e) {
                status.set("Saved variants not loaded: " + e.getMessage());
            }
        }
        this.variants = new VariantList(store);
        this.calibration = new CalibrationViewModel(this, tasks);
        workspace.trainingProperty().addListener((o, a, r) -> load(r));
        for (var p : List.of(alpha, tolerance, delta, tau)) {
            p.addListener((o, a, b) -> changed());
        }
        k.addListener((o, a, b) -> changed());
        levels.addListener((o, a, b) -> changed());
        split.addListener((o, a, b) -> {
            pinned.set(null);
            pinnedCurve.set(null);
            refreshSingleModels();
            changed();
        });
        if (workspace.trainingProperty().get() != null) {
            load(workspace.trainingProperty().get());
        }
    }

    private void load(TrainingResult r) {
        evaluator = null;
        cancel(predictJob);
        cancel(curveJob);
        cancel(reclusterJob);
        ready.set(false);
        current.set(null);
        pinned.set(null);
        currentCurve.set(null);
        pinnedCurve.set(null);
        singleModels.clear();
        rows.clear();
        rescoreMicros.set(-1);
        needsRetraining.set(false);
        if (r == null) {
            if (!status.get().startsWith("Saved variants not loaded")) {
                status.set("Train a router in the Pipeline tab first.");
            }
            return;
        }
        deltaApplies.set(r.router().rule() == null);
        // start from the trained setting: the α chosen on dev for the robust rule (the paper's 0.5 otherwise)
        apply(TuningSettings.of(r.recommendedPolicy().withTolerance(clamp(tolerance.get())), r.discovery().discovery().config()));
        status.set("Predicting the dev and test prompts…");
        predictJob = tasks.run(job -> TuningEvaluator.predict(r), e -> {
            evaluator = e;
            ready.set(true);
            status.set(String.format(Locale.ROOT, "Predictions cached for %d dev and %d test prompts: α, λ and δ re-decide them without retraining.",
                    e.size(Split.DEV), e.size(Split.TEST)));
            refreshSingleModels();
            changed();
        }, t -> status.set("Cannot predict: " + t.getMessage()));
    }

    private void apply(TuningSettings s) {
        applying = true;
        try {
            alpha.set(s.alpha());
            tolerance.set(s.tolerance());
            delta.set(s.delta());
            tau.set(s.tau());
            k.set(s.k());
            levels.set(s.levels());
        } finally {
            applying = false;
        }
        changed();
    }

    private void changed() {
        if (applying || evaluator == null) {
            return;
        }
        TuningSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            status.set("Invalid setting: " + e.getMessage());
            return;
        }
        if (!evaluator.hasSplit(split.get())) {
            current.set(null);
            rows.clear();
            status.set("The " + split.get().name().toLowerCase(Locale.ROOT) + " split has no prompts.");
            return;
        }
        cancel(curveJob); // superseded
        cancel(reclusterJob);
        boolean stale = s.changesTasks(evaluator.trained());
        needsRetraining.set(stale);
        effect.set(effectOf(s));
        if (!stale) {
            rescore();
            return;
        }
        currentCurve.set(null);
        rescoreMicros.set(-1);
        if (s.changesGraph(evaluator.trained())) {
            current.set(null);
            reclustering.set(false);
            rebuildRows();
            return;
        }
        recluster(s);
    }

    private String effectOf(TuningSettings s) {
        TuningSettings t = evaluator.trained();
        if (s.changesGraph(t)) {
            return "k = " + s.k() + " changes the kNN graph itself: no preview from the cache. Retrain re-runs discovery and training.";
        }
        if (s.changesTasks(t)) {
            return "τ / ℓ change the tasks: re-clustered from the cached kNN + RBO graph; the classifier and estimator know the old "
                    + "tasks, so routing metrics need retraining.";
        }
        if (s.delta() != t.delta() && !deltaApplies.get()) {
            return String.format(Locale.ROOT, "δ = %.2f re-selects each task's candidates, which only the paper's rule routes among: "
                    + "this router's robust rule compares every model, so its decisions do not change.", s.delta());
        }
        if (s.delta() != t.delta()) {
            return String.format(Locale.ROOT, "δ = %.2f re-selects candidates (trained: %.2f) without retraining: the task medians are per model "
                    + "and unchanged; a new candidate has no task adapter and is predicted by its general adapter.", s.delta(), t.delta());
        }
        return "";
    }

    /**
     * Re-decides the shown split under the current α, λ and δ from the cached predictions (on the calling thread) and
     * updates the metrics; the time it took is {@link #rescoreMicrosProperty()}. Does nothing while the setting needs
     * retraining.
     */
    public void rescore() {
        if (evaluator == null || !evaluator.hasSplit(split.get())) {
            return;
        }
        TuningSettings s = settings();
        if (s.changesTasks(evaluator.trained())) {
            return;
        }
        long t0 = System.nanoTime();
        Scored scored = evaluator.score(s, split.get());
        long micros = (System.nanoTime() - t0) / 1000;
        rescoreMicros.set(micros);
        reclustering.set(false);
        current.set(scored.withMicros(micros));
        rebuildRows();
        refreshCurve(s);
    }

    private void refreshCurve(TuningSettings s) {
        TuningEvaluator e = evaluator;
        Split which = split.get();
        cancel(curveJob);
        curveJob = tasks.run(job -> e.curve(s, which), currentCurve::set,
                t -> status.set("Cannot compute the cost–quality curve: " + t.getMessage()));
    }

    private static void cancel(BackgroundTask<?> job) {
        if (job != null) {
            job.cancel();
        }
    }

    /** Stops a running re-clustering (the engine at its next check); the preview keeps the last result. */
    public void cancelRecluster() {
        if (reclustering.get()) {
            cancel(reclusterJob);
            status.set("Re-clustering cancelled.");
        }
    }

    private void recluster(TuningSettings s) {
        TuningEvaluator e = evaluator;
        Split which = split.get();
        reclustering.set(true);
        status.set(String.format(Locale.ROOT, "Re-clustering at τ = %.2f, ℓ = %d from the cached graph…", s.tau(), s.levels()));
        reclusterJob = BackgroundTask.of(e.result().config().classifier().seed(), ctx -> {
            long t0 = System.nanoTime();
            Scored preview = e.preview(s, which, e.recluster(s, ctx));
            return preview.withMicros((System.nanoTime() - t0) / 1000);
        }).onSuccess(p -> {
            reclustering.set(false);
            current.set(p);
            rebuildRows();
            status.set(String.format(Locale.ROOT, "Re-clustered in %.2f s: %d tasks; routing metrics need retraining.",
                    p.micros() / 1e6, p.tasks()));
        }).onFailure(t -> {
            reclustering.set(false);
            status.set("Re-clustering failed: " + t.getMessage());
        }).onCancelled(() -> reclustering.set(false));
        reclusterJob.executeWith(tasks);
    }

    private void rebuildRows() {
        TuningSettings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            return;
        }
        rows.setAll(evaluator == null ? List.of() : MetricRow.of(s, current.get(), pinned.get(), evaluator.modelNames()));
    }

    private void refreshSingleModels() {
        singleModels.setAll(evaluator != null && evaluator.hasSplit(split.get()) ? evaluator.singleModels(split.get()) : List.of());
    }

    /** Pins the current metrics and curve as the baseline the deltas and the second curve are measured against. */
    public void pin() {
        pinned.set(current.get());
        pinnedCurve.set(currentCurve.get());
        rebuildRows();
    }

    /** Drops the baseline. */
    public void unpin() {
        pinned.set(null);
        pinnedCurve.set(null);
        rebuildRows();
    }

    /** Back to the paper's α and tolerance, and the trained router's δ, τ, k and ℓ. */
    public void resetToPaper() {
        TuningSettings trained = evaluator == null ? TuningSettings.PAPER : evaluator.trained();
        apply(new TuningSettings(PAPER.alpha(), PAPER.tolerance(), trained.delta(), trained.tau(), trained.k(), trained.levels()));
    }

    /** Takes over a saved variant's setting. */
    public void applyVariant(Variant v) {
        apply(v.settings());
    }

    /**
     * Asks for a retrain with the current τ, k, ℓ and δ (the workbench runs discovery, then Stage 2); the new router
     * then replaces this one. Does nothing without a retrain action.
     */
    public void retrain() {
        if (retrainAction != null && evaluator != null) {
            retrainAction.accept(settings().stage1(evaluator.result().discovery().config().stage1()));
        }
    }

    /** What {@link #retrain()} does with the Stage-1 settings to train with. */
    public void setRetrainAction(Consumer<Stage1Config> action) {
        retrainAction = action;
    }

    /**
     * Starts a sweep of {@code knob} over {@code steps} values from {@code from} to {@code to} measuring
     * {@code metric} on the shown split, every other knob at its current value (background; see {@link #sweep()}).
     *
     * @throws IllegalArgumentException when the grid is invalid or the sweep needs a retrained router
     */
    public void startSweep(Sweep.Knob knob, double from, double to, int steps, WhatIfMetric metric) {
        if (evaluator == null) {
            throw new IllegalArgumentException("train a router first");
        }
        Sweep.grid(knob, from, to, steps);
        TuningSettings base = settings();
        if (knob != Sweep.Knob.TAU && base.changesTasks(evaluator.trained())) {
            throw new IllegalArgumentException("τ, k or ℓ differ from the trained router's: retrain before sweeping " + knob.symbol());
        }
        if (knob == Sweep.Knob.TAU && base.changesGraph(evaluator.trained())) {
            throw new IllegalArgumentException("k differs from the trained router's: a τ sweep needs the cached graph of the trained k");
        }
        TuningEvaluator e = evaluator;
        Split which = split.get();
        sweep.start(ctx -> Sweep.run(e, base, knob, from, to, steps, metric, which, ctx), e.result().config().classifier().seed());
    }

    /** Saves the current scoring as a named variant (replacing one of the same name). */
    public void saveVariant(String name) throws EngineException {
        Scored s = current.get();
        if (s == null || evaluator == null) {
            throw new IllegalArgumentException("nothing to save yet");
        }
        variants.save(Variant.of(name, s, evaluator.modelNames()));
    }

    /** The cached predictions of the trained router, or null before they are ready. */
    TuningEvaluator evaluator() {
        return evaluator;
    }

    /** Calibration to a goal (cost, share or quality) on the dev split. */
    public CalibrationViewModel calibration() {
        return calibration;
    }

    /** The current setting (throws {@link IllegalArgumentException} for invalid values). */
    public TuningSettings settings() {
        return new TuningSettings(clamp(alpha.get()), clamp(tolerance.get()), delta.get(), tau.get(), k.get(), levels.get());
    }

    /** The policy of the current setting. */
    public RoutingPolicy policy() {
        return new RoutingPolicy(clamp(alpha.get()), clamp(tolerance.get()), null);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The metric named {@code name} of the current setting, or NaN. */
    public double metric(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).mapToDouble(MetricRow::current).findFirst().orElse(Double.NaN);
    }

    /** Stage-1 settings of the trained router. */
    public String stage1Settings() {
        TrainingResult r = workspace.trainingProperty().get();
        if (r == null) {
            return "";
        }
        var c = r.discovery().config().stage1();
        return String.format(Locale.ROOT, "τ = %s, δ = %s, k = %d, ℓ = %d", c.tau(), c.delta(), c.k(), c.levels());
    }

    /** α: weight of the prompt-specific prediction Q̃ against the task prior Q̄. */
    public DoubleProperty alphaProperty() {
        return alpha;
    }

    /** Cost tolerance λ. */
    public DoubleProperty toleranceProperty() {
        return tolerance;
    }

    /** Candidate coverage δ (re-selects candidates, no retraining). */
    /**
     * Whether δ changes this router's decisions: true for the paper's rule, which routes among each task's candidates;
     * false for the robust rule, which compares every model (δ then only changes the candidates shown).
     */
    public BooleanProperty deltaAppliesProperty() {
        return deltaApplies;
    }

    public DoubleProperty deltaProperty() {
        return delta;
    }

    /** RBO threshold τ (re-clusters; the router needs retraining). */
    public DoubleProperty tauProperty() {
        return tau;
    }

    /** Neighbours k (changes the graph; the router needs retraining). */
    public IntegerProperty kProperty() {
        return k;
    }

    /** Clustering levels ℓ (re-clusters; the router needs retraining). */
    public IntegerProperty levelsProperty() {
        return levels;
    }

    /** Which split the metrics are of (dev or test). */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** The current setting's scoring of the shown split (a preview while retraining is needed; null for a k change). */
    public ObjectProperty<Scored> currentProperty() {
        return current;
    }

    /** The pinned baseline, or null. */
    public ObjectProperty<Scored> pinnedProperty() {
        return pinned;
    }

    /** Cost–quality curve of the current α and δ (λ swept), or null while unknown. */
    public ObjectProperty<CostQualityCurve> currentCurveProperty() {
        return currentCurve;
    }

    /** The pinned curve, or null. */
    public ObjectProperty<CostQualityCurve> pinnedCurveProperty() {
        return pinnedCurve;
    }

    /** Each single model's cost and Qual on the shown split. */
    public ObservableList<TuningEvaluator.ModelPoint> singleModels() {
        return singleModels;
    }

    /** Metric rows of the shown split. */
    public ObservableList<MetricRow> rows() {
        return rows;
    }

    /** Microseconds the last re-decision of the shown split took, −1 before the first or while retraining is needed. */
    public LongProperty rescoreMicrosProperty() {
        return rescoreMicros;
    }

    /** Whether predictions are cached. */
    public BooleanProperty readyProperty() {
        return ready;
    }

    /** Whether the current τ, k or ℓ differ from the trained router's. */
    public BooleanProperty needsRetrainingProperty() {
        return needsRetraining;
    }

    /** Whether a background re-clustering is running. */
    public BooleanProperty reclusteringProperty() {
        return reclustering;
    }

    /** One line of status. */
    public StringProperty statusProperty() {
        return status;
    }

    /** What the current δ / τ / k / ℓ change does, empty at the trained values. */
    public StringProperty effectProperty() {
        return effect;
    }

    /** The sweep's state. */
    public SweepState sweep() {
        return sweep;
    }

    /** The saved variants. */
    public VariantList variants() {
        return variants;
    }
}

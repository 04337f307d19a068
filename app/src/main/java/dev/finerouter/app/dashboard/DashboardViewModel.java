package dev.finerouter.app.dashboard;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.ChartPalette;
import dev.finerouter.engine.eval.CurvePoint;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.EvaluationReportReader;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.pipeline.EvaluationSuite;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.viz.chart.BenchmarkBarsChart;
import dev.finerouter.viz.chart.EvaluationCostQualityChart;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The evaluation dashboard: runs {@link EvaluationSuite} on the workspace's trained router in the background
 * ({@link EvaluationSuite.Scope#QUICK}: single models, oracle and the router; {@link EvaluationSuite.Scope#FULL}:
 * every baseline and ablation too), or shows a report read elsewhere ({@link #show(EvaluationReport)}), as a
 * Table-1 grid and the data of three charts.
 *
 * <p>The evaluation is a {@link BackgroundTask} with progress (the phase in the status line); Cancel makes the view
 * model ready at once and the engine stops at its next check (between the baselines' dev-grid points and epochs and
 * between the routers tested); a cancelled run's report is dropped.
 */
public final class DashboardViewModel {
    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final Supplier<RoutingPolicy> policy;
    private final Optional<ChartExporter> vectorExporter;
    private final ObjectProperty<EvaluationSuite.Scope> scope = new SimpleObjectProperty<>(this, "scope", EvaluationSuite.Scope.QUICK);
    private final ObjectProperty<EvaluationReport> report = new SimpleObjectProperty<>(this, "report");
    private final ObjectProperty<EvaluationGrid> grid = new SimpleObjectProperty<>(this, "grid");
    private final ObservableList<EvaluationGrid.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "Train a router, then Evaluate.");
    private final javafx.beans.property.ReadOnlyStringWrapper verdict = new javafx.beans.property.ReadOnlyStringWrapper(this, "verdict", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty ready = new SimpleBooleanProperty(this, "ready");
    /** The router the shown report evaluated (null for a report opened from a file). */
    private TrainingResult evaluatedRouter;
    private final javafx.beans.property.ReadOnlyDoubleWrapper progress = new javafx.beans.property.ReadOnlyDoubleWrapper(this, "progress",
            BackgroundTask.INDETERMINATE);
    /** The running (or last) evaluation; {@link #cancel()} cancels it. */
    private BackgroundTask<EvaluationReport> job;

    /**
     * @param policy the routing policy whose α the full router is evaluated with (the what-if panel's current one)
     * @param vectorExporter writes charts as SVG, when bound
     */
    public DashboardViewModel(Workspace workspace, BackgroundTasks tasks, Supplier<RoutingPolicy> policy,
                              Optional<ChartExporter> vectorExporter) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.policy = policy;
        this.vectorExporter = vectorExporter;
        ready.bind(workspace.trainingProperty().isNotNull());
        workspace.datasetProperty().addListener((o, a, d) -> clear("Dataset changed: the shown results were cleared. Train a router, then Evaluate."));
        workspace.trainingProperty().addListener((o, a, r) -> {
            if (running.get()) {
                cancel();
            }
            if (evaluatedRouter != null && evaluatedRouter != r) {
                clear(r == null ? "The evaluated router is gone: its results were cleared." : "A new router was trained: the old results were cleared.");
            }
            if (r != null && report.get() == null) {
                status.set("Router trained: Evaluate (quick: single models, oracle, FineRouter; full: every baseline and ablation).");
            }
        });
    }

    /** Evaluates the workspace's trained router on its test split, in the background. */
    public void evaluate() {
        TrainingResult r = workspace.trainingProperty().get();
        if (r == null || running.get()) {
            return;
        }
        EvaluationSuite.Scope s = scope.get();
        RoutingPolicy p = policy.get();
        running.set(true);
        progress.set(BackgroundTask.INDETERMINATE);
        log.clear();
        String evaluating = "Evaluating (" + s.name().toLowerCase(Locale.ROOT) + ") on the test split…";
        status.set(evaluating);
        long t0 = System.nanoTime();
        job = BackgroundTask.of(r.discovery().config().seed(), ctx -> EvaluationSuite.evaluate(r, p, s, ctx)).onLog(log::add)
                .onProgress((fraction, message) -> {
                    progress.set(fraction);
                    if (message != null) {
                        status.set(evaluating + " " + message);
                    }
                }).onSuccess(rep -> {
            running.set(false);
            show(rep);
            evaluatedRouter = r;
            status.set(String.format(Locale.ROOT, "Evaluated %d routers (%s) on %d test prompts in %.1f s.", rep.results().size(),
                    s.name().toLowerCase(Locale.ROOT), rep.testPrompts(), (System.nanoTime() - t0) / 1e9));
        }).onFailure(t -> {
            running.set(false);
            status.set("Evaluation failed: " + t.getMessage());
        }).onCancelled(() -> {
            running.set(false);
            status.set("Evaluation cancelled.");
        });
        job.executeWith(tasks);
    }

    /** Cancels the running evaluation: the view model is ready at once, the engine stops at its next check. */
    public void cancel() {
        if (running.get() && job != null) {
            job.cancel();
        }
    }

    /** Progress of the running evaluation in [0, 1] ({@link BackgroundTask#INDETERMINATE} before its first report). */
    public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /**
     * Reads an {@code evaluation.json} that {@code finerouter eval} wrote (or a folder holding one) in the background
     * and shows it; a bad file leaves the shown report as it was and says why in the status line.
     */
    public void open(Path evaluationJson) {
        if (running.get()) {
            return;
        }
        Path file = EvaluationReportReader.file(evaluationJson);
        status.set("Reading " + file + "…");
        tasks.run(job -> EvaluationReportReader.read(file), this::show,
                t -> status.set("Cannot open the report: " + t.getMessage()));
    }

    /** Drops the shown report, grid and charts (no stale results on screen); {@code why} goes into the status line. */
    public void clear(String why) {
        if (report.get() == null && grid.get() == null) {
            return;
        }
        evaluatedRouter = null;
        rows.clear();
        grid.set(null);
        report.set(null);
        verdict.set("");
        status.set(why);
    }

    /** Shows {@code evaluation} (from an Evaluate run or a file the CLI wrote). */
    public void show(EvaluationReport evaluation) {
        evaluatedRouter = null;
        report.set(evaluation);
        verdict.set(evaluation.verdict().orElse(""));
        EvaluationGrid g = EvaluationGrid.of(evaluation);
        grid.set(g);
        rows.setAll(g.rows());
        status.set(String.format(Locale.ROOT, "%s: %d routers, %d test prompts, best single model %s.", evaluation.dataset(),
                evaluation.results().size(), evaluation.testPrompts(),
                evaluation.bestSingleModel() == null ? "–" : evaluation.bestSingleModel()));
    }

    /**
     * The cost–quality chart's data: routers with a cost knob as curves, everything else as one point; colours from
     * the shared {@link ChartPalette} (the exported charts use the same), the best single model marked.
     */
    public List<EvaluationCostQualityChart.Router> costQuality() {
        EvaluationReport rep = report.get();
        List<EvaluationCostQualityChart.Router> out = new ArrayList<>();
        if (rep == null) {
            return out;
        }
        for (RouterResult r : rep.results()) {
            List<EvaluationCostQualityChart.Point> points = new ArrayList<>();
            if (r.hasCostKnob()) {
                for (CurvePoint p : r.curve().points()) {
                    if (!Double.isNaN(p.qual())) {
                        points.add(new EvaluationCostQualityChart.Point(p.costPerPrompt(), p.qual()));
                    }
                }
            } else if (!Double.isNaN(r.metrics().qual())) {
                points.add(new EvaluationCostQualityChart.Point(r.metrics().costPerPrompt(), r.metrics().qual()));
            }
            if (!points.isEmpty()) {
                out.add(new EvaluationCostQualityChart.Router(r.name(), points, switch (r.kind()) {
                    case SINGLE_MODEL -> r.name().equals(rep.bestSingleModel()) ? EvaluationCostQualityChart.Role.BEST_SINGLE
                            : EvaluationCostQualityChart.Role.SINGLE_MODEL;
                    case FULL -> EvaluationCostQualityChart.Role.HIGHLIGHT;
                    default -> EvaluationCostQualityChart.Role.ROUTER;
                }, ChartPalette.router(r, rep)));
            }
        }
        return out;
    }

    /** The routers of the routing-share chart: every router but the single models (each of which sends all to one). */
    public List<RouterResult> shareRouters() {
        EvaluationReport rep = report.get();
        return rep == null ? List.of() : rep.results().stream().filter(r -> r.kind() != RouterKind.SINGLE_MODEL).toList();
    }

    /** {@code share[r][m]} of {@link #shareRouters()}. */
    public double[][] shares() {
        return shareRouters().stream().map(r -> r.metrics().share()).toArray(double[][]::new);
    }

    /** The colour of each model of the shown report (pool order), from the shared {@link ChartPalette}. */
    public List<String> modelColours() {
        EvaluationReport rep = report.get();
        return rep == null ? List.of() : rep.models().stream().map(m -> ChartPalette.model(rep.models(), m)).toList();
    }

    /** The per-benchmark chart's groups: the benchmarks, then Ave (mean over benchmarks) and Qual (over prompts). */
    public List<String> benchmarkCategories() {
        EvaluationReport rep = report.get();
        if (rep == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(rep.benchmarks());
        out.add(AVE);
        out.add(QUAL);
        return out;
    }

    /** Category of the macro average in {@link #benchmarkCategories()}. */
    public static final String AVE = "Ave";
    /** Category of the mean over prompts in {@link #benchmarkCategories()}. */
    public static final String QUAL = "Qual";
    /** The baselines the per-benchmark chart shows beside the best single model and FineRouter (as the exported chart). */
    public static final List<String> BENCHMARK_BASELINES = List.of("Oracle", "kNN", "MF");

    /**
     * The per-benchmark chart's bars, the same routers as the exported chart: the best single model, the oracle, kNN
     * and MF when present, and FineRouter; values per {@link #benchmarkCategories()}; colours from {@link ChartPalette}.
     */
    public List<BenchmarkBarsChart.Bars> benchmarkBars() {
        EvaluationReport rep = report.get();
        List<BenchmarkBarsChart.Bars> out = new ArrayList<>();
        if (rep == null) {
            return out;
        }
        List<RouterResult> shown = new ArrayList<>();
        rep.results().stream().filter(r -> r.kind() == RouterKind.SINGLE_MODEL && r.name().equals(rep.bestSingleModel()))
                .forEach(shown::add);
        for (String name : BENCHMARK_BASELINES) {
            rep.results().stream().filter(r -> r.kind() != RouterKind.SINGLE_MODEL && r.name().equals(name)).findFirst()
                    .ifPresent(shown::add);
        }
        rep.results().stream().filter(r -> r.kind() == RouterKind.FULL).forEach(shown::add);
        for (RouterResult r : shown) {
            RouterMetrics m = r.metrics();
            double[] v = new double[rep.benchmarks().size() + 2];
            for (int i = 0; i < rep.benchmarks().size(); i++) {
                v[i] = m.perBenchmark().getOrDefault(rep.benchmarks().get(i), Double.NaN);
            }
            v[v.length - 2] = m.ave();
            v[v.length - 1] = m.qual();
            out.add(new BenchmarkBarsChart.Bars(r.kind() == RouterKind.SINGLE_MODEL ? r.name() + " (best single)" : r.name(), v,
                    ChartPalette.router(r, rep)));
        }
        return out;
    }

    /** Whether charts can be written as vector files (an exporter is bound). */
    public boolean canExportVector() {
        return vectorExporter.isPresent();
    }

    /**
     * Writes {@code chart} of the shown report as a vector file with the bound exporter.
     *
     * @throws EngineException when there is no report, no exporter, or the file cannot be written
     */
    public void exportVector(DashboardChart chart, Path target) throws EngineException {
        if (report.get() == null) {
            throw new EngineException("there is no evaluation to export", "evaluate first", null);
        }
        ChartExporter e = vectorExporter.orElseThrow(() -> new EngineException("no vector chart exporter is available",
                "export as PNG instead", null));
        e.export(report.get(), chart, target);
    }

    /** The vector format's extension, or empty. */
    public Optional<String> vectorExtension() {
        return vectorExporter.map(ChartExporter::extension);
    }

    /** Which routers to evaluate. */
    public ObjectProperty<EvaluationSuite.Scope> scopeProperty() {
        return scope;
    }

    /** The shown report, or null. */
    public ObjectProperty<EvaluationReport> reportProperty() {
        return report;
    }

    /** The shown report as a Table-1 grid, or null. */
    public ObjectProperty<EvaluationGrid> gridProperty() {
        return grid;
    }

    /** The grid's rows. */
    public ObservableList<EvaluationGrid.Row> rows() {
        return rows;
    }

    /** The last run's log lines. */
    public ObservableList<String> log() {
        return log;
    }

    /**
     * The shown report's one-line verdict (who wins at what cost, each difference with the standard error of its paired
     * test difference; {@code EvaluationReport#verdict}), empty without a report or without a router under test.
     */
    public javafx.beans.property.ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** One line about the state. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Whether an evaluation is under way. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** Whether there is a trained router to evaluate. */
    public BooleanProperty readyProperty() {
        return ready;
    }
}

package dev.finerouter.app.dashboard;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.SaveDialog;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.eval.ChartPalette;
import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.eval.CurvePoint;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.PairedDifference;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.viz.chart.BenchmarkBarsChart;
import dev.finerouter.viz.chart.CostQualityChart;
import dev.finerouter.viz.chart.EvaluationCostQualityChart;
import dev.finerouter.viz.chart.RoutingShareChart;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.Axis;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's charts on screen (headless): every axis category labelled and visible, the models in the shared
 * palette colours (the ones the exported charts use, see report's ChartDataTest), twelve models in twelve colours.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ChartsUiTest {
    private static final List<String> BENCHMARKS = List.of("code", "logic", "math", "mcq", "qa", "translation", "writing");
    private DashboardViewModel vm;
    private DashboardView view;

    @Start
    void start(Stage stage) {
        vm = new DashboardViewModel(new Workspace(), BackgroundTasks.direct(), () -> RoutingPolicy.PAPER, Optional.empty());
        view = new DashboardView(vm, new SaveDialog());
        stage.setScene(new Scene(view, 1280, 640)); // as crowded as the workbench window leaves the charts
        stage.show();
    }

    /** Twelve models m0…m11 (m11 best), the oracle, kNN, MF, ten more routers with long names and FineRouter (as a full evaluation). */
    static EvaluationReport twelveModels() {
        List<RouterResult> results = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            double[] share = new double[12];
            share[m] = 1;
            results.add(result("model-" + m, RouterKind.SINGLE_MODEL, 0.3 + 0.03 * m, 0.0005 * (m + 1) * (m + 1), share));
        }
        double[] spread = new double[12];
        for (int m = 0; m < 12; m++) {
            spread[m] = m < 4 ? 0.2 : 0.025;
        }
        for (String name : List.of("Oracle", "kNN", "MF")) {
            results.add(result(name, RouterKind.BASELINE, name.equals("Oracle") ? 0.95 : 0.6, 0.002, spread));
        }
        for (String name : List.of("Random", "Cheapest", "MLP", "Cluster router (Avengers-Pro)", "HierShrink (2-level k-means)",
                "Stage 1 only: nearest center", "Stage 1 only: coarse tasks", "Stage 1 only: fine classifier")) {
            results.add(result(name, RouterKind.ABLATION, 0.55, 0.003, spread));
        }
        results.add(result("Stage 2 only (general adapters, α = 1)", RouterKind.ABLATION, 0.58, 0.003, spread));
        results.add(result("FineRouter, paper rule (α = 0.50)", RouterKind.ABLATION, 0.69, 0.001, spread));
        results.add(result("FineRouter (α = 0.50)", RouterKind.FULL, 0.7, 0.001, spread));
        return twelveModels(results);
    }

    /** The twelve models' report with the given rows. */
    private static EvaluationReport twelveModels(List<RouterResult> results) {
        List<String> models = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            models.add("model-" + m);
        }
        return new EvaluationReport("twelve", "fp", 42, 100, 20, 20, models, BENCHMARKS, CostModel.DEFAULT, true, "model-11",
                0.0005, 0.072, results);
    }

    private static RouterResult result(String name, RouterKind kind, double qual, double costPerPrompt, double[] share) {
        Map<String, Double> per = new java.util.HashMap<>();
        for (int b = 0; b < BENCHMARKS.size(); b++) {
            per.put(BENCHMARKS.get(b), Math.min(1, qual + 0.01 * b));
        }
        RouterMetrics m = new RouterMetrics(20, 20, 0, per, qual, qual, 20 * costPerPrompt, costPerPrompt, share, Double.NaN,
                Double.NaN, 0, 0);
        return new RouterResult(name, kind, false, m, new CostQualityCurve(List.of(new CurvePoint(Double.NaN, costPerPrompt, qual))),
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** The texts of the visible tick labels of {@code axis}. */
    private static <T> List<String> visibleTicks(Axis<T> axis) {
        return axis.getTickMarks().stream().filter(t -> t.isTextVisible()).map(t -> String.valueOf(t.getValue())).toList();
    }

    /** Waits (at most 5 s) until {@code laidOut} holds on the FX thread, then one more pulse. */
    private static void settle(java.util.concurrent.Callable<Boolean> laidOut) throws Exception {
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(laidOut).get());
        WaitForAsyncUtils.sleep(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyBenchmarkAndRouterIsLabelledAndModelsKeepTheSharedColours(FxRobot robot) throws Exception {
        EvaluationReport report = twelveModels();
        robot.interact(() -> vm.show(report));
        robot.interact(() -> view.selectChart(DashboardChart.BENCHMARKS));
        WaitForAsyncUtils.waitForFxEvents();
        BenchmarkBarsChart bars = robot.lookup("#dashboard-benchmarks").queryAs(BenchmarkBarsChart.class);
        List<String> groups = new ArrayList<>(BENCHMARKS);
        groups.add("Ave");
        groups.add("Qual");
        assertEquals(groups, bars.benchmarkCategories());
        settle(() -> bars.getXAxis().getTickMarks().size() == groups.size());
        assertEquals(groups, WaitForAsyncUtils.asyncFx(() -> visibleTicks(bars.getXAxis())).get(), "every benchmark label drawn");
        assertEquals(List.of("model-11 (best single)", "Oracle", "kNN", "MF", "FineRouter (α = 0.50)"),
                bars.getData().stream().map(XYChart.Series::getName).toList());
        assertTrue(bars.getData().get(0).getData().get(0).getNode().getStyle().contains(ChartPalette.model(11)));

        robot.interact(() -> view.selectChart(DashboardChart.ROUTING_SHARE));
        WaitForAsyncUtils.waitForFxEvents();
        RoutingShareChart share = robot.lookup("#dashboard-share").queryAs(RoutingShareChart.class);
        List<String> routers = report.results().stream().filter(r -> r.kind() != RouterKind.SINGLE_MODEL).map(RouterResult::name).toList();
        assertEquals(routers, share.routerCategories());
        settle(() -> share.getYAxis().getTickMarks().size() == routers.size());
        assertEquals(routers, WaitForAsyncUtils.asyncFx(() -> visibleTicks(share.getYAxis())).get(), "every router label drawn");
        Set<String> fills = new HashSet<>();
        for (int m = 0; m < 12; m++) {
            String style = share.getData().get(m).getData().get(0).getNode().getStyle();
            assertTrue(style.contains(ChartPalette.model(m)), style);
            fills.add(style);
        }
        assertEquals(12, fills.size(), "twelve models, twelve colours");
        assertTrue(share.visibleValueLabels().contains("20"), "20 % segments carry their value: " + share.visibleValueLabels());

        robot.interact(() -> view.selectChart(DashboardChart.COST_QUALITY));
        WaitForAsyncUtils.waitForFxEvents();
        EvaluationCostQualityChart cq = robot.lookup("#dashboard-cost-quality").queryAs(EvaluationCostQualityChart.class);
        assertTrue(cq.visiblePointLabels().contains("model-11 (best single)"), cq.visiblePointLabels().toString());
        for (int m = 0; m < 12; m++) {
            Node square = cq.getData().get(m).getData().get(0).getNode();
            assertTrue(square.getStyle().contains(ChartPalette.model(m)), square.getStyle());
        }
    }

    @Test
    void theVerdictOpensTheTableAndGoesWithTheReport(FxRobot robot) {
        javafx.scene.control.Label verdict = robot.lookup("#dashboard-verdict").queryAs(javafx.scene.control.Label.class);
        assertTrue(!verdict.isVisible(), "no report, no verdict line");
        EvaluationReport report = twelveModels();
        robot.interact(() -> vm.show(report));
        assertEquals(report.verdict().orElseThrow(), verdict.getText());
        assertTrue(verdict.getText().startsWith("FineRouter: +7.0 Qual at 0.01× the cost of model-11"), verdict.getText());
        assertTrue(verdict.isVisible());
        robot.interact(() -> vm.clear("cleared"));
        assertEquals("", verdict.getText());
        assertTrue(!verdict.isVisible(), "cleared with the report");
    }

    @Test
    void theGridShowsThePairedDifferencesBoldWhereTheTestSplitTellsThemFromNoise(FxRobot robot) {
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<EvaluationGrid.Row> grid = robot.lookup("#dashboard-grid").queryAs(javafx.scene.control.TableView.class);
        robot.interact(() -> vm.show(twelveModels()));
        assertTrue(grid.getColumns().stream().noneMatch(c -> c.getText().startsWith("vs ")), "a report without paired differences: no such columns");

        List<RouterResult> results = new ArrayList<>();
        for (RouterResult r : twelveModels().results()) {
            PairedDifference best = r.name().startsWith("FineRouter (") ? new PairedDifference(0.07, 0.01, 20) : PairedDifference.NONE;
            PairedDifference full = r.name().equals("kNN") ? new PairedDifference(-0.1, 0.08, 20) : PairedDifference.NONE;
            results.add(new RouterResult(r.name(), r.kind(), r.hasCostKnob(), r.metrics(), r.curve(), r.qualityAtBestSingleCost(),
                    r.costAtBestSingleQuality(), r.area(), best, full));
        }
        EvaluationReport paired = twelveModels(results);
        robot.interact(() -> vm.show(paired));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> headers = grid.getColumns().stream().map(javafx.scene.control.TableColumn::getText).toList();
        assertEquals(List.of("Qual", "vs best single", "vs FineRouter", "Cost"), headers.subList(headers.indexOf("Qual"), headers.indexOf("Cost") + 1),
                "Qual's uncertainty beside it");
        int fullRow = grid.getItems().size() - 1;
        assertEquals("FineRouter (α = 0.50)", grid.getItems().get(fullRow).router());
        robot.interact(() -> grid.scrollTo(fullRow));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableCell<?, ?> strong = cell(robot, "+7.00 ± 1.00");
        assertTrue(strong.getStyle().contains("bold"), "seven standard errors: bold");
        int knn = grid.getItems().stream().map(EvaluationGrid.Row::router).toList().indexOf("kNN");
        robot.interact(() -> grid.scrollTo(knn));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TableCell<?, ?> level = cell(robot, "-10.00 ± 8.00");
        assertFalse(level.getStyle().contains("bold"), "1.25 standard errors: not bold");
    }

    /** The one visible table cell showing {@code text}. */
    private static javafx.scene.control.TableCell<?, ?> cell(FxRobot robot, String text) {
        return robot.lookup(".table-cell").match((javafx.scene.control.TableCell<?, ?> c) -> text.equals(c.getText()))
                .queryAs(javafx.scene.control.TableCell.class);
    }

    @Test
    void theWhatIfChartMarksTheCurrentLambda(FxRobot robot) throws Exception {
        CostQualityChart chart = WaitForAsyncUtils.asyncFx(() -> {
            CostQualityChart c = new CostQualityChart("cost per prompt", "Qual");
            view.setCenter(c);
            c.show(List.of(new CostQualityChart.Point(1, 0.5), new CostQualityChart.Point(2, 0.6)), List.of(),
                    List.of(new CostQualityChart.ModelPoint("a", 1.5, 0.4, ChartPalette.model(0))),
                    new CostQualityChart.Marker(2, 0.6, "λ = 0.30"));
            return c;
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("λ = 0.30", chart.markerText());
        assertTrue(chart.getData().stream().anyMatch(s -> s.getName().equals("λ (current)") && s.getData().size() == 1));
    }
}

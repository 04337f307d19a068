package dev.finerouter.app.dashboard;

import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.eval.CurvePoint;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.model.CostModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Table-1 grid built from a hand-made report of two prompts per router, two benchmarks (a, b), two models. */
class EvaluationGridTest {
    static RouterResult result(String name, RouterKind kind, double a, double b, double qual, double totalCost, double[] share) {
        RouterMetrics m = new RouterMetrics(2, 2, 0, Map.of("a", a, "b", b), (a + b) / 2, qual, totalCost, totalCost / 2, share,
                Double.NaN, Double.NaN, 0, 0);
        return new RouterResult(name, kind, false, m, new CostQualityCurve(List.of(new CurvePoint(Double.NaN, totalCost / 2, qual))),
                Double.NaN, Double.NaN, Double.NaN);
    }

    static EvaluationReport report() {
        return new EvaluationReport("tiny", "fp", 42, 8, 2, 2, List.of("m1", "m2"), List.of("a", "b"), CostModel.DEFAULT, true, "m1",
                0.5, 2.0, List.of(
                        result("FineRouter (α = 0.50)", RouterKind.FULL, 1.0, 0.5, 0.75, 2.0, new double[]{0.5, 0.5}),
                        result("m1", RouterKind.SINGLE_MODEL, 1.0, 0.0, 0.5, 4.0, new double[]{1, 0}),
                        result("m2", RouterKind.SINGLE_MODEL, 0.0, 0.5, 0.25, 1.0, new double[]{0, 1}),
                        result("Oracle", RouterKind.BASELINE, 1.0, 1.0, 1.0, 3.0, new double[]{0.5, 0.5})));
    }

    @Test
    void rowsAreGroupedByKindInTableOneOrder() {
        EvaluationGrid g = EvaluationGrid.of(report());
        assertEquals(List.of("m1", "m2", "Oracle", "FineRouter (α = 0.50)"), g.rows().stream().map(EvaluationGrid.Row::router).toList());
        assertEquals(RouterKind.FULL, g.rows().get(3).kind());
    }

    @Test
    void columnsAreBenchmarksAveQualCostAndCostRatio() {
        EvaluationGrid g = EvaluationGrid.of(report());
        assertEquals(6, g.columnCount());
        assertEquals(List.of("a", "b", "Ave", "Qual", "Cost", "cost ratio"),
                java.util.stream.IntStream.range(0, 6).mapToObj(g::columnName).toList());
        assertEquals(3, g.qualColumn());
        assertFalse(g.isCostColumn(3));
        assertTrue(g.isCostColumn(4));
        assertTrue(g.isCostColumn(5));
    }

    @Test
    void valuesAndCostRatioAgainstTheBestSingleModel() {
        EvaluationGrid g = EvaluationGrid.of(report());
        // FineRouter: a 1.0, b 0.5, Ave 0.75, Qual 0.75, total cost 2 (1 per prompt) vs m1's 2 per prompt → 0.5×
        assertArrayEquals(new double[]{1.0, 0.5, 0.75, 0.75, 2.0, 0.5}, g.rows().get(3).values(), 1e-12);
        assertArrayEquals(new double[]{1.0, 0.0, 0.5, 0.5, 4.0, 1.0}, g.rows().get(0).values(), 1e-12);
    }

    @Test
    void bestPerColumnIgnoresTheOracleAndCountsTies() {
        EvaluationGrid g = EvaluationGrid.of(report());
        EvaluationGrid.Row m1 = g.rows().get(0);
        EvaluationGrid.Row m2 = g.rows().get(1);
        EvaluationGrid.Row oracle = g.rows().get(2);
        EvaluationGrid.Row router = g.rows().get(3);
        assertTrue(m1.value(0) == router.value(0) && g.isBest(m1, 0) && g.isBest(router, 0), "tie on benchmark a");
        assertFalse(g.isBest(oracle, 1), "the oracle's 1.0 on b is not a contender");
        assertTrue(g.isBest(router, 1) && g.isBest(m2, 1), "0.5 is the best non-oracle value on b (tie)");
        assertTrue(g.isBest(router, 3));
        assertTrue(g.isBest(m2, 4), "lowest total cost");
        assertFalse(g.isBest(router, 4));
    }

    @Test
    void rowsCarryTheirPairedDifferences() {
        EvaluationGrid without = EvaluationGrid.of(report());
        assertFalse(without.hasPairedDifferences(), "a report written before stop 36");
        assertEquals(dev.finerouter.engine.model.PairedDifference.NONE, without.rows().get(0).versusFull());
        List<RouterResult> rows = new java.util.ArrayList<>();
        for (RouterResult r : report().results()) {
            boolean full = r.kind() == RouterKind.FULL;
            rows.add(new RouterResult(r.name(), r.kind(), r.hasCostKnob(), r.metrics(), r.curve(), r.qualityAtBestSingleCost(),
                    r.costAtBestSingleQuality(), r.area(),
                    full ? new dev.finerouter.engine.model.PairedDifference(0.25, 0.25, 2) : dev.finerouter.engine.model.PairedDifference.NONE,
                    full ? dev.finerouter.engine.model.PairedDifference.NONE : new dev.finerouter.engine.model.PairedDifference(-0.25, 0.25, 2)));
        }
        EvaluationReport r = report();
        EvaluationGrid g = EvaluationGrid.of(new EvaluationReport(r.dataset(), r.fingerprint(), r.seed(), 8, 2, 2, r.models(), r.benchmarks(),
                r.costModel(), true, "m1", 0.5, 2.0, rows));
        assertTrue(g.hasPairedDifferences());
        EvaluationGrid.Row router = g.rows().get(3);
        assertEquals("FineRouter (α = 0.50)", router.router());
        assertEquals(0.25, router.versusBestSingle().mean(), 1e-12);
        assertEquals(0, router.versusFull().n());
        assertEquals(-0.25, g.rows().get(0).versusFull().mean(), 1e-12, "m1 against the router under test");
    }

    @Test
    void noBestSingleModelMeansNoCostRatio() {
        EvaluationReport r = report();
        EvaluationReport none = new EvaluationReport(r.dataset(), r.fingerprint(), r.seed(), 8, 2, 2, r.models(), r.benchmarks(),
                r.costModel(), true, null, Double.NaN, Double.NaN, r.results());
        EvaluationGrid g = EvaluationGrid.of(none);
        assertTrue(g.rows().stream().allMatch(row -> Double.isNaN(row.value(5))));
        assertFalse(g.isBest(g.rows().get(0), 5));
    }

    @Test
    void valuesAreFormattedPerColumn() {
        EvaluationGrid g = EvaluationGrid.of(report());
        assertEquals("75.00", g.format(3, 0.75), "quality ×100");
        assertEquals("0.002400", g.format(4, 0.0024), "cost: 4 significant digits");
        assertEquals("0.50×", g.format(5, 0.5));
        assertEquals("0.0027×", g.format(5, 0.00271), "small ratios keep 2 significant digits");
        assertEquals("–", g.format(0, Double.NaN));
    }

    @Test
    void aRowOfTheWrongWidthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new EvaluationGrid(List.of("a"),
                List.of(new EvaluationGrid.Row("x", RouterKind.BASELINE, new double[]{1, 2}))));
    }

    @Test
    void dashboardChartDataFollowsTheReport() {
        DashboardViewModel vm = new DashboardViewModel(new dev.finerouter.app.common.Workspace(),
                dev.finerouter.app.common.BackgroundTasks.direct(), () -> dev.finerouter.engine.route.RoutingPolicy.PAPER,
                java.util.Optional.empty());
        assertFalse(vm.readyProperty().get());
        vm.show(report());
        assertEquals(4, vm.rows().size());
        assertEquals(4, vm.costQuality().size());
        assertEquals(2.0, vm.costQuality().get(1).points().get(0).cost(), 1e-12, "m1: total 4 over 2 prompts");
        assertEquals(List.of("FineRouter (α = 0.50)", "Oracle"), vm.shareRouters().stream().map(RouterResult::name).toList());
        assertArrayEquals(new double[]{0.5, 0.5}, vm.shares()[0], 1e-12);
        assertEquals(List.of("m1 (best single)", "Oracle", "FineRouter (α = 0.50)"),
                vm.benchmarkBars().stream().map(b -> b.name()).toList(), "the exported chart's routers, in its order");
        assertEquals(List.of("a", "b", "Ave", "Qual"), vm.benchmarkCategories());
        assertArrayEquals(new double[]{1.0, 0.0, 0.5, 0.5}, vm.benchmarkBars().get(0).values(), 1e-12);
        assertEquals(dev.finerouter.engine.eval.ChartPalette.model(0), vm.benchmarkBars().get(0).colour(), "m1 in its model colour");
        assertEquals(dev.finerouter.engine.eval.ChartPalette.FINEROUTER, vm.benchmarkBars().get(2).colour());
        assertEquals(List.of(dev.finerouter.engine.eval.ChartPalette.model(0), dev.finerouter.engine.eval.ChartPalette.model(1)),
                vm.modelColours());
        assertFalse(vm.canExportVector());
        assertThrows(dev.finerouter.engine.EngineException.class, () -> vm.exportVector(DashboardChart.COST_QUALITY,
                java.nio.file.Path.of("x.svg")));
    }

    @Test
    void aBoundVectorExporterGetsTheShownReport() throws Exception {
        List<String> calls = new java.util.ArrayList<>();
        ChartExporter fake = new ChartExporter() {
            @Override
            public String extension() {
                return "svg";
            }

            @Override
            public void export(EvaluationReport report, DashboardChart chart, java.nio.file.Path target) {
                calls.add(report.dataset() + " " + chart + " " + target);
            }
        };
        DashboardViewModel vm = new DashboardViewModel(new dev.finerouter.app.common.Workspace(),
                dev.finerouter.app.common.BackgroundTasks.direct(), () -> dev.finerouter.engine.route.RoutingPolicy.PAPER,
                java.util.Optional.of(fake));
        assertThrows(dev.finerouter.engine.EngineException.class, () -> vm.exportVector(DashboardChart.BENCHMARKS,
                java.nio.file.Path.of("b.svg")), "nothing shown yet");
        vm.show(report());
        vm.exportVector(DashboardChart.BENCHMARKS, java.nio.file.Path.of("b.svg"));
        assertEquals(List.of("tiny BENCHMARKS b.svg"), calls);
        assertEquals(java.util.Optional.of("svg"), vm.vectorExtension());
    }
}

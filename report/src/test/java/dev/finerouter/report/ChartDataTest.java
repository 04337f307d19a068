package dev.finerouter.report;

import dev.finerouter.engine.eval.ChartPalette;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterResult;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

import java.awt.geom.Point2D;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The numbers behind the charts, by hand. */
class ChartDataTest {
    @Test
    void routingShareRowsAreModelsColumnsAreRoutersWithoutSingleModels() {
        DefaultCategoryDataset d = RoutingShareChart.dataset(Reports.priced());
        assertEquals(List.of("A", "B", "C"), d.getRowKeys());
        assertEquals(List.of("Oracle", "kNN", "FineRouter (α = 0.50)"), d.getColumnKeys());
        assertEquals(50.0, d.getValue("A", "Oracle").doubleValue(), 1e-12);
        assertEquals(0.0, d.getValue("B", "Oracle").doubleValue(), 1e-12);
        assertEquals(30.0, d.getValue("B", "kNN").doubleValue(), 1e-12);
    }

    @Test
    void perBenchmarkShowsBestSingleBaselinesThenFineRouter() {
        EvaluationReport r = Reports.priced();
        assertEquals(List.of("C", "Oracle", "kNN", "FineRouter (α = 0.50)"), PerBenchmarkChart.shown(r).stream().map(RouterResult::name).toList());
        DefaultCategoryDataset d = PerBenchmarkChart.dataset(r);
        assertEquals(List.of("x", "y", "Ave", "Qual"), d.getColumnKeys());
        assertEquals(90.0, d.getValue("C (best single model)", "x").doubleValue(), 1e-9);
        assertEquals(70.0, d.getValue("C (best single model)", "Ave").doubleValue(), 1e-9);
        assertEquals(90.0, d.getValue("Oracle", "Qual").doubleValue(), 1e-9);
    }

    @Test
    void missingBenchmarkIsLeftOutNotZero() {
        EvaluationReport base = Reports.priced();
        EvaluationReport withZ = new EvaluationReport(base.dataset(), base.fingerprint(), base.seed(), base.trainPrompts(), base.devPrompts(),
                base.testPrompts(), base.models(), List.of("x", "y", "z"), base.costModel(), true, "C", 1, 100, base.results());
        assertNull(PerBenchmarkChart.dataset(withZ).getValue("Oracle", "z"));
    }

    @Test
    void costAxisIsLogAbove20xLinearBelowAndCallsWithoutPrices() {
        List<Point2D> wide = List.of(new Point2D.Double(1, 50), new Point2D.Double(21, 60));
        List<Point2D> narrow = List.of(new Point2D.Double(1, 50), new Point2D.Double(20, 60));
        assertInstanceOf(LogAxis.class, CostQualityChart.costAxis(Reports.priced(), wide));
        ValueAxis linear = CostQualityChart.costAxis(Reports.priced(), narrow);
        assertInstanceOf(NumberAxis.class, linear);
        assertEquals("cost per prompt (USD)", linear.getLabel());
        ValueAxis calls = CostQualityChart.costAxis(Reports.equalCost(), List.of(new Point2D.Double(1, 50)));
        assertEquals("calls per prompt (no prices: every call costs 1)", calls.getLabel());
        assertEquals(0.5, calls.getLowerBound(), 1e-12);
        assertEquals(1.5, calls.getUpperBound(), 1e-12);
    }

    @Test
    void modelColoursComeFromTheSharedPaletteAndTwentyNeverRepeat() {
        for (int i = 0; i < 20; i++) {
            assertEquals(new java.awt.Color(ChartPalette.rgb(ChartPalette.model(i))), ModelPalette.color(i));
            for (int j = i + 1; j < 20; j++) {
                assertNotEquals(ModelPalette.color(i), ModelPalette.color(j), i + " vs " + j);
            }
        }
    }

    @Test
    void fineRouterIsCrimsonAndKnownBaselinesKeepTheirColour() {
        EvaluationReport r = Reports.priced();
        assertEquals(RouterStyles.FINEROUTER, RouterStyles.color(r.result("FineRouter (α = 0.50)"), r));
        assertEquals(new java.awt.Color(ChartPalette.rgb(ChartPalette.KNOWN_ROUTERS.get("kNN"))), RouterStyles.color(r.result("kNN"), r));
        assertEquals(ModelPalette.color(2), RouterStyles.color(r.result("C"), r), "a single model in its model colour");
    }

    @Test
    void routingShareAndPerBenchmarkPaintTwelveModelsInTheSharedColours() {
        EvaluationReport r = Reports.twelveModels();
        org.jfree.chart.plot.CategoryPlot share = (org.jfree.chart.plot.CategoryPlot) RoutingShareChart.build(r).getPlot();
        java.util.Set<java.awt.Paint> seen = new java.util.HashSet<>();
        for (int m = 0; m < 12; m++) {
            String model = r.models().get(m);
            int row = share.getDataset().getRowIndex(model);
            java.awt.Paint paint = share.getRenderer().getSeriesPaint(row);
            assertEquals(new java.awt.Color(ChartPalette.rgb(ChartPalette.model(r.models(), model))), paint, model);
            seen.add(paint);
        }
        assertEquals(12, seen.size(), "no two of 12 models share a colour");
        org.jfree.chart.plot.CategoryPlot bars = (org.jfree.chart.plot.CategoryPlot) PerBenchmarkChart.build(r).getPlot();
        assertEquals(new java.awt.Color(ChartPalette.rgb(ChartPalette.model(r.models(), r.bestSingleModel()))),
                bars.getRenderer().getSeriesPaint(0), "the best single model's bars in its model colour");
    }

    @Test
    void svgNumbersAreShortAndPlain() {
        assertEquals("12.35", SvgFiles.svgNumber(12.345));
        assertEquals("600", SvgFiles.svgNumber(600.0));
        assertEquals("0", SvgFiles.svgNumber(0.0001));
        assertEquals("-3.5", SvgFiles.svgNumber(-3.5));
    }
}

package dev.finerouter.report;

import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Routing shares at λ = 0: one horizontal bar per router that routes (every router but the single models), split into
 * the share of test prompts sent to each model; model colours from {@link ModelPalette}; segments of at least
 * {@value #LABEL_MIN_PERCENT}% carry their percentage.
 */
final class RoutingShareChart {
    /** File name (without extension). */
    static final String NAME = "routing-share";
    /** Smallest segment (percent) that gets a label. */
    static final double LABEL_MIN_PERCENT = 6;

    private RoutingShareChart() {
    }

    /** The dataset: rows = models (pool order), columns = routing routers (report order), values = percent of prompts. */
    static DefaultCategoryDataset dataset(EvaluationReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RouterResult r : report.results()) {
            if (r.kind() == RouterKind.SINGLE_MODEL) {
                continue;
            }
            double[] share = r.metrics().share();
            for (int m = 0; m < report.models().size(); m++) {
                data.addValue(m < share.length ? 100 * share[m] : 0, report.models().get(m), r.name());
            }
        }
        return data;
    }

    /** Builds the chart. */
    static JFreeChart build(EvaluationReport report) {
        Headless.ensure();
        DefaultCategoryDataset data = dataset(report);
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.WHITE);
        renderer.setMaximumBarWidth(0.08);
        for (int m = 0; m < report.models().size(); m++) {
            renderer.setSeriesPaint(m, ModelPalette.color(m));
            renderer.setSeriesOutlinePaint(m, Color.WHITE);
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", NumberFormat.getIntegerInstance(Locale.ROOT)) {
            private static final long serialVersionUID = 1L;

            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                Number v = dataset.getValue(row, column);
                return v == null || v.doubleValue() < LABEL_MIN_PERCENT ? null : super.generateLabel(dataset, row, column);
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.TICK);
        renderer.setDefaultItemLabelPaint(new Color(0x222222));
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));
        CategoryAxis routers = new CategoryAxis();
        routers.setTickLabelFont(ChartStyle.TICK);
        routers.setMaximumCategoryLabelWidthRatio(0.45f);
        NumberAxis percent = ChartStyle.percentAxis("% of test prompts routed to each model (λ = 0)");
        CategoryPlot plot = new CategoryPlot(data, routers, percent, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        String subtitle = String.format(Locale.ROOT, "%d test prompts; one bar per router (single models left out), "
                + "one colour per model in every chart", report.testPrompts());
        return ChartStyle.chart("Routing share: " + report.dataset(), subtitle, plot, true);
    }
}

package dev.finerouter.report;

import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Quality per benchmark, plus Ave and Qual: grouped bars for a readable subset of the routers — the best single model,
 * the oracle, kNN, MF and FineRouter (every router is in evaluation.md). Missing values (a benchmark without a scored
 * prompt) are left out, never drawn as 0.
 */
final class PerBenchmarkChart {
    /** File name (without extension). */
    static final String NAME = "per-benchmark";
    /** The baselines shown beside the best single model and FineRouter, by name, in legend order. */
    static final List<String> BASELINES = List.of("Oracle", "kNN", "MF");
    /** Category of the macro average. */
    static final String AVE = "Ave";
    /** Category of the mean over prompts. */
    static final String QUAL = "Qual";

    private PerBenchmarkChart() {
    }

    /** The routers shown, in legend order: best single model, the {@link #BASELINES} present, then FineRouter(s). */
    static List<RouterResult> shown(EvaluationReport report) {
        List<RouterResult> out = new ArrayList<>();
        for (RouterResult r : report.results()) {
            if (r.kind() == RouterKind.SINGLE_MODEL && r.name().equals(report.bestSingleModel())) {
                out.add(r);
            }
        }
        for (String name : BASELINES) {
            report.results().stream().filter(r -> r.kind() != RouterKind.SINGLE_MODEL && r.name().equals(name)).findFirst()
                    .ifPresent(out::add);
        }
        report.results().stream().filter(r -> r.kind() == RouterKind.FULL).forEach(out::add);
        return out;
    }

    /** The dataset: rows = shown routers, columns = benchmarks then Ave and Qual, values = quality ×100. */
    static DefaultCategoryDataset dataset(EvaluationReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RouterResult r : shown(report)) {
            String row = legendName(report, r);
            RouterMetrics m = r.metrics();
            for (String b : report.benchmarks()) {
                add(data, m.perBenchmark().getOrDefault(b, Double.NaN), row, b);
            }
            add(data, m.ave(), row, AVE);
            add(data, m.qual(), row, QUAL);
        }
        return data;
    }

    private static void add(DefaultCategoryDataset data, double quality, String row, String column) {
        data.addValue(Double.isFinite(quality) ? Double.valueOf(100 * quality) : null, row, column);
    }

    private static String legendName(EvaluationReport report, RouterResult r) {
        return r.kind() == RouterKind.SINGLE_MODEL ? r.name() + " (best single model)" : r.name();
    }

    /** Builds the chart. */
    static JFreeChart build(EvaluationReport report) {
        Headless.ensure();
        List<RouterResult> shown = shown(report);
        DefaultCategoryDataset data = dataset(report);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        renderer.setMaximumBarWidth(0.03);
        for (int i = 0; i < shown.size(); i++) {
            RouterResult r = shown.get(i);
            renderer.setSeriesPaint(i, RouterStyles.color(r, report));
        }
        CategoryAxis benchmarks = new CategoryAxis();
        benchmarks.setTickLabelFont(ChartStyle.TICK);
        benchmarks.setCategoryMargin(0.15);
        if (report.benchmarks().size() > 8) {
            benchmarks.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis quality = ChartStyle.percentAxis("quality (×100, test prompts)");
        CategoryPlot plot = new CategoryPlot(data, benchmarks, quality, renderer);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        String subtitle = String.format(Locale.ROOT, "%d test prompts; shown: best single model, %s, FineRouter (others: evaluation.md); "
                + "Ave = mean over benchmarks, Qual = over prompts", report.testPrompts(), String.join(", ", BASELINES));
        return ChartStyle.chart("Quality per benchmark: " + report.dataset(), subtitle, plot, true);
    }
}

package dev.finerouter.report;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.EvaluationReport;
import org.jfree.chart.JFreeChart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every chart of an evaluation: {@code cost-quality}, {@code routing-share} and {@code per-benchmark}, each as
 * PNG and SVG at {@link ChartSize#DEFAULT}.
 */
public final class EvaluationCharts {
    /** The chart names (file names without extension), in the order they are written. */
    public static final List<String> NAMES = List.of(CostQualityChart.NAME, RoutingShareChart.NAME, PerBenchmarkChart.NAME);

    private EvaluationCharts() {
    }

    /**
     * Writes the charts of {@code report} into {@code dir} (created when missing), each file atomically.
     *
     * @param report the report
     * @param dir the output folder
     * @return the files written: for each chart of {@link #NAMES} its PNG then its SVG
     * @throws EngineException when a file cannot be written
     */
    public static List<Path> write(EvaluationReport report, Path dir) throws EngineException {
        Headless.ensure();
        ChartSize size = ChartSize.DEFAULT;
        List<Path> out = new ArrayList<>();
        out.addAll(ChartFiles.write(CostQualityChart.build(report, size), size, dir, CostQualityChart.NAME));
        out.addAll(ChartFiles.write(RoutingShareChart.build(report), size, dir, RoutingShareChart.NAME));
        out.addAll(ChartFiles.write(PerBenchmarkChart.build(report), size, dir, PerBenchmarkChart.NAME));
        return out;
    }

    /**
     * Writes one chart of {@code report} as SVG to {@code target} (atomically): the same drawing as {@link #write}.
     *
     * @param report the report
     * @param name one of {@link #NAMES}
     * @param target the SVG file
     * @throws EngineException when the file cannot be written
     * @throws IllegalArgumentException when {@code name} is not a chart name
     */
    public static void writeSvg(EvaluationReport report, String name, Path target) throws EngineException {
        Headless.ensure();
        ChartSize size = ChartSize.DEFAULT;
        JFreeChart chart = switch (name) {
            case CostQualityChart.NAME -> CostQualityChart.build(report, size);
            case RoutingShareChart.NAME -> RoutingShareChart.build(report);
            case PerBenchmarkChart.NAME -> PerBenchmarkChart.build(report);
            default -> throw new IllegalArgumentException("no chart named '" + name + "'; charts: " + NAMES);
        };
        ChartFiles.writeSvg(chart, size, target);
    }
}

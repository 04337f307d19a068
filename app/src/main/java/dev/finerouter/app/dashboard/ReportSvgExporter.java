package dev.finerouter.app.dashboard;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.report.EvaluationCharts;

import java.nio.file.Path;

/**
 * Exports the dashboard's charts as SVG with the report module (JFreeChart + JFreeSVG): the same drawing that
 * {@code finerouter eval} and {@code finerouter report charts} write, not a picture of the on-screen chart.
 */
public final class ReportSvgExporter implements ChartExporter {
    @Override
    public String extension() {
        return "svg";
    }

    @Override
    public void export(EvaluationReport report, DashboardChart chart, Path target) throws EngineException {
        EvaluationCharts.writeSvg(report, chart.fileStem(), target);
    }
}

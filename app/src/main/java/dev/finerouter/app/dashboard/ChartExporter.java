package dev.finerouter.app.dashboard;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.EvaluationReport;

import java.nio.file.Path;

/**
 * Draws one of the dashboard's charts from the report's numbers into a vector file (SVG). PNG export needs no
 * exporter (a snapshot of the chart on screen); a vector exporter is bound where the workbench is wired
 * ({@link dev.finerouter.app.shell.Workbench}) and, without one, the dashboard's SVG item stays disabled.
 */
public interface ChartExporter {
    /** The file extension it writes, without the dot (e.g. {@code "svg"}). */
    String extension();

    /**
     * Writes {@code chart} of {@code report} to {@code target} (atomically).
     *
     * @throws EngineException naming the target when it cannot be written
     */
    void export(EvaluationReport report, DashboardChart chart, Path target) throws EngineException;
}

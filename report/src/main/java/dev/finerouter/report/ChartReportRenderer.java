package dev.finerouter.report;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.ReportRenderer;

import java.nio.file.Path;
import java.util.List;

/** The charts as the engine's {@link ReportRenderer} service (registered in META-INF/services). */
public final class ChartReportRenderer implements ReportRenderer {
    /** Creates the renderer (used by {@link java.util.ServiceLoader}). */
    public ChartReportRenderer() {
        Headless.ensure();
    }

    @Override
    public List<Path> render(EvaluationReport report, Path dir) throws EngineException {
        return EvaluationCharts.write(report, dir);
    }
}

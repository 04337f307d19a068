package dev.finerouter.engine.eval;

import dev.finerouter.engine.EngineException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Renders an {@link EvaluationReport} into files (charts). The engine is headless and may not draw, so renderers
 * live in other modules (the {@code report} module provides one) and are found with {@link ServiceLoader}: when
 * none is on the class path, callers say so and carry on without charts.
 */
public interface ReportRenderer {
    /**
     * Renders the report into {@code dir} (created when missing), each file written atomically.
     *
     * @param report the report
     * @param dir the output folder
     * @return the files written, in a stable order
     * @throws EngineException when a file cannot be written
     */
    List<Path> render(EvaluationReport report, Path dir) throws EngineException;

    /** The first renderer on the class path, or empty when no module provides one. */
    static Optional<ReportRenderer> find() {
        return ServiceLoader.load(ReportRenderer.class).findFirst();
    }
}

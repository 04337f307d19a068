package dev.finerouter.app.graph;

import dev.finerouter.engine.EngineException;
import dev.finerouter.report.SvgFiles;
import dev.finerouter.viz.graph.AwtGraphCanvas;
import dev.finerouter.viz.graph.GraphFrame;
import dev.finerouter.viz.graph.GraphPainter;

import java.nio.file.Path;

/**
 * Writes a task-graph frame with its legend as an SVG file: the viz {@link GraphPainter} drawing (the one on screen)
 * on the report module's JFreeSVG canvas, written atomically. Needs no JavaFX toolkit.
 */
public final class GraphSvg {
    private GraphSvg() {
    }

    /**
     * Writes {@code frame} (as {@link dev.finerouter.viz.graph.TaskGraphView#currentFrame()} gives it) to {@code target}.
     *
     * @throws EngineException naming the target when it cannot be written
     */
    public static void write(GraphFrame frame, Path target) throws EngineException {
        SvgFiles.write(target, (int) Math.ceil(frame.fullWidth()), (int) Math.ceil(frame.fullHeight()),
                g -> GraphPainter.paintWithLegend(frame, new AwtGraphCanvas(g)));
    }
}

package dev.finerouter.report;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import org.jfree.chart.JFreeChart;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes one chart as {@code <name>.png} and {@code <name>.svg} (the same drawing), each atomically. */
final class ChartFiles {
    private ChartFiles() {
    }

    /**
     * Writes the chart.
     *
     * @param chart the chart
     * @param size its size in pixels (PNG at 1×; the SVG has the same user units)
     * @param dir the output folder (created when missing)
     * @param name the file name without extension
     * @return the PNG and the SVG path, in that order
     * @throws EngineException when a file cannot be written
     */
    static List<Path> write(JFreeChart chart, ChartSize size, Path dir, String name) throws EngineException {
        Headless.ensure();
        BufferedImage image = chart.createBufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB, null);
        Path png = dir.resolve(name + ".png");
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
        Path svgFile = dir.resolve(name + ".svg");
        writeSvg(chart, size, svgFile);
        return List.of(png, svgFile);
    }

    /** Writes {@code chart} as one SVG file, atomically. */
    static void writeSvg(JFreeChart chart, ChartSize size, Path target) throws EngineException {
        SvgFiles.write(target, size.width(), size.height(), g -> chart.draw(g, new Rectangle(0, 0, size.width(), size.height())));
    }
}

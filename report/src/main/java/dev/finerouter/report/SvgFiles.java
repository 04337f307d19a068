package dev.finerouter.report;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Graphics2D;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes any {@code java.awt} drawing as an SVG file with JFreeSVG, the way the charts are written: a fixed id prefix
 * (the default is time-based) and coordinates to 1/100 px, so the same drawing gives the same file; atomically.
 */
public final class SvgFiles {
    private SvgFiles() {
    }

    /**
     * Draws {@code drawing} on an SVG canvas of {@code width} × {@code height} user units (pixels) and writes it.
     *
     * @throws EngineException naming the target when it cannot be written
     */
    public static void write(Path target, int width, int height, Consumer<Graphics2D> drawing) throws EngineException {
        Headless.ensure();
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        svg.setDefsKeyPrefix("fr");
        svg.setGeomDoubleConverter(SvgFiles::svgNumber);
        svg.setTransformDoubleConverter(SvgFiles::svgNumber);
        drawing.accept(svg);
        AtomicFiles.writeString(target, svg.getSVGDocument());
    }

    /** A coordinate rounded to two decimals, without a trailing ".0" or exponent. */
    static String svgNumber(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}

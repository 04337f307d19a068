package dev.finerouter.viz.graph;

import javafx.scene.paint.Color;

/**
 * What {@link GraphPainter} draws on: the few shapes the task graph is made of, in pixels with y down. Implemented for
 * the screen ({@link FxGraphCanvas}, a JavaFX {@code GraphicsContext}) and for files ({@link AwtGraphCanvas}, any
 * {@code java.awt.Graphics2D}, e.g. an SVG one), so both show the same picture.
 */
public interface GraphCanvas {
    /** Fills a rectangle. */
    void fillRect(double x, double y, double w, double h, Color fill);

    /** Draws a straight line. */
    void line(double x1, double y1, double x2, double y2, Color stroke, double width);

    /** Fills a circle and draws its outline. */
    void circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth);

    /**
     * Draws one line of text.
     *
     * @param x left edge
     * @param top top edge of the line
     * @param size font size in pixels (the default sans-serif font)
     * @param bold bold or regular
     * @param fill the text colour
     * @param halo a background keeping the text readable over edges, or {@code null} for none; how it is drawn is the
     *             target's choice (an outline on screen, a box behind the text in vector files)
     */
    void text(String text, double x, double top, double size, boolean bold, Color fill, Color halo);
}

package dev.finerouter.viz.graph;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** A {@link GraphCanvas} on a JavaFX {@link GraphicsContext} (the screen, and PNG export through a snapshot). */
public final class FxGraphCanvas implements GraphCanvas {
    private final GraphicsContext g;

    /** Draws on {@code g} (its transform applies, e.g. a scale for a sharper image). */
    public FxGraphCanvas(GraphicsContext g) {
        this.g = g;
    }

    /** The font text of {@code size} is drawn in: the default family, bold or regular. */
    public static Font font(double size, boolean bold) {
        return Font.font(Font.getDefault().getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color fill) {
        g.setFill(fill);
        g.fillRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double width) {
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth) {
        g.setFill(fill);
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setStroke(stroke);
        g.setLineWidth(strokeWidth);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
    }

    /** The halo is an outline 3 px wide around the glyphs. */
    @Override
    public void text(String text, double x, double top, double size, boolean bold, Color fill, Color halo) {
        g.setFont(font(size, bold));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        if (halo != null) {
            g.setStroke(halo);
            g.setLineWidth(3);
            g.strokeText(text, x, top);
        }
        g.setFill(fill);
        g.fillText(text, x, top);
    }
}

package dev.finerouter.viz.graph;

import javafx.scene.paint.Color;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/**
 * A {@link GraphCanvas} on a {@code java.awt} {@link Graphics2D}: an image, or a vector file when the graphics is an
 * SVG one (JFreeSVG's {@code SVGGraphics2D} turns circles into {@code <ellipse>}, lines into {@code <line>} and text
 * into {@code <text>} elements). Text is the logical sans-serif font; a halo is a box behind the text.
 */
public final class AwtGraphCanvas implements GraphCanvas {
    private final Graphics2D g;

    /** Draws on {@code g}, antialiased. */
    public AwtGraphCanvas(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color fill) {
        g.setPaint(awt(fill));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double width) {
        g.setPaint(awt(stroke));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth) {
        Ellipse2D.Double shape = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        g.setPaint(awt(fill));
        g.fill(shape);
        g.setPaint(awt(stroke));
        g.setStroke(new BasicStroke((float) strokeWidth));
        g.draw(shape);
    }

    @Override
    public void text(String text, double x, double top, double size, boolean bold, Color fill, Color halo) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        FontMetrics m = g.getFontMetrics();
        if (halo != null) {
            g.setPaint(awt(halo));
            g.fill(new Rectangle2D.Double(x - 1, top, m.stringWidth(text) + 2, m.getHeight()));
        }
        g.setPaint(awt(fill));
        g.drawString(text, (float) x, (float) (top + m.getAscent()));
    }

    /** The same colour as a {@code java.awt.Color}, opacity included. */
    static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(), (float) c.getOpacity());
    }
}

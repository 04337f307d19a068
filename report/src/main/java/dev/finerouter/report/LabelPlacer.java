package dev.finerouter.report;

import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.TextAnchor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places text labels next to points of an XY plot so that they overlap neither each other nor the points: each label
 * tries right of its point, then left, then further up or down (with a thin leader line back to its point), and
 * takes the first free spot, or the least crowded one when none is free. Works in screen pixels of the plot's data
 * area (measured by a first drawing of the chart), so it is exact for any axis, log or linear.
 */
final class LabelPlacer {
    private static final double GAP = 7;
    private static final double POINT_HALF = 5;
    private static final int MAX_STEPS = 30;
    /** Extra width: the SVG and PNG text may come out a little wider than measured. */
    private static final double SLACK = 4;

    /**
     * A label to place.
     *
     * @param text the text
     * @param x data x of its point
     * @param y data y of its point
     * @param font the font
     * @param paint the text colour
     */
    record Label(String text, double x, double y, Font font, Paint paint) {
    }

    private LabelPlacer() {
    }

    /**
     * The annotations (text, and leader lines for labels moved away from their point), labels placed in the order
     * given, so put the most important ones first.
     *
     * @param labels the labels
     * @param points every drawn point in data coordinates (labels avoid them)
     * @param horizontalLines data y of horizontal reference lines (labels avoid them too)
     * @param plot the plot, its axes already ranged
     * @param area the plot's data area in pixels
     */
    static List<XYAnnotation> place(List<Label> labels, List<Point2D> points, List<Double> horizontalLines, XYPlot plot,
                                   Rectangle2D area) {
        ValueAxis xAxis = plot.getDomainAxis();
        ValueAxis yAxis = plot.getRangeAxis();
        List<Rectangle2D> taken = new ArrayList<>();
        for (Point2D p : points) {
            double px = xAxis.valueToJava2D(p.getX(), area, plot.getDomainAxisEdge());
            double py = yAxis.valueToJava2D(p.getY(), area, plot.getRangeAxisEdge());
            taken.add(new Rectangle2D.Double(px - POINT_HALF, py - POINT_HALF, 2 * POINT_HALF, 2 * POINT_HALF));
        }
        for (double y : horizontalLines) {
            double py = yAxis.valueToJava2D(y, area, plot.getRangeAxisEdge());
            taken.add(new Rectangle2D.Double(area.getMinX(), py - 1, area.getWidth(), 2));
        }
        List<XYAnnotation> out = new ArrayList<>();
        for (Label label : labels) {
            double px = xAxis.valueToJava2D(label.x(), area, plot.getDomainAxisEdge());
            double py = yAxis.valueToJava2D(label.y(), area, plot.getRangeAxisEdge());
            Rectangle2D bounds = measure(label);
            double w = bounds.getWidth() + SLACK;
            double h = bounds.getHeight();
            Rectangle2D best = null;
            double bestOverlap = Double.POSITIVE_INFINITY;
            boolean bestRight = true;
            search:
            for (int step = 0; step <= MAX_STEPS; step++) {
                for (int sign : step == 0 ? new int[]{1} : new int[]{-1, 1}) {
                    double dy = sign * step * (h * 0.8);
                    for (boolean right : new boolean[]{true, false}) {
                        double left = right ? px + GAP : px - GAP - w;
                        Rectangle2D r = new Rectangle2D.Double(left, py + dy - h / 2, w, h);
                        if (!area.contains(r)) {
                            continue;
                        }
                        double overlap = overlap(r, taken, px, py);
                        if (overlap < bestOverlap) {
                            best = r;
                            bestOverlap = overlap;
                            bestRight = right;
                            if (overlap == 0) {
                                break search;
                            }
                        }
                    }
                }
            }
            if (best == null) {
                best = new Rectangle2D.Double(px + GAP, py - h / 2, w, h);
            }
            taken.add(best);
            double textX = xAxis.java2DToValue(best.getMinX(), area, plot.getDomainAxisEdge());
            double textY = yAxis.java2DToValue(best.getCenterY(), area, plot.getRangeAxisEdge());
            XYTextAnnotation text = new XYTextAnnotation(label.text(), textX, textY);
            text.setFont(label.font());
            text.setPaint(label.paint());
            text.setTextAnchor(TextAnchor.CENTER_LEFT);
            out.add(text);
            if (Math.abs(best.getCenterY() - py) > h * 0.9) {
                double endX = bestRight ? best.getMinX() - 1 : best.getMaxX() + 1;
                out.add(new XYLineAnnotation(label.x(), label.y(), xAxis.java2DToValue(endX, area, plot.getDomainAxisEdge()), textY,
                        new BasicStroke(0.7f), new Color(0x888888)));
            }
        }
        return out;
    }

    /** The text's bounds as the chart draws it (hinted, antialiased: wider than fractional metrics say). */
    private static Rectangle2D measure(Label label) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(label.font());
            return g.getFontMetrics().getStringBounds(label.text(), g);
        } finally {
            g.dispose();
        }
    }

    /** Area of {@code r} covered by the taken rectangles, ignoring the label's own point. */
    private static double overlap(Rectangle2D r, List<Rectangle2D> taken, double px, double py) {
        double sum = 0;
        for (Rectangle2D t : taken) {
            if (t.contains(px, py) && t.getWidth() == 2 * POINT_HALF) {
                continue;
            }
            Rectangle2D i = r.createIntersection(t);
            if (i.getWidth() > 0 && i.getHeight() > 0) {
                sum += i.getWidth() * i.getHeight();
            }
        }
        return sum;
    }
}

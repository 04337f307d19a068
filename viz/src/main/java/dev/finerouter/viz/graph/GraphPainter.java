package dev.finerouter.viz.graph;

import javafx.scene.paint.Color;

/**
 * Draws a {@link GraphFrame} on a {@link GraphCanvas}: the view as on screen ({@link #paint}), or the view with its
 * legend to the right for a file ({@link #paintWithLegend}). The one drawing routine of the task graph.
 */
public final class GraphPainter {
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color LEGEND_TEXT = Color.gray(0.1);
    private static final Color LEGEND_MUTED = Color.gray(0.4);
    private static final Color LEGEND_RULE = Color.gray(0.85);

    private GraphPainter() {
    }

    /** Draws the view: background, edges, nodes, labels (or the frame's message), {@code f.width()} × {@code f.height()}. */
    public static void paint(GraphFrame f, GraphCanvas g) {
        g.fillRect(0, 0, f.width(), f.height(), BACKGROUND);
        for (GraphFrame.EdgeLine e : f.edges()) {
            g.line(e.x1(), e.y1(), e.x2(), e.y2(), e.colour(), e.width());
        }
        for (GraphFrame.Disc d : f.nodes()) {
            g.circle(d.cx(), d.cy(), d.r(), d.fill(), d.stroke(), d.strokeWidth());
        }
        for (GraphFrame.Caption c : f.labels()) {
            caption(g, c);
        }
        if (f.message() != null) {
            caption(g, f.message());
        }
    }

    /**
     * Draws the view and, to its right, the legend (title, a swatch and "model (tasks)" per shown model, the summary),
     * {@link GraphFrame#fullWidth()} × {@link GraphFrame#fullHeight()}; whatever of the graph reaches past the view is
     * covered.
     */
    public static void paintWithLegend(GraphFrame f, GraphCanvas g) {
        paint(f, g);
        double x = f.width();
        g.fillRect(x, 0, f.legendWidth(), f.fullHeight(), BACKGROUND);
        g.fillRect(0, f.height(), f.width(), f.fullHeight() - f.height(), BACKGROUND);
        g.line(x + 0.5, 0, x + 0.5, f.fullHeight(), LEGEND_RULE, 1);
        double left = x + GraphFrame.LEGEND_PAD;
        double y = GraphFrame.LEGEND_PAD;
        g.text(GraphFrame.LEGEND_TITLE, left, y, GraphFrame.LABEL_SIZE, true, LEGEND_TEXT, null);
        for (GraphFrame.LegendEntry e : f.legend()) {
            y += GraphFrame.LEGEND_ROW;
            double r = GraphFrame.SWATCH_RADIUS;
            g.circle(left + r, y + GraphFrame.LEGEND_ROW / 2 - 2, r, e.colour(), e.colour().darker(), 0.5);
            g.text(e.text(), left + 2 * r + GraphFrame.LEGEND_PAD / 2, y, GraphFrame.LABEL_SIZE, false, LEGEND_TEXT, null);
        }
        y += GraphFrame.LEGEND_ROW;
        g.text(f.legendSummary(), left, y, GraphFrame.LABEL_SIZE, false, LEGEND_MUTED, null);
    }

    private static void caption(GraphCanvas g, GraphFrame.Caption c) {
        g.text(c.text(), c.x(), c.y(), GraphFrame.LABEL_SIZE, false, c.colour(), c.halo());
    }
}

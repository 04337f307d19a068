package dev.finerouter.viz.graph;

import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One picture of the task graph in view pixels, decided but not drawn: edges, node discs and labels in drawing order,
 * and the legend of the models shown. {@link #compose} holds the styling and label rules (once); {@link GraphPainter}
 * draws a frame on the screen and into files, so an exported graph is the one on screen. Pure: no toolkit needed.
 *
 * @param width the view's width
 * @param height the view's height
 * @param edges the edges to draw, in order
 * @param nodes the node discs to draw, in order (the last on top)
 * @param labels the placed labels, in placement order
 * @param message a centred note instead of a graph (nothing to show), or {@code null}
 * @param legend the shown models with their colours (models hidden in the legend are left out)
 * @param legendSummary a line under the legend: how many tasks and edges are shown
 * @param legendWidth the width the legend needs beside the view, in pixels
 */
public record GraphFrame(double width, double height, List<EdgeLine> edges, List<Disc> nodes, List<Caption> labels, Caption message,
                         List<LegendEntry> legend, String legendSummary, double legendWidth) {
    /** The smallest drawn node radius. */
    public static final double MIN_RADIUS = 5;
    /** The largest drawn node radius. */
    public static final double MAX_RADIUS = 26;
    /** Label font size in pixels. */
    public static final double LABEL_SIZE = 11;
    /** The legend's heading. */
    public static final String LEGEND_TITLE = "Top candidate";
    /** Space around the legend and between its swatch and text, in pixels. */
    public static final double LEGEND_PAD = 10;
    /** Radius of a legend swatch. */
    public static final double SWATCH_RADIUS = 6;
    /** Height of one legend row. */
    public static final double LEGEND_ROW = 18;
    /** What the view shows without tasks. */
    public static final String EMPTY_MESSAGE = "No tasks yet: run the pipeline.";
    private static final int SHORT_LABEL = 28;
    private static final int LONG_LABEL = 90;
    private static final Color HALO = Color.rgb(255, 255, 255, 0.85);

    /** Copies the lists. */
    public GraphFrame {
        edges = List.copyOf(edges);
        nodes = List.copyOf(nodes);
        labels = List.copyOf(labels);
        legend = List.copyOf(legend);
    }

    /** An edge as drawn. */
    public record EdgeLine(double x1, double y1, double x2, double y2, Color colour, double width) {
    }

    /** A node as drawn: a filled circle with an outline. */
    public record Disc(double cx, double cy, double r, Color fill, Color stroke, double strokeWidth) {
    }

    /**
     * A line of text at a place.
     *
     * @param x left edge of its box
     * @param y top edge of its box
     * @param colour the text colour
     * @param halo the background that keeps it readable, or {@code null}
     */
    public record Caption(String text, double x, double y, Color colour, Color halo) {
    }

    /** One legend row: a model's colour and "name (tasks)". */
    public record LegendEntry(String text, Color colour) {
    }

    /** Measures label text in the font the screen draws it with ({@link #LABEL_SIZE}, regular). */
    public interface TextMeasure {
        /** The width of {@code text}. */
        double width(String text);

        /** The height of a line. */
        double height();
    }

    /** The width of the frame with its legend beside it. */
    public double fullWidth() {
        return width + legendWidth;
    }

    /** The height of the frame with its legend (the taller of view and legend). */
    public double fullHeight() {
        return Math.max(height, LEGEND_PAD * 2 + LEGEND_ROW * (legend.size() + 2));
    }

    /** The texts of the placed labels, in placement order. */
    public List<String> labelTexts() {
        return labels.stream().map(Caption::text).toList();
    }

    /** The legend's summary line for {@code tasks} tasks and {@code edges} edges. */
    public static String counts(int tasks, int edges) {
        return String.format(Locale.ROOT, "%d tasks, %d edges", tasks, edges);
    }

    /** The drawn radius of every node: from {@link #MIN_RADIUS} to {@link #MAX_RADIUS} by the square root of its size. */
    public static double[] radii(TaskGraphData d) {
        double[] radii = new double[d.nodes().size()];
        double max = d.maxSize();
        for (int i = 0; i < radii.length; i++) {
            radii[i] = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(d.nodes().get(i).size() / max);
        }
        return radii;
    }

    /**
     * Composes the picture of {@code d} as the view shows it: hidden nodes left out, dimmed ones faint, edges of the
     * focused node dark, the selection outlined in black and drawn last; then labels by priority (selection, focus,
     * its neighbours, then larger nodes first), placed by {@link LabelPlacement} so none overlaps a node or another
     * label, shortened unless {@code fullLabels} (or the node is selected or focused).
     *
     * @param d the graph
     * @param positions layout positions, interleaved {@code x0, y0, x1, y1, …} (shorter: the graph is not laid out yet)
     * @param transform layout to view pixels
     * @param width the view's width
     * @param height the view's height
     * @param st every node's state ({@link GraphHighlight#states})
     * @param selected index of the selected node, -1 for none
     * @param focus index of the focused (hovered, else selected) node, -1 for none
     * @param fullLabels whether labels are shown in full (zoomed in)
     * @param measure the label font's metrics
     */
    public static GraphFrame compose(TaskGraphData d, double[] positions, ViewTransform transform, double width, double height,
                                     GraphHighlight.State[] st, int selected, int focus, boolean fullLabels, TextMeasure measure) {
        int n = d.nodes().size();
        List<LegendEntry> legend = legend(d, st);
        if (n == 0 || positions.length < 2 * n) {
            Caption message = new Caption(EMPTY_MESSAGE, (width - measure.width(EMPTY_MESSAGE)) / 2, (height - measure.height()) / 2,
                    Color.GRAY, null);
            String summary = counts(0, 0);
            return new GraphFrame(width, height, List.of(), List.of(), List.of(), message, legend, summary, legendWidth(legend, summary, measure));
        }
        double[] sx = new double[n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = transform.toScreenX(positions[2 * i], width);
            sy[i] = transform.toScreenY(positions[2 * i + 1], height);
        }
        double[] radii = radii(d);
        boolean focused = focus >= 0 && st[focus] == GraphHighlight.State.FOCUS;
        List<EdgeLine> edges = new ArrayList<>();
        for (TaskGraphData.Edge e : d.edges()) {
            GraphHighlight.State a = st[e.source()];
            GraphHighlight.State b = st[e.target()];
            if (a == GraphHighlight.State.HIDDEN || b == GraphHighlight.State.HIDDEN) {
                continue;
            }
            boolean lit = GraphHighlight.lit(a, b);
            boolean touches = focused && (e.source() == focus || e.target() == focus);
            double weight = Math.max(0, e.weight());
            edges.add(new EdgeLine(sx[e.source()], sy[e.source()], sx[e.target()], sy[e.target()],
                    touches ? Color.gray(0.2, 0.75) : Color.gray(0.45, lit ? 0.25 + 0.4 * weight : 0.06), (touches ? 1.5 : 0.5) + 2 * weight));
        }
        List<Disc> discs = new ArrayList<>();
        List<LabelPlacement.Box> obstacles = new ArrayList<>();
        for (int i : drawingOrder(st, selected)) {
            Color c = Color.web(d.colour(d.nodes().get(i).category()));
            Color fill = st[i] == GraphHighlight.State.DIMMED ? c.deriveColor(0, 0.3, 1.2, 0.22) : c;
            Color stroke = i == selected ? Color.BLACK : st[i] == GraphHighlight.State.FOCUS ? Color.gray(0.2) : Color.WHITE;
            double strokeWidth = i == selected ? 3 : st[i] == GraphHighlight.State.FOCUS ? 2 : 1;
            discs.add(new Disc(sx[i], sy[i], radii[i], fill, stroke, strokeWidth));
            obstacles.add(LabelPlacement.Box.ofCircle(sx[i], sy[i], radii[i]));
        }
        List<Caption> labels = labels(d, st, selected, focus, sx, sy, radii, obstacles, width, height, fullLabels, measure);
        int shownEdges = edges.size();
        long shownNodes = Arrays.stream(st).filter(s -> s != GraphHighlight.State.HIDDEN).count();
        String summary = shownNodes == n ? counts(n, shownEdges)
                : String.format(Locale.ROOT, "%d of %d tasks, %d edges", shownNodes, n, shownEdges);
        return new GraphFrame(width, height, edges, discs, labels, null, legend, summary, legendWidth(legend, summary, measure));
    }

    /** Dimmed nodes first, then the rest, the focus and the selection on top; hidden ones left out. */
    private static List<Integer> drawingOrder(GraphHighlight.State[] st, int selected) {
        List<Integer> order = new ArrayList<>();
        for (GraphHighlight.State pass : List.of(GraphHighlight.State.DIMMED, GraphHighlight.State.NORMAL, GraphHighlight.State.NEIGHBOUR,
                GraphHighlight.State.FOCUS)) {
            for (int i = 0; i < st.length; i++) {
                if (st[i] == pass && i != selected) {
                    order.add(i);
                }
            }
        }
        if (selected >= 0 && st[selected] != GraphHighlight.State.HIDDEN) {
            order.add(selected);
        }
        return order;
    }

    /** Labels by priority, placed without overlaps; a label with no free place is left out. */
    private static List<Caption> labels(TaskGraphData d, GraphHighlight.State[] st, int selected, int focus, double[] sx, double[] sy,
                                        double[] radii, List<LabelPlacement.Box> obstacles, double width, double height, boolean full,
                                        TextMeasure measure) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < st.length; i++) {
            if (st[i] != GraphHighlight.State.HIDDEN && (st[i] != GraphHighlight.State.DIMMED || i == selected)) {
                order.add(i);
            }
        }
        order.sort((a, b) -> {
            int pa = priority(a, st, selected, focus);
            int pb = priority(b, st, selected, focus);
            return pa != pb ? Integer.compare(pa, pb) : Integer.compare(d.nodes().get(b).size(), d.nodes().get(a).size());
        });
        List<String> texts = new ArrayList<>();
        List<List<LabelPlacement.Box>> candidates = new ArrayList<>();
        double th = measure.height();
        for (int i : order) {
            String text = shorten(d.nodes().get(i).label(), full || i == selected || i == focus ? LONG_LABEL : SHORT_LABEL);
            texts.add(text);
            candidates.add(LabelPlacement.around(sx[i], sy[i], radii[i], measure.width(text) + 2, th, 3));
        }
        int[] chosen = LabelPlacement.place(candidates, obstacles, new LabelPlacement.Box(0, 0, width, height));
        List<Caption> placed = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
            if (chosen[k] >= 0) {
                LabelPlacement.Box b = candidates.get(k).get(chosen[k]);
                placed.add(new Caption(texts.get(k), b.x() + 1, b.y(), Color.gray(0.1), HALO));
            }
        }
        return placed;
    }

    /** The models that top at least one shown task, in category order, as "name (tasks)". */
    private static List<LegendEntry> legend(TaskGraphData d, GraphHighlight.State[] st) {
        int[] counts = new int[d.categories().size()];
        for (int i = 0; i < d.nodes().size(); i++) {
            int c = d.nodes().get(i).category();
            if (c >= 0 && i < st.length && st[i] != GraphHighlight.State.HIDDEN) {
                counts[c]++;
            }
        }
        List<LegendEntry> out = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                out.add(new LegendEntry(d.categories().get(c) + " (" + counts[c] + ")", Color.web(d.colour(c))));
            }
        }
        return out;
    }

    /**
     * The legend's width: its widest line (the bold title, a swatch and its text, the summary) plus padding, with 10%
     * to spare for a file's font (a scaled image, another sans-serif in an SVG viewer) running wider than the screen's.
     */
    private static double legendWidth(List<LegendEntry> legend, String summary, TextMeasure measure) {
        double widest = Math.max(measure.width(LEGEND_TITLE) * 1.15, measure.width(summary)); // the title is bold: ~15% wider
        for (LegendEntry e : legend) {
            widest = Math.max(widest, 2 * SWATCH_RADIUS + LEGEND_PAD / 2 + measure.width(e.text()));
        }
        return Math.ceil(1.1 * widest + 2 * LEGEND_PAD);
    }

    private static int priority(int i, GraphHighlight.State[] st, int selected, int focus) {
        if (i == selected) {
            return 0;
        }
        if (i == focus) {
            return 1;
        }
        return st[i] == GraphHighlight.State.NEIGHBOUR ? 2 : 3;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

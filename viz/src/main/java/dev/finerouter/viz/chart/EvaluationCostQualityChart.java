package dev.finerouter.viz.chart;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cost per prompt (x) against quality (y) for an evaluation: routers with a cost knob as curves (one point per
 * tolerance, joined in cost order), every other router and each single model as a lone point.
 */
public final class EvaluationCostQualityChart extends LineChart<Number, Number> {
    /**
     * One operating point.
     *
     * @param cost cost per prompt, finite and ≥ 0
     * @param quality quality in [0, 1]
     */
    public record Point(double cost, double quality) {
        /** Validates. */
        public Point {
            if (!(cost >= 0) || Double.isInfinite(cost) || !(quality >= 0 && quality <= 1)) {
                throw new IllegalArgumentException("a point needs a finite cost >= 0 and a quality in [0, 1], got " + cost + ", " + quality);
            }
        }
    }

    /** How a router is drawn. */
    public enum Role {
        /** A single model: a square in its model colour. */
        SINGLE_MODEL,
        /** The best single model: a larger square in its model colour, outlined dark, its name in bold. */
        BEST_SINGLE,
        /** A baseline or ablation: its own colour. */
        ROUTER,
        /** The router under study: thick crimson. */
        HIGHLIGHT
    }

    /**
     * A named router: a curve when it has several points, a marker when it has one.
     *
     * @param name legend name
     * @param points operating points (drawn in ascending cost), at least one
     * @param role how it is drawn
     * @param colour its colour as {@code #rrggbb} (the caller's shared palette, so files and screen agree)
     */
    public record Router(String name, List<Point> points, Role role, String colour) {
        /** Validates and copies. */
        public Router {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(colour, "colour");
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("router " + name + " has no point");
            }
        }
    }

    /** Above this ratio of the largest to the smallest positive cost the cost axis is logarithmic. */
    public static final double LOG_AXIS_SPAN = 20;

    private final String costLabel;
    private boolean logCost;

    /** An empty chart with the given cost axis label (e.g. "cost per prompt (USD)"). */
    public EvaluationCostQualityChart(String costLabel) {
        super(new NumberAxis(), new NumberAxis());
        this.costLabel = costLabel;
        NumberAxis x = (NumberAxis) getXAxis();
        NumberAxis y = (NumberAxis) getYAxis();
        x.setLabel(costLabel);
        x.setForceZeroInRange(false);
        y.setLabel("quality (Qual)");
        y.setForceZeroInRange(false);
        setAnimated(false);
        setCreateSymbols(true);
        setAxisSortingPolicy(SortingPolicy.X_AXIS);
        setMinHeight(260);
        // room on the right so the last cost tick label is not clipped
        setPadding(new javafx.geometry.Insets(8, 28, 8, 8));
    }

    /** Sets the cost axis label (the log marker is added when the axis is logarithmic). */
    public void setCostLabel(String label) {
        getXAxis().setLabel(logCost ? label + ", log scale" : label);
    }

    /** Whether the last {@link #show} drew the cost axis logarithmically. */
    public boolean isLogCost() {
        return logCost;
    }

    /**
     * Shows the routers, one legend entry each; single-point routers draw only their symbol, single models are
     * labelled with their names next to their squares (a label that would overlap another is left out, the best
     * single model's first). Colours are the routers' own; the highlighted router is thick; a tooltip on every point
     * names it.
     * When the positive costs span more than {@link #LOG_AXIS_SPAN}× the cost axis is log10 (ticks labelled in cost).
     */
    public void show(List<Router> routers) {
        logCost = logScale(routers);
        NumberAxis x = (NumberAxis) getXAxis();
        x.setTickLabelFormatter(logCost ? new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number v) {
                return String.format(java.util.Locale.ROOT, "%.2g", Math.pow(10, v.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        } : null);
        setCostLabel(costLabel);
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (Router r : routers) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(r.name());
            r.points().stream().sorted((a, b) -> Double.compare(a.cost(), b.cost()))
                    .forEach(p -> s.getData().add(new XYChart.Data<>(logCost ? Math.log10(Math.max(p.cost(), minPositive(routers))) : p.cost(),
                            p.quality())));
            all.add(s);
        }
        getData().setAll(all);
        for (int i = 0; i < routers.size(); i++) {
            Router r = routers.get(i);
            String color = r.colour();
            XYChart.Series<Number, Number> s = all.get(i);
            if (s.getNode() != null) {
                s.getNode().setStyle(r.points().size() == 1 ? "-fx-stroke: transparent"
                        : "-fx-stroke: " + color + "; -fx-stroke-width: " + (r.role() == Role.HIGHLIGHT ? 3.5 : 1.5) + "px");
            }
            String symbol = symbolStyle(r.role(), color);
            for (XYChart.Data<Number, Number> d : s.getData()) {
                if (d.getNode() != null) {
                    d.getNode().setStyle(symbol);
                    double cost = logCost ? Math.pow(10, d.getXValue().doubleValue()) : d.getXValue().doubleValue();
                    javafx.scene.control.Tooltip.install(d.getNode(), new javafx.scene.control.Tooltip(String.format(java.util.Locale.ROOT,
                            "%s%ncost %.4g, quality %.4f", r.name(), cost, d.getYValue().doubleValue())));
                }
            }
            legendSymbols.put(r.name(), symbol);
        }
        getPlotChildren().removeAll(pointLabels);
        pointLabels.clear();
        labelled.clear();
        // single models by name beside their squares (best single first: it wins a collision), then the lone routers
        List<Integer> order = new ArrayList<>();
        for (Role role : List.of(Role.BEST_SINGLE, Role.SINGLE_MODEL, Role.HIGHLIGHT, Role.ROUTER)) {
            for (int i = 0; i < routers.size(); i++) {
                Router r = routers.get(i);
                if (r.role() == role && (r.points().size() == 1 || role == Role.BEST_SINGLE || role == Role.SINGLE_MODEL)
                        && !all.get(i).getData().isEmpty()) {
                    order.add(i);
                }
            }
        }
        for (int i : order) {
            Router r = routers.get(i);
            javafx.scene.text.Text t = new javafx.scene.text.Text(r.role() == Role.BEST_SINGLE ? r.name() + " (best single)" : r.name());
            t.getStyleClass().add("point-label");
            t.setStyle(r.role() == Role.BEST_SINGLE || r.role() == Role.HIGHLIGHT ? "-fx-font-size: 11px; -fx-font-weight: bold;"
                    : "-fx-font-size: 10.5px; -fx-fill: #333333;");
            t.setManaged(false);
            pointLabels.add(t);
            labelled.add(all.get(i).getData().get(0));
        }
        getPlotChildren().addAll(pointLabels);
        styleLegend();
        requestChartLayout();
    }

    private final List<javafx.scene.text.Text> pointLabels = new ArrayList<>();
    private final List<XYChart.Data<Number, Number>> labelled = new ArrayList<>();

    /** The point labels drawn (for tests): the text of every label currently visible. */
    public List<String> visiblePointLabels() {
        return pointLabels.stream().filter(javafx.scene.Node::isVisible).map(javafx.scene.text.Text::getText).toList();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        if (pointLabels == null || pointLabels.isEmpty()) {
            return;
        }
        // obstacles: every drawn symbol; labels in priority order, greedy (dev.finerouter.viz.graph.LabelPlacement)
        List<dev.finerouter.viz.graph.LabelPlacement.Box> obstacles = new ArrayList<>();
        for (XYChart.Series<Number, Number> s : getData()) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                javafx.scene.Node n = d.getNode();
                if (n != null && n.isVisible()) {
                    obstacles.add(new dev.finerouter.viz.graph.LabelPlacement.Box(n.getLayoutX(), n.getLayoutY(),
                            n.getLayoutBounds().getWidth(), n.getLayoutBounds().getHeight()));
                }
            }
        }
        List<List<dev.finerouter.viz.graph.LabelPlacement.Box>> candidates = new ArrayList<>();
        for (int i = 0; i < pointLabels.size(); i++) {
            javafx.scene.Node n = labelled.get(i).getNode();
            double w = pointLabels.get(i).getLayoutBounds().getWidth();
            double h = pointLabels.get(i).getLayoutBounds().getHeight();
            if (n == null) {
                candidates.add(List.of());
                continue;
            }
            double cx = n.getLayoutX() + n.getLayoutBounds().getWidth() / 2;
            double cy = n.getLayoutY() + n.getLayoutBounds().getHeight() / 2;
            candidates.add(dev.finerouter.viz.graph.LabelPlacement.around(cx, cy, n.getLayoutBounds().getWidth() / 2, w, h, 2));
        }
        javafx.geometry.Bounds area = getXAxis().getLayoutBounds();
        double plotWidth = area.getWidth();
        double plotHeight = getYAxis().getLayoutBounds().getHeight();
        int[] chosen = dev.finerouter.viz.graph.LabelPlacement.place(candidates, obstacles,
                new dev.finerouter.viz.graph.LabelPlacement.Box(0, 0, plotWidth, plotHeight));
        for (int i = 0; i < chosen.length; i++) {
            javafx.scene.text.Text t = pointLabels.get(i);
            t.setVisible(chosen[i] >= 0);
            if (chosen[i] >= 0) {
                dev.finerouter.viz.graph.LabelPlacement.Box b = candidates.get(i).get(chosen[i]);
                t.setTextOrigin(javafx.geometry.VPos.TOP);
                t.relocate(b.x(), b.y());
            }
        }
    }

    private final java.util.Map<String, String> legendSymbols = new java.util.HashMap<>();

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        styleLegend();
    }

    /** Gives each legend entry its series' symbol style (the legend is rebuilt by the chart, so this runs on layout). */
    private void styleLegend() {
        if (legendSymbols == null) {
            return; // layout during construction
        }
        for (javafx.scene.Node n : lookupAll(".chart-legend-item")) {
            if (n instanceof javafx.scene.control.Label l && l.getGraphic() != null) {
                String style = legendSymbols.get(l.getText());
                if (style != null && !style.equals(l.getGraphic().getStyle())) {
                    l.getGraphic().setStyle(style);
                }
            }
        }
    }

    private static String symbolStyle(Role role, String color) {
        return switch (role) {
            case SINGLE_MODEL -> "-fx-background-color: #555555, " + color + "; -fx-background-insets: 0, 1; -fx-background-radius: 0;"
                    + " -fx-padding: 4.5px;";
            case BEST_SINGLE -> "-fx-background-color: #222222, " + color + "; -fx-background-insets: 0, 2.5; -fx-background-radius: 0;"
                    + " -fx-padding: 7px;";
            case HIGHLIGHT -> "-fx-background-color: " + color + ", " + color + "; -fx-padding: 5px;";
            case ROUTER -> "-fx-background-color: " + color + ", white;";
        };
    }

    private static double minPositive(List<Router> routers) {
        return routers.stream().flatMap(r -> r.points().stream()).mapToDouble(Point::cost).filter(c -> c > 0).min().orElse(1);
    }

    /** Whether the positive costs of {@code routers} span more than {@link #LOG_AXIS_SPAN}×. */
    static boolean logScale(List<Router> routers) {
        double min = minPositive(routers);
        double max = routers.stream().flatMap(r -> r.points().stream()).mapToDouble(Point::cost).max().orElse(0);
        return max > 0 && max / min > LOG_AXIS_SPAN;
    }
}

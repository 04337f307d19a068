package dev.finerouter.viz.chart;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Cost (x) against quality (y): a router's current curve and a pinned curve (each a sequence of operating points,
 * e.g. a cost-tolerance sweep), single models as squares in their model colours with their names as tooltips, and a
 * marker for the current operating point (e.g. the current λ) labelled beside it. Points with a NaN coordinate are
 * left out.
 */
public final class CostQualityChart extends LineChart<Number, Number> {
    /** An operating point. */
    public record Point(double cost, double quality) {
    }

    /** A single model's operating point and its colour ({@code #rrggbb}). */
    public record ModelPoint(String name, double cost, double quality, String colour) {
        /** Validates. */
        public ModelPoint {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(colour, "colour");
        }
    }

    /** The marked operating point and its label (e.g. "λ = 0.30"). */
    public record Marker(double cost, double quality, String label) {
        /** Validates. */
        public Marker {
            Objects.requireNonNull(label, "label");
        }
    }

    private static final String CURRENT = "#1565c0";
    private static final String PINNED = "#9e9e9e";
    private final javafx.scene.text.Text markerLabel = new javafx.scene.text.Text();
    private XYChart.Data<Number, Number> markerPoint;

    /** An empty chart with the given axis labels. */
    public CostQualityChart(String costLabel, String qualityLabel) {
        super(new NumberAxis(), new NumberAxis());
        getXAxis().setLabel(costLabel);
        getYAxis().setLabel(qualityLabel);
        ((NumberAxis) getXAxis()).setForceZeroInRange(false);
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
        setAnimated(false);
        setCreateSymbols(true);
        setMinHeight(200);
        setPrefHeight(300);
        setPadding(new javafx.geometry.Insets(8, 28, 8, 8));
        // the series colours (legend included): current blue, pinned grey; single models and the marker styled per point
        setStyle("CHART_COLOR_1: " + CURRENT + "; CHART_COLOR_2: " + PINNED + "; CHART_COLOR_3: #555555; CHART_COLOR_4: " + CURRENT + ";");
        markerLabel.setManaged(false);
        markerLabel.setStyle("-fx-font-weight: bold; -fx-fill: " + CURRENT + "; -fx-font-size: 11px;");
        markerLabel.setTextOrigin(javafx.geometry.VPos.CENTER);
    }

    /**
     * Shows the curves and points.
     *
     * @param current the current curve (empty to leave out)
     * @param pinned the pinned curve (empty to leave out)
     * @param models single models
     */
    public void show(List<Point> current, List<Point> pinned, List<ModelPoint> models) {
        show(current, pinned, models, null);
    }

    /**
     * Shows the curves, points and the marked current operating point.
     *
     * @param marker the current operating point, or {@code null} (or with a NaN coordinate) for none
     */
    public void show(List<Point> current, List<Point> pinned, List<ModelPoint> models, Marker marker) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        XYChart.Series<Number, Number> cur = curve("current", current);
        XYChart.Series<Number, Number> pin = curve("pinned", pinned);
        XYChart.Series<Number, Number> single = new XYChart.Series<>();
        single.setName("single models");
        List<ModelPoint> sorted = models.stream().filter(m -> finite(m.cost(), m.quality()))
                .sorted((a, b) -> Double.compare(a.cost(), b.cost())).toList();
        for (ModelPoint m : sorted) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(m.cost(), m.quality());
            d.setExtraValue(m);
            single.getData().add(d);
        }
        XYChart.Series<Number, Number> mark = new XYChart.Series<>();
        mark.setName(marker == null ? "current λ" : marker.label().replaceFirst(" = .*", "") + " (current)");
        markerPoint = null;
        if (marker != null && finite(marker.cost(), marker.quality())) {
            markerPoint = new XYChart.Data<>(marker.cost(), marker.quality());
            mark.getData().add(markerPoint);
        }
        all.add(cur);
        all.add(pin);
        all.add(single);
        all.add(mark);
        getData().setAll(all);
        lineStyle(mark, "-fx-stroke: transparent;");
        String markStyle = "-fx-background-color: " + CURRENT + ", white, " + CURRENT + "; -fx-background-insets: 0, 2.5, 5;"
                + " -fx-background-radius: 9px; -fx-padding: 7px;";
        if (markerPoint != null && markerPoint.getNode() != null) {
            markerPoint.getNode().setStyle(markStyle);
            Tooltip.install(markerPoint.getNode(), new Tooltip(String.format(Locale.ROOT, "%s: cost %.4g, quality %.3f", marker.label(),
                    marker.cost(), marker.quality())));
        }
        markerLabel.setText(markerPoint == null ? "" : marker.label());
        getPlotChildren().remove(markerLabel);
        getPlotChildren().add(markerLabel);
        legendStyles.clear();
        legendStyles.put(mark.getName(), markStyle);
        legendStyles.put(single.getName(), "-fx-background-color: #555555, #dddddd; -fx-background-insets: 0, 1; -fx-background-radius: 0;"
                + " -fx-padding: 4.5px;");
        lineStyle(pin, "-fx-stroke-dash-array: 6 4;");
        lineStyle(single, "-fx-stroke: transparent;");
        for (XYChart.Data<Number, Number> d : single.getData()) {
            if (d.getNode() != null) {
                ModelPoint m = (ModelPoint) d.getExtraValue();
                d.getNode().setStyle("-fx-background-color: #555555, " + m.colour() + "; -fx-background-insets: 0, 1;"
                        + " -fx-background-radius: 0; -fx-padding: 4.5px;");
                Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT, "%s: cost %.4g, quality %.3f",
                        m.name(), d.getXValue().doubleValue(), d.getYValue().doubleValue())));
            }
        }
        requestChartLayout();
    }

    private final java.util.Map<String, String> legendStyles = new java.util.HashMap<>();

    /** The marker's label text, empty when there is no marker (for tests). */
    public String markerText() {
        return markerLabel.getText();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        if (markerLabel == null) {
            return; // layout during construction
        }
        javafx.scene.Node n = markerPoint == null ? null : markerPoint.getNode();
        markerLabel.setVisible(n != null);
        if (n != null) {
            double w = markerLabel.getLayoutBounds().getWidth();
            double cx = n.getLayoutX() + n.getLayoutBounds().getWidth() / 2;
            double cy = n.getLayoutY() + n.getLayoutBounds().getHeight() / 2;
            double plotWidth = getXAxis().getLayoutBounds().getWidth();
            double x = cx + 12 + w <= plotWidth ? cx + 12 : cx - 12 - w;
            markerLabel.relocate(x, cy - 16 - markerLabel.getLayoutBounds().getHeight() / 2);
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        LegendStyles.apply(this, legendStyles);
    }

    private static XYChart.Series<Number, Number> curve(String name, List<Point> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (Point p : points) {
            if (finite(p.cost(), p.quality())) {
                s.getData().add(new XYChart.Data<>(p.cost(), p.quality()));
            }
        }
        return s;
    }

    private static void lineStyle(XYChart.Series<Number, Number> s, String style) {
        if (s.getNode() != null) {
            s.getNode().setStyle(style);
        }
    }

    private static boolean finite(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y);
    }
}

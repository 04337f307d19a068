package dev.finerouter.viz.chart;

import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One bar per model: its mean score (in [0, 1]) with a whisker over an interval (for FineRouter: the 95% interval
 * of the mean over a task's prompts). Emphasised models (the candidates) are drawn in their colours, the rest light
 * grey; a tooltip gives the numbers.
 */
public final class ModelScoreChart extends BarChart<String, Number> {
    /**
     * One model's bar.
     *
     * @param name the category label
     * @param mean bar height; NaN leaves the model out
     * @param low lower end of the whisker (NaN: no whisker)
     * @param high upper end of the whisker
     * @param n how many scores the mean is over (for the tooltip)
     * @param colour its colour as {@code #rrggbb}
     * @param emphasised drawn in its colour (else light grey)
     */
    public record Bar(String name, double mean, double low, double high, int n, String colour, boolean emphasised) {
        /** Validates. */
        public Bar {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(colour, "colour");
        }
    }

    private final List<Line> whiskers = new ArrayList<>();
    private final List<Bar> shown = new ArrayList<>();
    private final List<XYChart.Data<String, Number>> points = new ArrayList<>();

    /**
     * An empty chart.
     *
     * @param valueLabel the y axis label
     */
    public ModelScoreChart(String valueLabel) {
        super(new CategoryAxis(), new NumberAxis(0, 1, 0.2));
        getYAxis().setLabel(valueLabel);
        getXAxis().setLabel("model");
        setAnimated(false);
        setLegendVisible(false);
        setCategoryGap(6);
        setMinHeight(200);
        setPrefHeight(266);
        getXAxis().setTickLabelRotation(-45);
    }

    /** Shows the bars (NaN means are left out). */
    public void show(List<Bar> bars) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        getPlotChildren().removeAll(whiskers);
        whiskers.clear();
        shown.clear();
        points.clear();
        for (Bar b : bars) {
            if (!Double.isNaN(b.mean())) {
                XYChart.Data<String, Number> d = new XYChart.Data<>(b.name(), b.mean());
                series.getData().add(d);
                shown.add(b);
                points.add(d);
            }
        }
        getData().setAll(List.of(series));
        for (int i = 0; i < shown.size(); i++) {
            Bar b = shown.get(i);
            Node node = points.get(i).getNode();
            if (node != null) {
                node.setStyle("-fx-bar-fill: " + (b.emphasised() ? b.colour() : "#d0d0d0") + ";");
                Tooltip.install(node, new Tooltip(Double.isNaN(b.low()) ? String.format(Locale.ROOT, "%s: mean %.3f over %d", b.name(), b.mean(), b.n())
                        : String.format(Locale.ROOT, "%s: mean %.3f, 95%% interval %.3f–%.3f, over %d prompts", b.name(), b.mean(), b.low(),
                        b.high(), b.n())));
            }
            Line w = new Line();
            w.setStrokeWidth(1.6);
            w.setStyle("-fx-stroke: #333333;");
            w.setManaged(false);
            w.setVisible(!Double.isNaN(b.low()));
            whiskers.add(w);
        }
        getPlotChildren().addAll(whiskers);
        requestChartLayout();
    }

    /** Removes every bar. */
    public void clear() {
        show(List.of());
    }

    /** How many whiskers are drawn (for tests). */
    public long visibleWhiskers() {
        return whiskers.stream().filter(Node::isVisible).count();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        if (whiskers == null) {
            return; // layout during construction
        }
        NumberAxis y = (NumberAxis) getYAxis();
        for (int i = 0; i < whiskers.size() && i < points.size(); i++) {
            Node bar = points.get(i).getNode();
            Bar b = shown.get(i);
            Line w = whiskers.get(i);
            if (bar == null || Double.isNaN(b.low())) {
                w.setVisible(false);
                continue;
            }
            double x = bar.getLayoutX() + bar.getLayoutBounds().getWidth() / 2;
            w.setStartX(x);
            w.setEndX(x);
            w.setStartY(y.getDisplayPosition(b.low()));
            w.setEndY(y.getDisplayPosition(b.high()));
            w.setVisible(true);
        }
    }
}

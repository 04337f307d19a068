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
 * e.g. a cost-tolerance sweep), and single models as unconnected points with their names as tooltips. Points with a
 * NaN coordinate are left out.
 */
public final class CostQualityChart extends LineChart<Number, Number> {
    /** An operating point. */
    public record Point(double cost, double quality) {
    }

    /** A single model's operating point. */
    public record ModelPoint(String name, double cost, double quality) {
        /** Validates. */
        public ModelPoint {
            Objects.requireNonNull(name, "name");
        }
    }

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
        // the series colours (legend included): current blue, pinned grey, single models orange
        setStyle("CHART_COLOR_1: #1565c0; CHART_COLOR_2: #9e9e9e; CHART_COLOR_3: #e65100;");
    }

    /**
     * Shows the curves and points.
     *
     * @param current the current curve (empty to leave out)
     * @param pinned the pinned curve (empty to leave out)
     * @param models single models
     */
    public void show(List<Point> current, List<Point> pinned, List<ModelPoint> models) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        XYChart.Series<Number, Number> cur = curve("current", current);
        XYChart.Series<Number, Number> pin = curve("pinned", pinned);
        XYChart.Series<Number, Number> single = new XYChart.Series<>();
        single.setName("single models");
        List<ModelPoint> sorted = models.stream().filter(m -> finite(m.cost(), m.quality()))
                .sorted((a, b) -> Double.compare(a.cost(), b.cost())).toList();
        for (ModelPoint m : sorted) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(m.cost(), m.quality());
            d.setExtraValue(m.name());
            single.getData().add(d);
        }
        all.add(cur);
        all.add(pin);
        all.add(single);
        getData().setAll(all);
        lineStyle(pin, "-fx-stroke-dash-array: 6 4;");
        lineStyle(single, "-fx-stroke: transparent;");
        for (XYChart.Data<Number, Number> d : single.getData()) {
            if (d.getNode() != null) {
                Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT, "%s: cost %.4g, quality %.3f",
                        d.getExtraValue(), d.getXValue().doubleValue(), d.getYValue().doubleValue())));
            }
        }
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

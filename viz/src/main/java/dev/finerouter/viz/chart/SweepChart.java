package dev.finerouter.viz.chart;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.List;

/** One metric against one hyperparameter: a single line with a symbol per measured value; NaN values are left out. */
public final class SweepChart extends LineChart<Number, Number> {
    /** An empty chart. */
    public SweepChart() {
        super(new NumberAxis(), new NumberAxis());
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
        setAnimated(false);
        setLegendVisible(false);
        setMinHeight(180);
        setPrefHeight(260);
    }

    /**
     * Shows {@code y[i]} at {@code x[i]}.
     *
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public void show(String xLabel, String yLabel, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        getXAxis().setLabel(xLabel);
        getYAxis().setLabel(yLabel);
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                s.getData().add(new XYChart.Data<>(x[i], y[i]));
            }
        }
        getData().setAll(List.of(s));
    }

    /** Removes the line. */
    public void clear() {
        getData().clear();
    }
}

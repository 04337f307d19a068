package dev.finerouter.viz.chart;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.List;

/** A bar chart of one number per model (for FineRouter: a task's median score per model, in [0, 1]). */
public final class ModelScoreChart extends BarChart<String, Number> {
    /**
     * An empty chart.
     *
     * @param valueLabel the y axis label
     */
    public ModelScoreChart(String valueLabel) {
        super(new CategoryAxis(), new NumberAxis(0, 1, 0.2));
        getYAxis().setLabel(valueLabel);
        setAnimated(false);
        setLegendVisible(false);
        setCategoryGap(6);
        setMinHeight(200);
        setPrefHeight(266);
        getXAxis().setTickLabelRotation(-45);
    }

    /**
     * Shows {@code values[i]} for {@code names.get(i)}; NaN values (unknown) are left out.
     *
     * @param highlighted names drawn in the accent colour (e.g. the candidates); the rest are grey
     */
    public void show(List<String> names, float[] values, List<String> highlighted) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (int i = 0; i < names.size() && i < values.length; i++) {
            if (!Float.isNaN(values[i])) {
                series.getData().add(new XYChart.Data<>(names.get(i), values[i]));
            }
        }
        getData().setAll(List.of(series));
        for (XYChart.Data<String, Number> d : series.getData()) {
            if (d.getNode() != null) {
                d.getNode().setStyle(highlighted.contains(d.getXValue()) ? "-fx-bar-fill: #4e79a7" : "-fx-bar-fill: #bab0ac");
            }
        }
    }
}

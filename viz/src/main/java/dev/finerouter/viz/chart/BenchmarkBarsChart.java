package dev.finerouter.viz.chart;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Grouped bars: one group per benchmark, one bar per router (its mean quality on that benchmark). */
public final class BenchmarkBarsChart extends BarChart<String, Number> {
    /**
     * One router's bars.
     *
     * @param name legend name
     * @param values quality per benchmark, in the chart's benchmark order; NaN = no scored prompt (no bar)
     */
    public record Bars(String name, double[] values) {
        /** Validates and copies. */
        public Bars {
            Objects.requireNonNull(name, "name");
            values = values.clone();
        }

        /** A copy of the values. */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** An empty chart. */
    public BenchmarkBarsChart() {
        super(new CategoryAxis(), new NumberAxis(0, 1, 0.2));
        getYAxis().setLabel("quality");
        setAnimated(false);
        setCategoryGap(16);
        setBarGap(1);
        setMinHeight(260);
    }

    /** Shows one group per benchmark and one series per router. */
    public void show(List<String> benchmarks, List<Bars> routers) {
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        for (Bars b : routers) {
            if (b.values.length != benchmarks.size()) {
                throw new IllegalArgumentException(b.name() + " has " + b.values.length + " values for " + benchmarks.size()
                        + " benchmarks");
            }
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(b.name());
            for (int i = 0; i < benchmarks.size(); i++) {
                if (!Double.isNaN(b.values[i])) {
                    s.getData().add(new XYChart.Data<>(benchmarks.get(i), b.values[i]));
                }
            }
            all.add(s);
        }
        ((CategoryAxis) getXAxis()).setCategories(javafx.collections.FXCollections.observableArrayList(benchmarks));
        getData().setAll(all);
    }
}

package dev.finerouter.viz.chart;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Grouped bars: one group per benchmark (its name on the axis), one bar per router (its mean quality on that
 * benchmark) in the router's colour, a tooltip with the value on every bar.
 */
public final class BenchmarkBarsChart extends BarChart<String, Number> {
    /**
     * One router's bars.
     *
     * @param name legend name
     * @param values quality per benchmark, in the chart's benchmark order; NaN = no scored prompt (no bar)
     * @param colour its colour as {@code #rrggbb}
     */
    public record Bars(String name, double[] values, String colour) {
        /** Validates and copies. */
        public Bars {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(colour, "colour");
            values = values.clone();
        }

        /** A copy of the values. */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    private final Map<String, String> legendStyles = new HashMap<>();

    /** An empty chart. */
    public BenchmarkBarsChart() {
        super(new CategoryAxis(), new NumberAxis(0, 1, 0.2));
        getXAxis().setLabel("benchmark (Ave = mean over benchmarks, Qual = mean over prompts)");
        getYAxis().setLabel("quality (test mean)"); // short enough for the axis at the workbench's default height
        setAnimated(false);
        setCategoryGap(14);
        setBarGap(1);
        setMinHeight(260);
        setPadding(new javafx.geometry.Insets(8, 20, 8, 8));
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
        getData().setAll(all);
        legendStyles.clear();
        for (int r = 0; r < routers.size(); r++) {
            Bars b = routers.get(r);
            legendStyles.put(b.name(), LegendStyles.square(b.colour()));
            for (XYChart.Data<String, Number> d : all.get(r).getData()) {
                if (d.getNode() != null) {
                    d.getNode().setStyle("-fx-bar-fill: " + b.colour() + ";");
                    Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT, "%s on %s: %.3f", b.name(), d.getXValue(),
                            d.getYValue().doubleValue())));
                }
            }
        }
        requestChartLayout();
    }

    /** The group names on the category axis, from the data (for tests). */
    public List<String> benchmarkCategories() {
        return List.copyOf(((CategoryAxis) getXAxis()).getCategories());
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        LegendStyles.apply(this, legendStyles);
    }
}

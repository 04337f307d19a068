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

    /**
     * A named router: a curve when it has several points, a marker when it has one.
     *
     * @param name legend name
     * @param points operating points (drawn in ascending cost), at least one
     */
    public record Router(String name, List<Point> points) {
        /** Validates and copies. */
        public Router {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("router " + name + " has no point");
            }
        }
    }

    /** An empty chart with the given cost axis label (e.g. "cost per prompt (USD)"). */
    public EvaluationCostQualityChart(String costLabel) {
        super(new NumberAxis(), new NumberAxis());
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
    }

    /** Shows the routers, one legend entry each; single-point routers draw only their symbol. */
    public void show(List<Router> routers) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (Router r : routers) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(r.name());
            r.points().stream().sorted((a, b) -> Double.compare(a.cost(), b.cost()))
                    .forEach(p -> s.getData().add(new XYChart.Data<>(p.cost(), p.quality())));
            all.add(s);
        }
        getData().setAll(all);
        for (int i = 0; i < routers.size(); i++) {
            if (routers.get(i).points().size() == 1 && all.get(i).getNode() != null) {
                all.get(i).getNode().setStyle("-fx-stroke: transparent");
            }
        }
    }
}

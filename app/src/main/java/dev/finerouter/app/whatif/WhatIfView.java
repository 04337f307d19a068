package dev.finerouter.app.whatif;

import dev.finerouter.engine.eval.ChartPalette;
import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.whatif.Scored;
import dev.finerouter.engine.whatif.TuningEvaluator;
import dev.finerouter.viz.chart.CostQualityChart;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * The what-if panel: the knobs on the left ({@link TuningControls}); on the right the metrics with deltas against
 * the pin and the cost–quality chart (current vs pinned curve, single models), a sweep tab and a variants tab.
 */
public final class WhatIfView extends BorderPane {
    /** Builds the view over {@code vm}. */
    public WhatIfView(WhatIfViewModel vm) {
        setPadding(new Insets(10));
        setLeft(new TuningControls(vm));

        TableView<MetricRow> table = MetricsTable.create("whatif-metrics", "No trained router yet.", "current", "pinned");
        table.setItems(vm.rows());
        Label tableTitle = new Label();
        tableTitle.setStyle("-fx-font-weight: bold");
        tableTitle.textProperty().bind(Bindings.createStringBinding(() -> "Metrics on the "
                + vm.splitProperty().get().name().toLowerCase(Locale.ROOT) + " split", vm.splitProperty()));
        VBox metrics = new VBox(6, tableTitle, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        CostQualityChart chart = new CostQualityChart("cost per prompt", "Qual");
        chart.setId("whatif-chart");
        chart.setTitle("cost–quality: λ swept 0 → 1 at the current α and δ");
        Runnable redraw = () -> chart.show(points(vm.currentCurveProperty().get()), points(vm.pinnedCurveProperty().get()),
                modelPoints(vm.singleModels()), marker(vm.currentProperty().get()));
        vm.currentCurveProperty().addListener(o -> redraw.run());
        vm.currentProperty().addListener(o -> redraw.run());
        vm.pinnedCurveProperty().addListener(o -> redraw.run());
        vm.singleModels().addListener((ListChangeListener<TuningEvaluator.ModelPoint>) c -> redraw.run());

        SplitPane overview = new SplitPane(metrics, chart);
        overview.setOrientation(Orientation.VERTICAL);
        overview.setDividerPositions(0.5);
        TabPane right = new TabPane(tab("Metrics", "whatif-tab-metrics", overview), tab("Sweep", "whatif-tab-sweep", new SweepPane(vm)),
                tab("Variants", "whatif-tab-variants", new VariantsPane(vm)), tab("Calibrate", "whatif-tab-calibrate", new CalibrationPane(vm)));
        right.setId("whatif-tabs");
        setCenter(right);
    }

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    /** Single models (in pool order) in their shared palette colours. */
    private static List<CostQualityChart.ModelPoint> modelPoints(List<TuningEvaluator.ModelPoint> models) {
        List<CostQualityChart.ModelPoint> out = new java.util.ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            TuningEvaluator.ModelPoint m = models.get(i);
            out.add(new CostQualityChart.ModelPoint(m.model(), m.costPerPrompt(), m.qual(), ChartPalette.model(i)));
        }
        return out;
    }

    /** The current setting's operating point, labelled with its λ (none while the router needs retraining). */
    private static CostQualityChart.Marker marker(Scored current) {
        if (current == null || current.metrics() == null) {
            return null;
        }
        return new CostQualityChart.Marker(current.metrics().costPerPrompt(), current.metrics().qual(),
                String.format(Locale.ROOT, "λ = %.2f", current.settings().tolerance()));
    }

    private static List<CostQualityChart.Point> points(CostQualityCurve curve) {
        return curve == null ? List.of() : curve.points().stream().map(p -> new CostQualityChart.Point(p.costPerPrompt(), p.qual())).toList();
    }
}

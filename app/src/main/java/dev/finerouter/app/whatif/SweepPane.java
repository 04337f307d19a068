package dev.finerouter.app.whatif;

import dev.finerouter.app.common.Dialogs;
import dev.finerouter.app.common.Tables;
import dev.finerouter.engine.whatif.Sweep;
import dev.finerouter.engine.whatif.WhatIfMetric;
import dev.finerouter.viz.chart.SweepChart;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.Locale;

/** Sweep mode: a knob, a range and steps, a metric → a background sweep plotted beside its table; CSV export. */
final class SweepPane extends BorderPane {
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    SweepPane(WhatIfViewModel vm) {
        setPadding(new Insets(8));
        SweepState state = vm.sweep();
        ComboBox<Sweep.Knob> knob = new ComboBox<>();
        knob.setId("sweep-knob");
        knob.getItems().setAll(Sweep.Knob.values());
        knob.setValue(Sweep.Knob.TOLERANCE);
        Spinner<Double> from = new Spinner<>(0.0, 1.0, 0.0, 0.05);
        Spinner<Double> to = new Spinner<>(0.05, 1.0, 1.0, 0.05);
        Spinner<Integer> steps = new Spinner<>(2, 101, 11);
        for (Spinner<?> s : new Spinner<?>[]{from, to, steps}) {
            s.setPrefWidth(85);
            s.setMinWidth(85);
            s.setEditable(true);
        }
        steps.setId("sweep-steps");
        ComboBox<WhatIfMetric> metric = new ComboBox<>();
        metric.setId("sweep-metric");
        metric.getItems().setAll(WhatIfMetric.values());
        metric.setValue(WhatIfMetric.QUAL);
        knob.valueProperty().addListener((o, a, k) -> {
            from.getValueFactory().setValue(k == Sweep.Knob.DELTA ? 0.5 : 0.0);
            if (k == Sweep.Knob.TAU && metric.getValue().routing()) {
                metric.setValue(WhatIfMetric.TASKS);
            }
        });
        Button run = new Button("Run sweep");
        run.setId("sweep-run");
        run.disableProperty().bind(vm.readyProperty().not().or(state.runningProperty()));
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(state.runningProperty().not());
        cancel.setOnAction(e -> state.cancel());
        Button export = new Button("Export CSV…");
        export.disableProperty().bind(state.resultProperty().isNull());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(state.progressProperty());
        Label status = new Label();
        status.textProperty().bind(state.statusProperty());
        run.setOnAction(e -> {
            try {
                vm.startSweep(knob.getValue(), from.getValue(), to.getValue(), steps.getValue(), metric.getValue());
            } catch (IllegalArgumentException ex) {
                Dialogs.info(getScene() == null ? null : getScene().getWindow(), "Sweep", "Cannot sweep", ex.getMessage(), null);
            }
        });
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("sweep.csv");
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                try {
                    state.resultProperty().get().writeCsv(f.toPath());
                } catch (Exception ex) {
                    Dialogs.error(getScene().getWindow(), "Export", "Cannot write " + f, ex.getMessage(), ex, null);
                }
            }
        });
        HBox controls = new HBox(8, label("sweep"), knob, label("from"), from, label("to"), to, label("steps"), steps,
                label("metric"), metric);
        HBox actions = new HBox(8, run, cancel, progress, export, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Other knobs stay at their current values. α, λ, δ re-decide from the cache; τ re-clusters once per value "
                + "(discovery metrics only).");
        hint.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 11px");

        SweepChart chart = new SweepChart();
        chart.setId("sweep-chart");
        TableView<Sweep.Point> table = Tables.table("No sweep yet.");
        table.setId("sweep-table");
        TableView.class.cast(table).setPrefWidth(240);
        table.getColumns().add(Tables.column("value", Sweep.Point::value, v -> String.format(Locale.ROOT, "%.3f", v)));
        table.getColumns().add(Tables.column("metric", p -> p, p -> state.resultProperty().get() == null ? ""
                : MetricsTable.format(p.metric(), state.resultProperty().get().metric().kind())));
        state.resultProperty().addListener((o, a, s) -> {
            if (s == null) {
                chart.clear();
                table.getItems().clear();
                return;
            }
            double[] x = s.points().stream().mapToDouble(Sweep.Point::value).toArray();
            double[] y = s.points().stream().mapToDouble(Sweep.Point::metric).toArray();
            chart.show(s.knob().symbol(), s.metric().label() + " (" + s.split().name().toLowerCase(Locale.ROOT) + ")", x, y);
            table.getColumns().get(0).setText(s.knob().symbol());
            table.getColumns().get(1).setText(s.metric().label());
            table.getItems().setAll(s.points());
        });
        setTop(new javafx.scene.layout.VBox(6, controls, actions, hint));
        HBox body = new HBox(8, chart, table);
        HBox.setHgrow(chart, Priority.ALWAYS);
        setCenter(body);
    }
}

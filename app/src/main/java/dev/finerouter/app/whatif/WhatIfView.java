package dev.finerouter.app.whatif;

import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.Tables;
import dev.finerouter.engine.model.Split;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The what-if panel: α and tolerance sliders (paper defaults marked), live metrics with deltas against a pin. */
public final class WhatIfView extends BorderPane {
    /** Builds the view over {@code vm}. */
    public WhatIfView(WhatIfViewModel vm) {
        setPadding(new Insets(10));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        slider(grid, 0, "α (prediction weight)", "whatif-alpha", vm.alphaProperty(), WhatIfViewModel.PAPER.alpha());
        slider(grid, 1, "tolerance λ", "whatif-tolerance", vm.toleranceProperty(), WhatIfViewModel.PAPER.tolerance());
        Label stage1 = new Label();
        stage1.setId("whatif-stage1");
        stage1.setWrapText(true);
        stage1.setStyle("-fx-text-fill: #666");
        vm.readyProperty().addListener((o, a, b) -> stage1.setText(b ? "Stage 1: " + vm.stage1Settings()
                + "\n(read-only: re-run discovery to change)" : ""));

        ToggleGroup which = new ToggleGroup();
        ToggleButton dev = new ToggleButton("dev");
        ToggleButton test = new ToggleButton("test");
        dev.setToggleGroup(which);
        test.setToggleGroup(which);
        test.setSelected(true);
        which.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                (a == null ? test : a).setSelected(true);
            } else {
                vm.splitProperty().set(b == dev ? Split.DEV : Split.TEST);
            }
        });
        Button pin = new Button("Pin");
        pin.setId("whatif-pin");
        pin.setTooltip(new javafx.scene.control.Tooltip("Keep the current metrics as the baseline for the deltas"));
        pin.setOnAction(e -> vm.pin());
        pin.disableProperty().bind(vm.readyProperty().not());
        Button unpin = new Button("Unpin");
        unpin.setOnAction(e -> vm.unpin());
        unpin.disableProperty().bind(vm.pinnedProperty().isNull());
        Button reset = new Button("Paper defaults");
        reset.setOnAction(e -> vm.resetToPaper());
        HBox buttons = new HBox(8, new Label("split:"), dev, test, pin, unpin, reset);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label timing = new Label();
        timing.setId("whatif-timing");
        timing.setWrapText(true);
        timing.textProperty().bind(Bindings.createStringBinding(() -> {
            long us = vm.rescoreMicrosProperty().get();
            return us < 0 ? "" : String.format(Locale.ROOT, "re-decided dev + test from cached predictions in %.2f ms", us / 1000.0);
        }, vm.rescoreMicrosProperty()));
        Label pinned = new Label();
        pinned.textProperty().bind(Bindings.createStringBinding(() -> {
            var p = vm.pinnedProperty().get();
            return p == null ? "no baseline pinned" : String.format(Locale.ROOT, "pinned: α = %.2f, λ = %.2f",
                    p.policy().alpha(), p.policy().tolerance());
        }, vm.pinnedProperty()));
        Label status = new Label();
        status.setId("whatif-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label title = new Label("Routing policy");
        title.setStyle("-fx-font-weight: bold");
        Label note = new Label("● marks the paper's default; changes re-decide\nthe dev and test prompts without retraining.");
        note.setStyle("-fx-text-fill: #666; -fx-font-size: 11px");
        VBox left = new VBox(10, title, grid, note, buttons, pinned, timing, stage1, status);
        left.setPrefWidth(470);
        left.setPadding(new Insets(0, 16, 0, 0));
        setLeft(left);

        TableView<WhatIfViewModel.MetricRow> table = Tables.table("No trained router yet.");
        table.setId("whatif-metrics");
        table.getColumns().add(Tables.column("metric", WhatIfViewModel.MetricRow::name));
        table.getColumns().add(Tables.column("current", r -> r, r -> format(r.current(), r.kind())));
        table.getColumns().add(Tables.column("pinned", r -> r, r -> format(r.pinned(), r.kind())));
        TableColumn<WhatIfViewModel.MetricRow, WhatIfViewModel.MetricRow> delta = Tables.column("Δ", r -> r);
        delta.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(WhatIfViewModel.MetricRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null || Double.isNaN(r.delta())) {
                    setText(null);
                    setStyle("");
                    return;
                }
                double d = r.delta();
                setText((d > 0 ? "+" : "") + format(d, r.kind()));
                boolean good = r.kind() == WhatIfViewModel.Kind.COST ? d < 0 : d > 0;
                setStyle(Math.abs(d) < 1e-12 ? "-fx-alignment: CENTER-RIGHT;"
                        : "-fx-alignment: CENTER-RIGHT; -fx-text-fill: " + (r.kind() == WhatIfViewModel.Kind.SHARE ? "#37474f"
                        : good ? "#2e7d32" : "#c62828"));
            }
        });
        table.getColumns().add(delta);
        table.setItems(vm.rows());
        Label tableTitle = new Label();
        tableTitle.setStyle("-fx-font-weight: bold");
        tableTitle.textProperty().bind(Bindings.createStringBinding(() -> "Metrics on the " + vm.splitProperty().get().name().toLowerCase(Locale.ROOT)
                + " split", vm.splitProperty()));
        VBox right = new VBox(8, tableTitle, table);
        javafx.scene.layout.VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        setCenter(right);
    }

    private static String format(double v, WhatIfViewModel.Kind kind) {
        return switch (kind) {
            case SCORE -> Format.decimal(v);
            case COST -> Format.cost(v);
            case SHARE -> Format.percent(v);
            case COUNT -> Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
        };
    }

    private static void slider(GridPane grid, int row, String label, String id, DoubleProperty p, double paper) {
        Slider s = new Slider(0, 1, p.get());
        s.setId(id);
        s.setPrefWidth(220);
        s.setMajorTickUnit(0.25);
        s.setMinorTickCount(4);
        s.setShowTickMarks(true);
        s.setShowTickLabels(true);
        s.setBlockIncrement(0.05);
        s.valueProperty().addListener((o, a, v) -> p.set(Math.round(v.doubleValue() * 100) / 100.0));
        p.addListener((o, a, v) -> {
            if (Math.abs(s.getValue() - v.doubleValue()) > 0.005) {
                s.setValue(v.doubleValue());
            }
        });
        Label value = new Label();
        value.setId(id + "-value");
        value.setMinWidth(150);
        Runnable update = () -> {
            boolean d = Math.abs(p.get() - paper) < 1e-9;
            value.setText(String.format(Locale.ROOT, "%.2f  %s", p.get(), d ? "● paper default" : "(paper: " + paper + ")"));
            value.setStyle(d ? "-fx-text-fill: #2e7d32" : "-fx-text-fill: #b26a00");
        };
        p.addListener(o -> update.run());
        update.run();
        Label name = new Label(label);
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(name, 0, row);
        grid.add(s, 1, row);
        grid.add(value, 2, row);
    }
}

package dev.finerouter.app.whatif;

import dev.finerouter.app.common.Dialogs;
import dev.finerouter.app.common.Tables;
import dev.finerouter.engine.whatif.WhatIfMetric;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Named variants: save the current setting, list them, apply or delete one, compare two side by side. */
final class VariantsPane extends BorderPane {
    VariantsPane(WhatIfViewModel vm) {
        setPadding(new Insets(8));
        VariantList state = vm.variants();
        Button save = new Button("Save as variant…");
        save.setId("variant-save");
        save.disableProperty().bind(vm.currentProperty().isNull());
        save.setOnAction(e -> {
            TextInputDialog ask = new TextInputDialog("variant " + (state.list().size() + 1));
            ask.initOwner(getScene().getWindow());
            ask.setTitle("Save variant");
            ask.setHeaderText("Name of this setting (" + TuningControls.describe(vm.settings()) + ")");
            ask.showAndWait().ifPresent(name -> {
                try {
                    vm.saveVariant(name);
                } catch (Exception ex) {
                    Dialogs.error(getScene().getWindow(), "Save variant", "Cannot save the variant", ex.getMessage(), ex, null);
                }
            });
        });
        TableView<Variant> list = Tables.table("No variants saved yet.");
        list.setId("variant-list");
        list.setPrefHeight(160);
        list.getColumns().add(Tables.column("name", Variant::name));
        list.getColumns().add(Tables.column("setting", v -> TuningControls.describe(v.settings())));
        list.getColumns().add(Tables.column("split", Variant::split));
        list.getColumns().add(Tables.column("Qual", v -> MetricsTable.format(v.metric(WhatIfMetric.QUAL.label()), WhatIfMetric.Kind.SCORE)));
        list.getColumns().add(Tables.column("cost per prompt", v -> MetricsTable.format(v.metric(WhatIfMetric.COST_PER_PROMPT.label()),
                WhatIfMetric.Kind.COST)));
        list.setItems(state.list());
        Button apply = new Button("Apply");
        apply.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.readyProperty().not()));
        apply.setOnAction(e -> vm.applyVariant(list.getSelectionModel().getSelectedItem()));
        Button delete = new Button("Delete");
        delete.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> {
            try {
                state.delete(list.getSelectionModel().getSelectedItem().name());
            } catch (Exception ex) {
                Dialogs.error(getScene().getWindow(), "Delete variant", "Cannot delete the variant", ex.getMessage(), ex, null);
            }
        });

        ComboBox<Variant> a = new ComboBox<>(state.list());
        ComboBox<Variant> b = new ComboBox<>(state.list());
        a.setId("variant-a");
        b.setId("variant-b");
        for (ComboBox<Variant> c : java.util.List.of(a, b)) {
            c.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(Variant v) {
                    return v == null ? "" : v.name();
                }

                @Override
                public Variant fromString(String s) {
                    return state.list().stream().filter(v -> v.name().equals(s)).findFirst().orElse(null);
                }
            });
        }
        TableView<MetricRow> compare = MetricsTable.create("variant-compare", "Choose two variants.", "A", "B");
        Runnable refresh = () -> compare.getItems().setAll(a.getValue() == null || b.getValue() == null ? java.util.List.of()
                : MetricRow.compare(a.getValue(), b.getValue()));
        a.valueProperty().addListener(o -> refresh.run());
        b.valueProperty().addListener(o -> refresh.run());
        state.list().addListener((ListChangeListener<Variant>) c -> refresh.run());
        HBox top = new HBox(8, save, apply, delete);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox pick = new HBox(8, new Label("compare A"), a, new Label("with B"), b, new Label("(Δ = A − B)"));
        pick.setAlignment(Pos.CENTER_LEFT);
        setTop(new VBox(8, top, list, pick));
        setCenter(compare);
        BorderPane.setMargin(compare, new Insets(8, 0, 0, 0));
    }
}

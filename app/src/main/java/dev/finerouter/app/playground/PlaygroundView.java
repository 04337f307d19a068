package dev.finerouter.app.playground;

import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.Tables;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The prompt playground: text (or a dataset prompt) → Route → task, compared models (winner highlighted), reason. */
public final class PlaygroundView extends BorderPane {
    /** Builds the view over {@code vm}. */
    public PlaygroundView(PlaygroundViewModel vm) {
        setPadding(new Insets(10));
        TextArea text = new TextArea();
        text.setId("playground-text");
        text.setPromptText("Type or paste a prompt…");
        text.setWrapText(true);
        text.setPrefRowCount(4);
        text.textProperty().bindBidirectional(vm.textProperty());
        ComboBox<PlaygroundViewModel.DatasetPrompt> pick = new ComboBox<>(vm.datasetPrompts());
        pick.setId("playground-pick");
        pick.setPromptText("…or pick a dev/test prompt");
        pick.setMaxWidth(Double.MAX_VALUE);
        pick.setOnAction(e -> vm.pick(pick.getValue()));
        HBox.setHgrow(pick, Priority.ALWAYS);
        Button route = new Button("Route");
        route.setId("playground-route");
        route.setDefaultButton(true);
        route.disableProperty().bind(vm.readyProperty().not().or(vm.busyProperty()));
        route.setOnAction(e -> vm.route());
        HBox knobs = new HBox(10, route, new Label("α"), slider("playground-alpha", vm.alphaProperty()), new Label("tolerance"),
                slider("playground-tolerance", vm.toleranceProperty()), pick);
        knobs.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("playground-status");
        status.textProperty().bind(vm.statusProperty());
        status.setStyle("-fx-text-fill: #666");
        VBox top = new VBox(8, text, knobs, status);
        setTop(top);

        Label task = new Label();
        task.setId("playground-task");
        task.setWrapText(true);
        task.setStyle("-fx-font-weight: bold");
        task.textProperty().bind(vm.taskProperty());
        Label reason = new Label();
        reason.setId("playground-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(vm.reasonProperty());
        Label oracle = new Label();
        oracle.setId("playground-oracle");
        oracle.setWrapText(true);
        oracle.textProperty().bind(vm.oracleProperty());
        TableView<PlaygroundViewModel.ModelRow> table = Tables.table("Route a prompt to see the compared models.");
        table.setId("playground-models");
        table.getColumns().add(Tables.column("model", r -> (r.winner() ? "★ " : "") + r.model()));
        table.getColumns().add(Tables.column("predicted Q", PlaygroundViewModel.ModelRow::predicted, Format::decimal));
        table.getColumns().add(Tables.column("task median Q", PlaygroundViewModel.ModelRow::taskMedian, Format::decimal));
        table.getColumns().add(Tables.column("final Q", PlaygroundViewModel.ModelRow::finalScore, Format::decimal));
        table.getColumns().add(Tables.column("cost", PlaygroundViewModel.ModelRow::cost, Format::cost));
        table.getColumns().add(Tables.column("true score", PlaygroundViewModel.ModelRow::trueScore,
                v -> Double.isNaN(v) ? "–" : Format.decimal(v)));
        table.getColumns().add(Tables.column("oracle", r -> r.oracle() ? "✓" : ""));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PlaygroundViewModel.ModelRow r, boolean empty) {
                super.updateItem(r, empty);
                setStyle(!empty && r != null && r.winner() ? "-fx-background-color: #c8e6c9; -fx-font-weight: bold" : "");
            }
        });
        table.setItems(vm.models());
        VBox center = new VBox(8, task, table, reason, oracle);
        VBox.setVgrow(table, Priority.ALWAYS);
        center.setPadding(new Insets(10, 0, 0, 0));
        setCenter(center);
    }

    private static HBox slider(String id, DoubleProperty p) {
        Slider s = new Slider(0, 1, p.get());
        s.setId(id);
        s.setPrefWidth(140);
        s.valueProperty().addListener((o, a, v) -> p.set(Math.round(v.doubleValue() * 100) / 100.0));
        Label value = new Label();
        value.setMinWidth(34);
        value.textProperty().bind(p.asString(Locale.ROOT, "%.2f"));
        HBox box = new HBox(4, s, value);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}

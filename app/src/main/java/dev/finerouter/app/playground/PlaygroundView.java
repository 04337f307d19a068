package dev.finerouter.app.playground;

import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.SaveDialog;
import dev.finerouter.app.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.stage.FileChooser;
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

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The prompt playground: text (or a dataset prompt) → Route → the classifier's tasks, compared models (winner
 * highlighted), reason; below, the nearest training prompts with their true scores and the history of routed prompts.
 */
public final class PlaygroundView extends BorderPane {
    private final PlaygroundViewModel vm;
    private final SaveDialog saveDialog;

    /** Builds the view over {@code vm}; the history export asks for its file through {@code saveDialog}. */
    public PlaygroundView(PlaygroundViewModel vm, SaveDialog saveDialog) {
        this.vm = vm;
        this.saveDialog = saveDialog;
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
        route.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        route.setTooltip(new javafx.scene.control.Tooltip("Route the prompt (Ctrl+Enter)"));
        javafx.scene.input.KeyCombination routeKey = javafx.scene.input.KeyCombination.keyCombination("Shortcut+Enter");
        text.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (routeKey.match(e)) {
                e.consume();
                vm.route();
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setId("playground-cancel");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox knobs = new HBox(10, route, cancel, new Label("α"), slider("playground-alpha", vm.alphaProperty()), new Label("tolerance"),
                slider("playground-tolerance", vm.toleranceProperty()), pick);
        knobs.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("playground-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("fr-muted");
        Label stale = new Label("The prompt was edited: the results below are for the previous text. Route again (Ctrl+Enter).");
        stale.setId("playground-stale");
        stale.getStyleClass().add("fr-stale");
        stale.visibleProperty().bind(vm.staleProperty());
        stale.managedProperty().bind(stale.visibleProperty());
        VBox top = new VBox(8, text, knobs, status, stale);
        setTop(top);

        Label task = new Label();
        task.setId("playground-task");
        task.setWrapText(true);
        task.setStyle("-fx-font-weight: bold");
        task.textProperty().bind(vm.taskProperty());
        Label warning = new Label();
        warning.setId("playground-warning");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);
        warning.getStyleClass().add("fr-warning");
        warning.textProperty().bind(vm.warningProperty());
        warning.visibleProperty().bind(vm.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        Label reason = new Label();
        reason.setId("playground-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(vm.reasonProperty());
        Label explanation = new Label();
        explanation.setId("playground-explanation");
        explanation.setWrapText(true);
        explanation.textProperty().bind(vm.explanationProperty());
        explanation.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        reason.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        warning.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        task.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label oracle = new Label();
        oracle.setId("playground-oracle");
        oracle.setWrapText(true);
        oracle.textProperty().bind(vm.oracleProperty());
        TableView<PlaygroundViewModel.ModelRow> table = Tables.table("Route a prompt to see the compared models.");
        table.setId("playground-models");
        table.getColumns().add(Tables.column("model", r -> (r.winner() ? "★ " : "") + r.model()));
        table.getColumns().add(Tables.column("predicted Q", PlaygroundViewModel.ModelRow::predicted, Format::decimal));
        javafx.scene.control.TableColumn<PlaygroundViewModel.ModelRow, Double> second =
                Tables.column("", PlaygroundViewModel.ModelRow::taskMedian, Format::decimal);
        second.textProperty().bind(vm.secondScoreTitleProperty());
        table.getColumns().add(second);
        table.getColumns().add(Tables.column("final Q", PlaygroundViewModel.ModelRow::finalScore, Format::decimal));
        table.getColumns().add(Tables.column("cost", PlaygroundViewModel.ModelRow::cost, Format::cost));
        table.getColumns().add(Tables.column("true score", PlaygroundViewModel.ModelRow::trueScore,
                v -> Double.isNaN(v) ? "–" : Format.decimal(v)));
        table.getColumns().add(Tables.column("oracle", r -> r.oracle() ? "✓" : ""));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PlaygroundViewModel.ModelRow r, boolean empty) {
                super.updateItem(r, empty);
                setStyle(!empty && r != null && r.winner() ? "-fx-background-color: -color-success-subtle; -fx-font-weight: bold" : "");
            }
        });
        table.setItems(vm.models());
        TableView<PlaygroundViewModel.TaskRow> taskTable = Tables.table("The classifier's tasks appear here.");
        taskTable.setId("playground-tasks");
        taskTable.getColumns().add(Tables.column("task", r -> (r.assigned() ? "→ " : "") + r.task()));
        taskTable.getColumns().add(Tables.column("probability", PlaygroundViewModel.TaskRow::probability, Format::decimal));
        taskTable.getColumns().add(Tables.column("", r -> r.assigned() ? "assigned" : "above threshold"));
        taskTable.getColumns().add(Tables.column("summary", PlaygroundViewModel.TaskRow::summary));
        taskTable.getColumns().get(0).setMaxWidth(60);
        taskTable.getColumns().get(1).setMaxWidth(110);
        taskTable.getColumns().get(1).setMinWidth(100);
        taskTable.getColumns().get(2).setMaxWidth(120);
        taskTable.setItems(vm.taskRows());
        taskTable.setPrefHeight(92);
        taskTable.setMinHeight(70);
        VBox decisionBox = new VBox(6, task, warning, taskTable, table, explanation, reason, oracle);
        VBox.setVgrow(table, Priority.ALWAYS);
        vm.staleProperty().addListener((o, a, s) -> {
            if (s) {
                decisionBox.getStyleClass().add("fr-stale-results");
            } else {
                decisionBox.getStyleClass().remove("fr-stale-results");
            }
        });

        TabPane below = new TabPane(new Tab("Nearest training prompts", neighbourTable()), new Tab("History", historyPane()));
        below.setId("playground-below");
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(decisionBox, below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        BorderPane.setMargin(split, new Insets(10, 0, 0, 0));
        setCenter(split);
    }

    private TableView<PlaygroundViewModel.NeighbourRow> neighbourTable() {
        TableView<PlaygroundViewModel.NeighbourRow> t = Tables.table("Route a prompt to see the nearest training prompts.");
        t.setId("playground-neighbours");
        t.setItems(vm.neighbours());
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Runnable columns = () -> {
            t.getColumns().clear();
            TableColumn<PlaygroundViewModel.NeighbourRow, Double> sim = Tables.column("cosine", PlaygroundViewModel.NeighbourRow::similarity,
                    Format::decimal);
            sim.setPrefWidth(70);
            t.getColumns().add(sim);
            TableColumn<PlaygroundViewModel.NeighbourRow, String> prompt = Tables.column("prompt", PlaygroundViewModel.NeighbourRow::text);
            prompt.setPrefWidth(560);
            t.getColumns().add(prompt);
            TableColumn<PlaygroundViewModel.NeighbourRow, String> task = Tables.column("task", PlaygroundViewModel.NeighbourRow::task);
            task.setPrefWidth(330);
            t.getColumns().add(task);
            for (int m = 0; m < vm.modelNames().size(); m++) {
                int model = m;
                TableColumn<PlaygroundViewModel.NeighbourRow, Float> c = Tables.column(vm.modelNames().get(m), r -> r.scores()[model],
                        v -> Format.decimal(v));
                c.setPrefWidth(85);
                t.getColumns().add(c);
            }
        };
        vm.modelNames().addListener((ListChangeListener<String>) c -> columns.run());
        columns.run();
        return t;
    }

    private BorderPane historyPane() {
        TableView<PromptHistory.Entry> t = Tables.table("Routed prompts are listed here; click one to route it again.");
        t.setId("playground-history");
        t.setItems(vm.history().entries());
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
        TableColumn<PromptHistory.Entry, String> when = Tables.column("time", e -> time.format(e.time()));
        when.setMaxWidth(80);
        TableColumn<PromptHistory.Entry, String> prompt = Tables.column("prompt", PromptHistory.Entry::prompt);
        prompt.setPrefWidth(420);
        t.getColumns().add(when);
        t.getColumns().add(prompt);
        t.getColumns().add(Tables.column("task", PromptHistory.Entry::task));
        t.getColumns().add(Tables.column("model", PromptHistory.Entry::model));
        t.getColumns().add(Tables.column("α", PromptHistory.Entry::alpha, v -> String.format(Locale.ROOT, "%.2f", v)));
        t.getColumns().add(Tables.column("λ", PromptHistory.Entry::tolerance, v -> String.format(Locale.ROOT, "%.2f", v)));
        t.setRowFactory(x -> {
            TableRow<PromptHistory.Entry> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && e.getClickCount() == 2) {
                    vm.reopen(row.getItem());
                }
            });
            return row;
        });
        Button export = new Button("Export history…");
        export.setId("playground-history-export");
        export.disableProperty().bind(Bindings.isEmpty(vm.history().entries()));
        export.setOnAction(e -> {
            Path target = saveDialog.ask(new SaveDialog.Request(getScene() == null ? null : getScene().getWindow(), "Export prompt history",
                    "playground-history.csv", List.of(new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv"),
                            new FileChooser.ExtensionFilter("JSON lines (*.jsonl)", "*.jsonl"))));
            if (target != null) {
                vm.exportHistory(target);
            }
        });
        Label hint = new Label("Double-click an entry to put it back (prompt, α, λ) and route it again.");
        hint.setStyle("-fx-text-fill: -color-fg-muted");
        HBox bar = new HBox(10, export, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 0, 0, 0));
        BorderPane pane = new BorderPane(t);
        pane.setBottom(bar);
        return pane;
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

package dev.finerouter.app.dataset;

import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.Tables;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The first view after loading: per-model quality, best share and cost; prompts per task and split. */
public final class StatisticsView extends VBox {
    /** Builds the view over {@code vm}. */
    public StatisticsView(StatisticsViewModel vm) {
        super(8);
        setPadding(new Insets(10));
        Label headline = new Label();
        headline.setId("stats-headline");
        headline.setStyle("-fx-font-size: 14px; -fx-font-weight: bold");
        headline.textProperty().bind(vm.headlineProperty());

        TableView<StatisticsViewModel.ModelRow> models = Tables.table("No dataset open.");
        models.setId("stats-models");
        models.getColumns().add(Tables.column("model", StatisticsViewModel.ModelRow::model));
        models.getColumns().add(Tables.column("mean score", StatisticsViewModel.ModelRow::meanScore, Format::decimal));
        models.getColumns().add(Tables.column("best share", StatisticsViewModel.ModelRow::bestShare, Format::percent));
        models.getColumns().add(Tables.column("sole best", StatisticsViewModel.ModelRow::soleBestShare, Format::percent));
        models.getColumns().add(Tables.column("cost / call", StatisticsViewModel.ModelRow::meanCost, Format::cost));
        models.getColumns().add(Tables.column("missing", StatisticsViewModel.ModelRow::missing, n -> Format.count(n)));
        models.setItems(vm.models());
        models.setMinHeight(290);
        models.setPrefHeight(290);

        TableView<StatisticsViewModel.TaskRow> tasks = Tables.table("No tasks.");
        tasks.setId("stats-tasks");
        tasks.setItems(vm.tasks());
        vm.splits().addListener((ListChangeListener<String>) c -> rebuildTaskColumns(tasks, vm));
        rebuildTaskColumns(tasks, vm);

        Label m = new Label("Models");
        m.setStyle("-fx-font-weight: bold");
        Label t = new Label("Tasks per split");
        t.setStyle("-fx-font-weight: bold");
        VBox.setVgrow(models, Priority.SOMETIMES);
        VBox.setVgrow(tasks, Priority.ALWAYS);
        getChildren().addAll(headline, m, models, t, tasks);
    }

    private static void rebuildTaskColumns(TableView<StatisticsViewModel.TaskRow> table, StatisticsViewModel vm) {
        table.getColumns().clear();
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<StatisticsViewModel.TaskRow, String> task = Tables.column("task", StatisticsViewModel.TaskRow::task);
        task.setPrefWidth(260);
        table.getColumns().add(task);
        for (String split : vm.splits()) {
            TableColumn<StatisticsViewModel.TaskRow, Integer> c = Tables.column(split,
                    r -> r.perSplit().getOrDefault(split, 0), n -> Format.count(n));
            c.setPrefWidth(120);
            table.getColumns().add(c);
        }
        TableColumn<StatisticsViewModel.TaskRow, Integer> total = Tables.column("total", StatisticsViewModel.TaskRow::total, n -> Format.count(n));
        total.setPrefWidth(120);
        table.getColumns().add(total);
    }
}

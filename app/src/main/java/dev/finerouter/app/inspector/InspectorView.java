package dev.finerouter.app.inspector;

import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.Tables;
import dev.finerouter.viz.chart.ModelScoreChart;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/** The cluster inspector: a sortable, filterable task table and the selected task's detail. */
public final class InspectorView extends SplitPane {
    private final TableView<InspectorViewModel.TaskRow> table = Tables.table("No tasks: run the pipeline.");
    private final Label summary = new Label("Select a task.");
    private final Label example = new Label();
    private final Label routing = new Label();
    private final TableView<InspectorViewModel.MemberRow> members = Tables.table("");
    private final TableView<InspectorViewModel.RankRow> ranking = Tables.table("");
    private final TableView<InspectorViewModel.CandidateRow> candidates = Tables.table("");
    private final TableView<InspectorViewModel.MixRow> mix = Tables.table("");
    private final ModelScoreChart chart = new ModelScoreChart("mean score");
    private boolean syncing;
    private final InspectorViewModel vm;

    /** Builds the view over {@code vm}. */
    public InspectorView(InspectorViewModel vm) {
        this.vm = vm;
        summary.setWrapText(true);
        TextField filter = new TextField();
        filter.setId("inspector-filter");
        filter.setPromptText("filter: id, name, example, model, benchmark");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        table.setId("inspector-tasks");
        table.getColumns().add(narrow(Tables.column("id", InspectorViewModel.TaskRow::id), 50));
        table.getColumns().add(narrow(Tables.column("size", InspectorViewModel.TaskRow::size), 60));
        table.getColumns().add(withTip(wide(Tables.column("name", InspectorViewModel.TaskRow::name), 190)));
        table.getColumns().add(withTip(wide(Tables.column("example", InspectorViewModel.TaskRow::example), 220)));
        table.getColumns().add(withTip(wide(Tables.column("candidates", InspectorViewModel.TaskRow::candidates), 200)));
        table.getColumns().add(wide(Tables.column("top benchmark", InspectorViewModel.TaskRow::topBenchmark), 110));
        SortedList<InspectorViewModel.TaskRow> sorted = new SortedList<>(vm.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (!syncing && row != null) {
                vm.select(row.id());
            }
        });
        vm.selectedTaskProperty().addListener((o, a, id) -> selectRow(id.intValue()));
        VBox left = new VBox(6, filter, table);
        left.setPadding(new Insets(6));
        VBox.setVgrow(table, Priority.ALWAYS);

        summary.setId("inspector-summary");
        summary.setWrapText(true);
        summary.setStyle("-fx-font-size: 14px; -fx-font-weight: bold");
        members.setId("inspector-members");
        members.getColumns().add(withTip(wide(Tables.column("prompt", InspectorViewModel.MemberRow::prompt), 300)));
        members.getColumns().add(withTip(wide(Tables.column("instruction (blank = prompt)",
                InspectorViewModel.MemberRow::description), 220)));
        members.getColumns().add(narrow(Tables.column("benchmark", InspectorViewModel.MemberRow::benchmark), 90));
        members.setPrefHeight(170);
        ranking.setId("inspector-ranking");
        ranking.getColumns().add(narrow(Tables.column("#", InspectorViewModel.RankRow::rank), 36));
        ranking.getColumns().add(Tables.column("model", InspectorViewModel.RankRow::model));
        ranking.getColumns().add(Tables.column("MRR", InspectorViewModel.RankRow::mrr, v -> String.format(java.util.Locale.ROOT, "%.4f", v)));
        ranking.getColumns().add(narrow(Tables.column("cand.", r -> r.candidate() ? "✓" : ""), 50));
        ranking.setPrefHeight(266);
        candidates.setId("inspector-candidates");
        candidates.getColumns().add(narrow(Tables.column("step", InspectorViewModel.CandidateRow::step), 44));
        candidates.getColumns().add(Tables.column("model", InspectorViewModel.CandidateRow::model));
        candidates.getColumns().add(Tables.column("coverage", InspectorViewModel.CandidateRow::coverage, Format::percent));
        candidates.setPrefHeight(130);
        mix.setId("inspector-mix");
        mix.getColumns().add(Tables.column("benchmark", InspectorViewModel.MixRow::benchmark));
        mix.getColumns().add(Tables.column("prompts", InspectorViewModel.MixRow::prompts, n -> Format.count(n)));
        mix.getColumns().add(Tables.column("share", InspectorViewModel.MixRow::share, Format::percent));
        mix.setPrefHeight(130);
        chart.setId("inspector-chart");

        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(titled("Fused ranking (MRR)", ranking), 0, 0);
        grid.add(titled("Mean score, 95% interval (candidates in colour)", chart), 1, 0);
        grid.add(titled("Candidates (coverage after each)", candidates), 0, 1);
        grid.add(titled("Benchmark mix", mix), 1, 1);
        example.setId("inspector-example");
        example.setWrapText(true);
        example.setStyle("-fx-text-fill: #555");
        routing.setId("inspector-routing");
        routing.setWrapText(true);
        VBox detailBox = new VBox(8, summary, example, routing, titled("Sample member prompts", members), grid);
        detailBox.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(detailBox);
        scroll.setFitToWidth(true);
        getItems().addAll(left, scroll);
        setDividerPositions(0.45);
        vm.detailProperty().addListener((o, a, d) -> show(d));
    }

    private void selectRow(int id) {
        syncing = true;
        try {
            if (id < 0) {
                table.getSelectionModel().clearSelection();
                return;
            }
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).id() == id) {
                    table.getSelectionModel().select(i);
                    table.scrollTo(i);
                    return;
                }
            }
        } finally {
            syncing = false;
        }
    }

    private void show(InspectorViewModel.TaskDetail d) {
        if (d == null) {
            summary.setText("Select a task.");
            members.getItems().clear();
            ranking.getItems().clear();
            candidates.getItems().clear();
            mix.getItems().clear();
            chart.clear();
            example.setText("");
            routing.setText("");
            return;
        }
        String note = vm.noteProperty().get();
        summary.setText("Task " + d.id() + " (" + Format.count(d.size()) + " prompts): " + d.name().name() + (note.isEmpty() ? "" : "\n" + note));
        example.setText(d.name().terms().isEmpty() ? "" : "e.g. " + d.name().example() + "   ·   key terms: "
                + String.join(", ", d.name().terms()));
        routing.setText(d.routing().text());
        routing.setStyle(d.routing().fallback() ? "-fx-text-fill: -color-warning-fg; -fx-font-weight: bold" : "");
        members.getItems().setAll(d.members());
        ranking.getItems().setAll(d.ranking());
        candidates.getItems().setAll(d.candidates());
        mix.getItems().setAll(d.mix());
        chart.show(d.scores().stream().map(m -> new ModelScoreChart.Bar(m.model(), m.interval().mean(), m.interval().low(),
                m.interval().high(), m.interval().n(), m.colour(), m.candidate())).toList());
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        Label l = new Label(title);
        l.setStyle("-fx-font-weight: bold");
        VBox box = new VBox(4, l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private static <R, V> TableColumn<R, V> narrow(TableColumn<R, V> c, double w) {
        c.setPrefWidth(w);
        c.setMinWidth(w);
        c.setMaxWidth(w * 1.5);
        return c;
    }

    /** Cells of {@code c} show their full text as a tooltip (for truncated cells). */
    private static <R, V> TableColumn<R, V> withTip(TableColumn<R, V> c) {
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                String text = empty || item == null ? null : item.toString();
                setText(text);
                setTooltip(text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
                if (getTooltip() != null) {
                    getTooltip().setWrapText(true);
                    getTooltip().setMaxWidth(520);
                }
            }
        });
        return c;
    }

    private static <R, V> TableColumn<R, V> wide(TableColumn<R, V> c, double w) {
        c.setPrefWidth(w);
        return c;
    }

    /** Visible for tests: the candidates table. */
    List<InspectorViewModel.CandidateRow> shownCandidates() {
        return candidates.getItems();
    }
}

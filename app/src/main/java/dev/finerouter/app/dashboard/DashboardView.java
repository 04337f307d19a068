package dev.finerouter.app.dashboard;

import dev.finerouter.app.common.Dialogs;
import dev.finerouter.app.common.PngSnapshot;
import dev.finerouter.app.common.SaveDialog;
import dev.finerouter.app.common.Tables;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.model.PairedDifference;
import dev.finerouter.engine.pipeline.EvaluationSuite;
import dev.finerouter.viz.chart.BenchmarkBarsChart;
import dev.finerouter.viz.chart.EvaluationCostQualityChart;
import dev.finerouter.viz.chart.RoutingShareChart;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation dashboard: Evaluate (quick / full) with a busy indicator and Cancel, the Table-1 grid (best value of
 * each column in bold green), and the cost–quality, routing-share and per-benchmark charts, each exportable as PNG
 * (and SVG when a vector exporter is bound).
 */
public final class DashboardView extends BorderPane {
    private final DashboardViewModel vm;
    private final SaveDialog saveDialog;
    private final TableView<EvaluationGrid.Row> table = Tables.table("Evaluate the trained router to fill the table.");
    private final Map<DashboardChart, Node> charts = new EnumMap<>(DashboardChart.class);
    private final EvaluationCostQualityChart costQuality = new EvaluationCostQualityChart("cost per prompt");
    private final RoutingShareChart share = new RoutingShareChart();
    private final BenchmarkBarsChart benchmarks = new BenchmarkBarsChart();
    private final TabPane chartTabs = new TabPane();

    /** Builds the view over {@code vm}; file names are asked through {@code saveDialog}. */
    public DashboardView(DashboardViewModel vm, SaveDialog saveDialog) {
        this.vm = vm;
        this.saveDialog = saveDialog;
        setPadding(new Insets(10));
        setTop(toolbar());
        table.setId("dashboard-grid");
        table.setItems(vm.rows());
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        charts.put(DashboardChart.COST_QUALITY, costQuality);
        charts.put(DashboardChart.ROUTING_SHARE, share);
        charts.put(DashboardChart.BENCHMARKS, benchmarks);
        costQuality.setId("dashboard-cost-quality");
        share.setId("dashboard-share");
        benchmarks.setId("dashboard-benchmarks");
        chartTabs.setId("dashboard-charts");
        chartTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (DashboardChart c : DashboardChart.values()) {
            Tab t = new Tab(c.title(), charts.get(c));
            t.setUserData(c);
            chartTabs.getTabs().add(t);
        }
        Label legend = new Label("Quality ×100 (Ave = macro mean over benchmarks, Qual = mean over prompts); Cost = total on test; "
                + "cost ratio = cost per prompt ÷ best single model's; best per column in green (oracle excluded). "
                + "vs best single / vs FineRouter: Qual difference paired over the same test prompts ± one standard error; "
                + "bold where it is beyond two standard errors (a smaller one this test split cannot tell from noise).");
        legend.setWrapText(true);
        legend.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // two lines when the window is narrow, never "…"
        legend.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 11px");
        Label verdict = new Label();
        verdict.setId("dashboard-verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verdict.textProperty().bind(vm.verdictProperty());
        verdict.visibleProperty().bind(vm.verdictProperty().isNotEmpty());
        verdict.managedProperty().bind(verdict.visibleProperty());
        verdict.setStyle("-fx-font-weight: bold");
        VBox gridBox = new VBox(4, verdict, table, legend);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        Label standardCaption = new Label();
        standardCaption.setWrapText(true);
        standardCaption.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 11px");
        VBox standardBox = new VBox(4, new Label("Evaluate or open a report first."), standardCaption);
        TabPane tables = new TabPane(new Tab("Table 1", gridBox), new Tab("Standard metrics (RouteLLM, RouterBench)", standardBox));
        tables.setId("dashboard-tables");
        tables.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        vm.reportProperty().addListener((o, a, r) -> {
            if (r != null) {
                List<StandardMetricsTable.Row> rows = StandardMetricsTable.rows(r);
                TableView<StandardMetricsTable.Row> standard = StandardMetricsTable.view(rows);
                VBox.setVgrow(standard, javafx.scene.layout.Priority.ALWAYS);
                standardCaption.setText(StandardMetricsTable.caption(rows));
                standardBox.getChildren().setAll(standard, standardCaption);
            } else {
                standardCaption.setText("");
                standardBox.getChildren().setAll(new Label("Evaluate or open a report first."), standardCaption);
            }
        });
        SplitPane split = new SplitPane(tables, chartTabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
        setCenter(split);
        vm.gridProperty().addListener((o, a, g) -> rebuildColumns(g));
        vm.reportProperty().addListener((o, a, r) -> refreshCharts(r));
    }

    private HBox toolbar() {
        ChoiceBox<EvaluationSuite.Scope> scope = new ChoiceBox<>(FXCollections.observableArrayList(EvaluationSuite.Scope.values()));
        scope.setId("dashboard-scope");
        scope.valueProperty().bindBidirectional(vm.scopeProperty());
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(EvaluationSuite.Scope s) {
                return s == null ? "" : s == EvaluationSuite.Scope.QUICK ? "quick: single models, oracle, FineRouter"
                        : "full: + every baseline and ablation";
            }

            @Override
            public EvaluationSuite.Scope fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        scope.disableProperty().bind(vm.runningProperty());
        Button evaluate = new Button("Evaluate");
        evaluate.setId("dashboard-evaluate");
        evaluate.disableProperty().bind(vm.readyProperty().not().or(vm.runningProperty()));
        evaluate.setOnAction(e -> vm.evaluate());
        Button cancel = new Button("Cancel");
        cancel.setId("dashboard-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button open = new Button("Open report…");
        open.setId("dashboard-open");
        open.setTooltip(new javafx.scene.control.Tooltip("Show an evaluation.json written by 'finerouter eval'"));
        open.disableProperty().bind(vm.runningProperty());
        open.setOnAction(e -> openReport());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());
        busy.progressProperty().bind(vm.progressProperty());
        MenuButton export = new MenuButton("Export chart");
        export.setId("dashboard-export");
        export.disableProperty().bind(vm.reportProperty().isNull());
        MenuItem png = new MenuItem("Selected chart as PNG…");
        png.setId("dashboard-export-png");
        png.setOnAction(e -> exportPng());
        MenuItem svg = new MenuItem(vm.canExportVector() ? "Selected chart as " + vm.vectorExtension().orElseThrow().toUpperCase(Locale.ROOT) + "…"
                : "Selected chart as SVG… (not available in this build)");
        svg.setId("dashboard-export-svg");
        svg.setDisable(!vm.canExportVector());
        svg.setOnAction(e -> exportVector());
        export.getItems().addAll(png, svg);
        Label status = new Label();
        status.setId("dashboard-status");
        status.textProperty().bind(vm.statusProperty());
        status.setStyle("-fx-text-fill: -color-fg-muted");
        HBox bar = new HBox(10, new Label("Routers"), scope, evaluate, cancel, busy, open, export, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** The selected chart. */
    public DashboardChart selectedChart() {
        return (DashboardChart) chartTabs.getSelectionModel().getSelectedItem().getUserData();
    }

    /** Selects the tab of {@code chart}. */
    public void selectChart(DashboardChart chart) {
        chartTabs.getTabs().stream().filter(t -> t.getUserData() == chart).findFirst()
                .ifPresent(t -> chartTabs.getSelectionModel().select(t));
    }

    private void openReport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open evaluation report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("evaluation.json", "*.json"));
        java.io.File f = chooser.showOpenDialog(window());
        if (f != null) {
            vm.open(f.toPath());
        }
    }

    private void exportPng() {
        DashboardChart c = selectedChart();
        Path target = saveDialog.ask(new SaveDialog.Request(window(), "Export chart as PNG", c.fileStem() + ".png",
                List.of(new FileChooser.ExtensionFilter("PNG image (*.png)", "*.png"))));
        if (target == null) {
            return;
        }
        try {
            PngSnapshot.write(charts.get(c), target);
            vm.statusProperty().set("Wrote " + target);
        } catch (EngineException ex) {
            Dialogs.error(window(), "Export failed", "Cannot write the chart", ex.getMessage(), ex, b -> { });
        }
    }

    private void exportVector() {
        DashboardChart c = selectedChart();
        String ext = vm.vectorExtension().orElseThrow();
        Path target = saveDialog.ask(new SaveDialog.Request(window(), "Export chart as " + ext.toUpperCase(Locale.ROOT),
                c.fileStem() + "." + ext, List.of(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT) + " (*." + ext + ")", "*." + ext))));
        if (target == null) {
            return;
        }
        try {
            vm.exportVector(c, target);
            vm.statusProperty().set("Wrote " + target);
        } catch (EngineException ex) {
            Dialogs.error(window(), "Export failed", "Cannot write the chart", ex.getMessage(), ex, b -> { });
        }
    }

    private void rebuildColumns(EvaluationGrid g) {
        table.getColumns().clear();
        if (g == null) {
            return;
        }
        TableColumn<EvaluationGrid.Row, String> name = Tables.column("Router", r -> r.router());
        name.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                EvaluationGrid.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty || item == null ? null : item);
                setStyle(r != null && r.kind() == RouterKind.FULL ? "-fx-font-weight: bold" : "");
            }
        });
        name.setPrefWidth(250);
        table.getColumns().add(name);
        TableColumn<EvaluationGrid.Row, String> kind = Tables.column("group", r -> groupName(r.kind()));
        kind.setPrefWidth(95);
        table.getColumns().add(kind);
        for (int c = 0; c < g.columnCount(); c++) {
            int column = c;
            TableColumn<EvaluationGrid.Row, Double> col = new TableColumn<>(g.columnName(c));
            col.setPrefWidth(82);
            col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().value(column)));
            col.setStyle("-fx-alignment: CENTER-RIGHT;");
            col.setCellFactory(x -> new TableCell<>() {
                @Override
                protected void updateItem(Double v, boolean empty) {
                    super.updateItem(v, empty);
                    EvaluationGrid.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                    if (empty || v == null || r == null) {
                        setText(null);
                        setStyle("");
                        return;
                    }
                    setText(g.format(column, v));
                    setStyle(g.isBest(r, column) ? "-fx-font-weight: bold; -fx-text-fill: -color-success-fg; -fx-background-color: -color-success-subtle"
                            : "");
                }
            });
            table.getColumns().add(col);
            if (column == g.qualColumn() && g.hasPairedDifferences()) { // Qual's uncertainty beside it
                table.getColumns().add(pairedColumn("vs best single", EvaluationGrid.Row::versusBestSingle));
                table.getColumns().add(pairedColumn("vs FineRouter", EvaluationGrid.Row::versusFull));
            }
        }
        dev.finerouter.app.common.Look.fitHeaders(table);
    }

    /** A column of paired differences: "+1.23 ± 0.45", bold where the difference is beyond two standard errors. */
    private static TableColumn<EvaluationGrid.Row, PairedDifference> pairedColumn(String title,
                                                                                 java.util.function.Function<EvaluationGrid.Row, PairedDifference> value) {
        TableColumn<EvaluationGrid.Row, PairedDifference> col = Tables.column(title, value);
        col.setPrefWidth(110);
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        col.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(PairedDifference d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.formatted());
                setStyle(!empty && d != null && d.beyondTwoStandardErrors() ? "-fx-font-weight: bold" : "");
            }
        });
        col.setComparator(java.util.Comparator.comparingDouble(d -> d.n() == 0 ? Double.NEGATIVE_INFINITY : d.mean()));
        return col;
    }

    private static String groupName(RouterKind k) {
        return switch (k) {
            case SINGLE_MODEL -> "single model";
            case BASELINE -> "baseline";
            case ABLATION -> "ablation";
            case FULL -> "FineRouter";
        };
    }

    private void refreshCharts(EvaluationReport r) {
        if (r == null) {
            costQuality.getData().clear();
            share.getData().clear();
            benchmarks.getData().clear();
            return;
        }
        costQuality.show(vm.costQuality());
        costQuality.setCostLabel(r.pricesKnown() ? "cost per prompt (USD)" : "calls per prompt");
        share.show(vm.shareRouters().stream().map(RouterResult::name).toList(), r.models(), vm.modelColours(), vm.shares());
        benchmarks.show(vm.benchmarkCategories(), vm.benchmarkBars());
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}

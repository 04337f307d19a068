package dev.finerouter.app.drift;

import dev.finerouter.app.common.Dialogs;
import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.SaveDialog;
import dev.finerouter.app.common.Spinners;
import dev.finerouter.app.common.Tables;
import dev.finerouter.engine.replay.ReplayReport;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Drift tab: "Review proposals" (find new tasks in a decision log, or open proposals.json + its bundle; tick
 * Accept, write a new bundle version) and "Replay" (a decision log replayed with a bundle, compared with what was
 * logged).
 */
public final class DriftView extends TabPane {
    private final DriftReviewViewModel review;
    private final FindTasksViewModel find;
    private final ReplayViewModel replay;
    private final SaveDialog saveDialog;

    /** Builds both sub-views. */
    public DriftView(DriftReviewViewModel review, FindTasksViewModel find, ReplayViewModel replay, SaveDialog saveDialog) {
        this.review = review;
        this.find = find;
        this.replay = replay;
        this.saveDialog = saveDialog;
        setId("drift");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        Tab reviewTab = new Tab("Review proposals", reviewPane());
        reviewTab.setId("drift-review-tab");
        Tab replayTab = new Tab("Replay", replayPane());
        replayTab.setId("drift-replay-tab");
        getTabs().addAll(reviewTab, replayTab);
    }

    // ---- review --------------------------------------------------------------------------------------------------

    private Node reviewPane() {
        TextField proposalsField = pathField("drift-proposals-path", "proposals.json from discover --incremental");
        TextField bundleField = pathField("drift-bundle-path", "the bundle the proposals were made against (filled from the file when found)");
        Button browseProposals = new Button("Open proposals…");
        browseProposals.setId("drift-browse-proposals");
        browseProposals.setOnAction(e -> {
            Path p = openFile("Open drift proposals", new FileChooser.ExtensionFilter("Drift proposals (proposals.json)", "*.json"));
            if (p != null) {
                proposalsField.setText(p.toString());
                Path b = DriftReviewViewModel.bundleNamedBy(p);
                if (b != null) {
                    bundleField.setText(b.toString());
                }
                review.open(p, blankToNull(bundleField.getText()));
            }
        });
        HBox bundleButtons = bundleButtons(bundleField, "drift-browse-bundle");
        Button open = new Button("Load");
        open.setId("drift-open");
        open.disableProperty().bind(proposalsField.textProperty().isEmpty().or(review.busyProperty()));
        open.setOnAction(e -> review.open(Path.of(proposalsField.getText().trim()), blankToNull(bundleField.getText())));
        review.bundlePathProperty().addListener((o, a, b) -> {
            if (b != null) {
                bundleField.setText(b.toString());
            }
        });
        review.proposalsPathProperty().addListener((o, a, p) -> {
            if (p != null) {
                proposalsField.setText(p.toString());
            }
        });

        GridPane files = new GridPane();
        files.setHgap(8);
        files.setVgap(6);
        files.addRow(0, new Label("Proposals"), proposalsField, new HBox(6, browseProposals, open));
        files.addRow(1, new Label("Bundle"), bundleField, bundleButtons);
        GridPane.setHgrow(proposalsField, Priority.ALWAYS);
        GridPane.setHgrow(bundleField, Priority.ALWAYS);

        TableView<DriftReviewViewModel.Row> table = Tables.table("");
        ((Label) table.getPlaceholder()).textProperty().bind(review.proposalsPlaceholder());
        table.setId("drift-proposals");
        table.setEditable(true);
        TableColumn<DriftReviewViewModel.Row, Boolean> accept = new TableColumn<>("Accept");
        accept.setCellValueFactory(c -> c.getValue().acceptProperty());
        accept.setCellFactory(CheckBoxTableCell.forTableColumn(accept));
        accept.setEditable(true);
        accept.setMaxWidth(70);
        accept.setMinWidth(60);
        TableColumn<DriftReviewViewModel.Row, String> id = Tables.column("Id", r -> r.proposal().id());
        id.setMaxWidth(80);
        TableColumn<DriftReviewViewModel.Row, Integer> size = Tables.column("Size", r -> r.proposal().size(), n -> Format.count(n));
        size.setMaxWidth(70);
        TableColumn<DriftReviewViewModel.Row, String> summary = Tables.column("Summary", r -> r.proposal().summary());
        summary.setPrefWidth(300);
        TableColumn<DriftReviewViewModel.Row, String> candidates = Tables.column("Candidates", DriftReviewViewModel.Row::candidates);
        candidates.setPrefWidth(200);
        TableColumn<DriftReviewViewModel.Row, String> nearest = Tables.column("Nearest existing task", r -> r.proposal().nearestTask());
        nearest.setPrefWidth(220);
        TableColumn<DriftReviewViewModel.Row, Double> similarity = Tables.column("Similarity", r -> r.proposal().nearestSimilarity(), Format::decimal);
        similarity.setMaxWidth(90);
        table.getColumns().setAll(List.of(accept, id, size, summary, candidates, nearest, similarity));
        table.setItems(review.rows());

        TextArea details = new TextArea();
        details.setId("drift-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPromptText("Select a proposal to see its example prompts and candidate ranks.");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> details.setText(r == null ? "" : DriftReviewViewModel.details(r.proposal())));
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);

        Button write = new Button("Write new bundle version…");
        write.setId("drift-write");
        write.disableProperty().bind(review.canWrite().not());
        write.setOnAction(e -> {
            Path target = saveDialog.ask(new SaveDialog.Request(window(), "Write new bundle version", "router-accepted.frb",
                    List.of(new FileChooser.ExtensionFilter("Router bundle (*.frb)", "*.frb"),
                            new FileChooser.ExtensionFilter("Folder (any name without .frb)", "*"))));
            if (target != null) {
                review.write(target);
            }
        });
        Label rule = new Label("Ticked proposals become new tasks of a new bundle version; unticked ones are rejected (simply not added). "
                + "The opened bundle is never changed.");
        rule.setWrapText(true);
        Button cancelWrite = new Button("Cancel");
        cancelWrite.setId("drift-write-cancel");
        cancelWrite.disableProperty().bind(review.busyProperty().not());
        cancelWrite.setOnAction(e -> review.cancel());
        ProgressIndicator busy = busyIndicator(review.busyProperty());
        HBox actions = new HBox(10, write, cancelWrite, busy, rule);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(rule, Priority.ALWAYS);

        Label status = new Label();
        status.setId("drift-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(review.statusProperty());
        TextArea summaryArea = new TextArea();
        summaryArea.setId("drift-summary");
        summaryArea.setEditable(false);
        summaryArea.setPrefRowCount(7);
        summaryArea.setMinHeight(150);
        summaryArea.setStyle("-fx-font-family: monospace");
        summaryArea.visibleProperty().bind(review.summaryProperty().isNotNull());
        summaryArea.managedProperty().bind(summaryArea.visibleProperty());
        review.summaryProperty().addListener((o, a, s) -> summaryArea.setText(s == null ? "" : s.text()));
        review.failureProperty().addListener((o, a, t) -> {
            if (t != null) {
                Dialogs.error(window(), "Drift review", "Drift review failed", t.getMessage(), t, null);
            }
        });

        VBox box = new VBox(8, findPane(), files, status, split, actions, summaryArea);
        box.setPadding(new Insets(10));
        return box;
    }

    /** "Find new tasks in a decision log…": log, bundle, the CLI's options, Run / Cancel with progress. */
    private Node findPane() {
        TextField logField = pathField("drift-find-log", "decision log folder (serve --decision-log DIR --log-prompts full) or one decisions-*.jsonl file");
        Button logFile = new Button("File…");
        logFile.setId("drift-find-log-file");
        logFile.setOnAction(e -> setIfChosen(logField, saveDialog.askToOpen(new SaveDialog.Request(window(), "Decision log file", "",
                List.of(new FileChooser.ExtensionFilter("Decision log (*.jsonl)", "*.jsonl"), new FileChooser.ExtensionFilter("All files", "*"))))));
        Button logDir = new Button("Folder…");
        logDir.setId("drift-find-log-folder");
        logDir.setOnAction(e -> setIfChosen(logField, openFolder("Decision log folder")));
        TextField bundleField = pathField("drift-find-bundle", "");
        bundleField.promptTextProperty().bind(Bindings.createStringBinding(() -> {
            Path open = find.workspaceBundleProperty().get();
            return open == null ? "the deployed bundle the log was routed with" : "default: the opened bundle " + open;
        }, find.workspaceBundleProperty()));

        Spinner<Double> novelty = Spinners.ofDouble(find.noveltyProperty(), -0.99, 1, 0.05);
        novelty.setId("drift-find-novelty");
        novelty.setTooltip(new Tooltip("Propose a community when its center's cosine to every bundle task is below this (--novelty)"));
        Spinner<Integer> minSize = Spinners.ofInt(find.minTaskSizeProperty(), 1, 500, 1);
        minSize.setId("drift-find-min-size");
        minSize.setTooltip(new Tooltip("Smaller communities go to Others (--min-task-size)"));
        CheckBox allLogged = new CheckBox("every logged prompt, not only those flagged drift");
        allLogged.setId("drift-find-all-logged");
        allLogged.setTooltip(new Tooltip("Off: only prompts routed to Others or with a low task probability (--all-logged)"));
        allLogged.selectedProperty().bindBidirectional(find.allLoggedProperty());
        HBox options = new HBox(8, new Label("novelty below"), novelty, new Label("min task size"), minSize, allLogged);
        options.setAlignment(Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Decision log"), logField, new HBox(6, logFile, logDir));
        grid.addRow(1, new Label("Bundle"), bundleField, bundleButtons(bundleField, "drift-find-bundle-browse"));
        grid.addRow(2, new Label("Options"), options);
        GridPane.setColumnSpan(options, 2);
        GridPane.setHgrow(logField, Priority.ALWAYS);

        Button run = new Button("Find new tasks…");
        run.setId("drift-find-run");
        run.setTooltip(new Tooltip("Cluster the logged prompts against the bundle's tasks, write proposals.json and open it below"));
        run.disableProperty().bind(logField.textProperty().isEmpty().or(find.busyProperty()).or(review.busyProperty())
                .or(bundleField.textProperty().isEmpty().and(find.workspaceBundleProperty().isNull())));
        run.setOnAction(e -> {
            Path target = saveDialog.ask(new SaveDialog.Request(window(), "Write drift proposals", "proposals.json",
                    List.of(new FileChooser.ExtensionFilter("Drift proposals (*.json)", "*.json"))));
            if (target != null) {
                find.run(Path.of(logField.getText().trim()), blankToNull(bundleField.getText()), target);
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setId("drift-find-cancel");
        cancel.disableProperty().bind(find.busyProperty().not());
        cancel.setOnAction(e -> find.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setId("drift-find-progress");
        bar.progressProperty().bind(find.progressProperty());
        bar.visibleProperty().bind(find.busyProperty());
        Label status = new Label();
        status.setId("drift-find-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(find.statusProperty());
        HBox actions = new HBox(10, run, cancel, bar, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        find.failureProperty().addListener((o, a, t) -> {
            if (t != null) {
                Dialogs.error(window(), "Find new tasks", "Finding new tasks failed", Format.withHint(t), t, null);
            }
        });

        TitledPane pane = new TitledPane("Find new tasks in a decision log…", new VBox(8, grid, actions));
        pane.setId("drift-find-pane");
        pane.setExpanded(false);
        return pane;
    }

    // ---- replay --------------------------------------------------------------------------------------------------

    private Node replayPane() {
        TextField logField = pathField("replay-log-path", "decision log folder (serve --decision-log) or one decisions-*.jsonl file");
        TextField bundleField = pathField("replay-bundle-path", "the bundle to replay the log with (a newly written bundle version is filled in)");
        review.summaryProperty().addListener((o, a, s) -> {
            if (s != null) {
                bundleField.setText(s.target().toString());
            }
        });
        TextField dataField = pathField("replay-data-path", "optional dataset with true scores (default: the open dataset, if any)");
        Button logFile = new Button("File…");
        logFile.setOnAction(e -> setIfChosen(logField, openFile("Decision log file", new FileChooser.ExtensionFilter("Decision log (*.jsonl)", "*.jsonl"))));
        Button logDir = new Button("Folder…");
        logDir.setOnAction(e -> setIfChosen(logField, openFolder("Decision log folder")));
        Button dataFile = new Button("File…");
        dataFile.setOnAction(e -> setIfChosen(dataField, openFile("Dataset with true scores",
                new FileChooser.ExtensionFilter("Routing data (*.jsonl, *.csv)", "*.jsonl", "*.csv"))));
        GridPane files = new GridPane();
        files.setHgap(8);
        files.setVgap(6);
        files.addRow(0, new Label("Decision log"), logField, new HBox(6, logFile, logDir));
        files.addRow(1, new Label("Bundle"), bundleField, bundleButtons(bundleField, "replay-browse-bundle"));
        files.addRow(2, new Label("Dataset"), dataField, dataFile);
        GridPane.setHgrow(logField, Priority.ALWAYS);

        Button run = new Button("Replay");
        run.setId("replay-run");
        run.disableProperty().bind(logField.textProperty().isEmpty().or(bundleField.textProperty().isEmpty()).or(replay.busyProperty()));
        run.setOnAction(e -> replay.run(Path.of(logField.getText().trim()), Path.of(bundleField.getText().trim()), blankToNull(dataField.getText())));
        Button export = new Button("Export report…");
        export.setId("replay-export");
        export.disableProperty().bind(replay.canExport().not());
        export.setOnAction(e -> {
            Path target = saveDialog.ask(new SaveDialog.Request(window(), "Export replay report", "replay.md",
                    List.of(new FileChooser.ExtensionFilter("Markdown (*.md)", "*.md"), new FileChooser.ExtensionFilter("JSON (*.json)", "*.json"))));
            if (target != null) {
                replay.export(target);
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setId("replay-cancel");
        cancel.disableProperty().bind(replay.busyProperty().not());
        cancel.setOnAction(e -> replay.cancel());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(replay.progressProperty());
        bar.visibleProperty().bind(replay.busyProperty());
        CheckBox logged = new CheckBox("under each request's logged policy");
        logged.setTooltip(new Tooltip("Off: the bundle's own default policy (e.g. a calibrated one), as 'finerouter replay' does"));
        logged.selectedProperty().bindBidirectional(replay.loggedPolicyProperty());
        HBox actions = new HBox(10, run, cancel, bar, export, logged);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("replay-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.setStyle("-fx-font-weight: bold");
        status.textProperty().bind(replay.statusProperty());
        Label source = new Label();
        source.textProperty().bind(Bindings.createStringBinding(() -> {
            ReplayReport r = replay.reportProperty().get();
            return r == null ? "" : String.format(Locale.ROOT, "Bundle id %s; logged by %s; %d records, cost logged %s → replayed %s; %s.", r.bundleId(),
                    String.join(", ", r.loggedBundleIds()), r.records(), Format.cost(r.costOld()), Format.cost(r.costNew()),
                    replay.scoreSourceProperty().get());
        }, replay.reportProperty(), replay.scoreSourceProperty()));
        source.setWrapText(true);
        source.setMinHeight(Region.USE_PREF_SIZE);
        replay.failureProperty().addListener((o, a, t) -> {
            if (t != null) {
                Dialogs.error(window(), "Replay", "Replay failed", t.getMessage(), t, null);
            }
        });

        TableView<ReplayReport.TaskAgreement> tasks = Tables.table("Agreement per logged task appears here.");
        tasks.setId("replay-tasks");
        TableColumn<ReplayReport.TaskAgreement, Integer> taskPrompts = Tables.column("Prompts", ReplayReport.TaskAgreement::prompts, n -> Format.count(n));
        taskPrompts.setMaxWidth(90);
        TableColumn<ReplayReport.TaskAgreement, Double> taskShare = Tables.column("Agreement", ReplayReport.TaskAgreement::share, Format::percent);
        taskShare.setMaxWidth(100);
        TableColumn<ReplayReport.TaskAgreement, String> taskName = Tables.column("Logged task", ReplayReport.TaskAgreement::task);
        taskName.setPrefWidth(480);
        tasks.getColumns().setAll(List.of(taskName, taskPrompts, taskShare));
        tasks.setItems(replay.perTask());
        TableView<ReplayViewModel.MoveRow> moves = Tables.table("");
        ((Label) moves.getPlaceholder()).textProperty().bind(replay.movesPlaceholder());
        moves.setId("replay-moves");
        TableColumn<ReplayViewModel.MoveRow, Integer> movePrompts = Tables.column("Prompts", ReplayViewModel.MoveRow::prompts, n -> Format.count(n));
        movePrompts.setMaxWidth(90);
        moves.getColumns().setAll(List.of(Tables.column("Logged → replayed", ReplayViewModel.MoveRow::move), movePrompts));
        moves.setItems(replay.moves());
        TableView<ReplayViewModel.ShareRow> shares = Tables.table("Model shares appear here.");
        shares.setId("replay-shares");
        shares.getColumns().setAll(List.of(Tables.column("Model", ReplayViewModel.ShareRow::model),
                Tables.column("Logged", ReplayViewModel.ShareRow::logged, Format::percent),
                Tables.column("Replayed", ReplayViewModel.ShareRow::replayed, Format::percent),
                Tables.column("Change", ReplayViewModel.ShareRow::change, v -> String.format(Locale.ROOT, "%+.1f pp", 100 * v))));
        shares.setItems(replay.shares());
        SplitPane right = new SplitPane(titled("Model moves", moves), titled("Model shares", shares));
        right.setOrientation(Orientation.VERTICAL);
        SplitPane tables = new SplitPane(titled("Agreement per logged task", tasks), right);
        tables.setDividerPositions(0.6);
        VBox.setVgrow(tables, Priority.ALWAYS);

        VBox box = new VBox(8, files, actions, status, source, tables);
        box.setPadding(new Insets(10));
        return box;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Node titled(String title, Node content) {
        Label l = new Label(title);
        l.setStyle("-fx-font-weight: bold");
        BorderPane p = new BorderPane(content);
        p.setTop(l);
        BorderPane.setMargin(l, new Insets(0, 0, 4, 0));
        return p;
    }

    private HBox bundleButtons(TextField field, String idPrefix) {
        Button file = new Button("File…");
        file.setId(idPrefix + "-file");
        file.setOnAction(e -> setIfChosen(field, openFile("Router bundle", new FileChooser.ExtensionFilter("Router bundle (*.frb)", "*.frb"))));
        Button folder = new Button("Folder…");
        folder.setId(idPrefix + "-folder");
        folder.setOnAction(e -> setIfChosen(field, openFolder("Router bundle folder")));
        return new HBox(6, file, folder);
    }

    private static TextField pathField(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(50);
        return f;
    }

    private static ProgressIndicator busyIndicator(javafx.beans.value.ObservableBooleanValue busy) {
        ProgressIndicator p = new ProgressIndicator();
        p.setPrefSize(22, 22);
        p.visibleProperty().bind(Bindings.createBooleanBinding(busy::get, busy));
        return p;
    }

    private static void setIfChosen(TextField field, Path p) {
        if (p != null) {
            field.setText(p.toString());
        }
    }

    private static Path blankToNull(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }

    private Path openFile(String title, FileChooser.ExtensionFilter filter) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new ArrayList<>(List.of(filter, new FileChooser.ExtensionFilter("All files", "*"))));
        File f = chooser.showOpenDialog(window());
        return f == null ? null : f.toPath();
    }

    private Path openFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File f = chooser.showDialog(window());
        return f == null ? null : f.toPath();
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}

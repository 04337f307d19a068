package dev.finerouter.app.shell;

import dev.finerouter.app.common.Look;
import dev.finerouter.app.common.Dialogs;
import dev.finerouter.app.dataset.StatisticsView;
import dev.finerouter.app.graph.TaskGraphPane;
import dev.finerouter.app.inspector.InspectorView;
import dev.finerouter.app.pipeline.PipelineView;
import dev.finerouter.app.preferences.PreferencesView;
import dev.finerouter.app.preferences.PreferencesViewModel;
import dev.finerouter.engine.io.DataFormatException;
import dev.finerouter.engine.io.ImportReport;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

/**
 * The main window's content: menu (File → Open dataset…, Open folder…, Open recent, Preferences, Quit), the feature
 * tabs, and the status bar (dataset, cache folder, device). Shows load errors and lenient-import summaries.
 */
public final class ShellView extends BorderPane {
    /** The button of the load-error dialog that retries skipping bad rows. */
    public static final ButtonType LOAD_LENIENTLY = new ButtonType("Load leniently (skip bad rows)", ButtonBar.ButtonData.OTHER);

    private final ShellViewModel vm;
    private final TabPane tabs = new TabPane();
    private final Menu recentMenu = new Menu("Open recent");
    private final Menu recentBundlesMenu = new Menu("Open recent router bundle");
    private MenuItem prefsItem;
    private final Menu viewMenu = new Menu("View");
    private final HBox exportProgress = new HBox(6);
    private java.util.function.Consumer<String> linkOpener = url -> { };
    private boolean quitConfirmed;

    /** Builds the shell around the feature views. */
    public ShellView(ShellViewModel vm, StatisticsView stats, PipelineView pipeline, TaskGraphPane graph, InspectorView inspector) {
        this.vm = vm;
        getStylesheets().add(ShellView.class.getResource("/dev/finerouter/app/workbench.css").toExternalForm());
        Look.applyTheme(vm.darkModeProperty().get());
        vm.darkModeProperty().addListener((o, a, d) -> Look.applyTheme(d));
        setTop(menu());
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(tab("Dataset", "tab-dataset", stats), tab("Pipeline", "tab-pipeline", pipeline),
                tab("Task graph", "tab-graph", graph), tab("Inspector", "tab-inspector", inspector));
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null && t.getContent() instanceof javafx.scene.Parent p) {
                Look.polish(p);
            }
        });
        setCenter(tabs);
        setBottom(statusBar());
        vm.failureProperty().addListener((o, a, f) -> {
            if (f != null) {
                showLoadFailure(f);
            }
        });
        vm.skippedProperty().addListener((o, a, r) -> {
            if (r != null) {
                showSkipped(r);
            }
        });
        vm.bundleFailureProperty().addListener((o, a, f) -> {
            if (f != null) {
                Dialogs.error(window(), "Cannot open router bundle", "Cannot open " + f.path().getFileName(),
                        String.valueOf(f.error().getMessage()), f.error(), b -> { });
            }
        });
    }

    /** Selects the tab with the given id ({@code tab-dataset}, {@code tab-pipeline}, {@code tab-graph}, {@code tab-inspector}). */
    public void showTab(String id) {
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /**
     * Adds File → Export router bundle… (before Preferences): a save dialog (a name ending in .frb gives one file,
     * anything else a folder) asked through {@code saveDialog}, then the export's summary or error in a dialog.
     */
    public void addExport(dev.finerouter.app.bundle.ExportViewModel export, dev.finerouter.app.common.SaveDialog saveDialog) {
        MenuItem item = new MenuItem("Export router bundle…");
        item.setId("menu-export");
        item.disableProperty().bind(export.canExport().not());
        item.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(-1);
        bar.setPrefWidth(120);
        Label exporting = new Label("Exporting the router bundle…");
        javafx.scene.control.Button cancelExport = new javafx.scene.control.Button("Cancel");
        cancelExport.setId("export-cancel");
        cancelExport.setOnAction(e -> export.cancel());
        exportProgress.getChildren().setAll(bar, exporting, cancelExport);
        exportProgress.setId("export-progress");
        exportProgress.visibleProperty().bind(export.busyProperty());
        exportProgress.managedProperty().bind(exportProgress.visibleProperty());
        item.setOnAction(e -> {
            Path target = saveDialog.ask(new dev.finerouter.app.common.SaveDialog.Request(window(), "Export router bundle", "router.frb",
                    java.util.List.of(new FileChooser.ExtensionFilter("Router bundle (*.frb)", "*.frb"),
                            new FileChooser.ExtensionFilter("Folder (any name without .frb)", "*"))));
            if (target != null) {
                export.export(target);
            }
        });
        export.summaryProperty().addListener((o, a, s) -> {
            if (s != null) {
                Dialogs.info(window(), "Router bundle", "Exported " + s.target().getFileName(), s.text(), null);
            }
        });
        export.failureProperty().addListener((o, a, t) -> {
            if (t != null) {
                Dialogs.error(window(), "Export failed", "Cannot export the router bundle", t.getMessage(), t, b -> { });
            }
        });
        Menu file = ((MenuBar) getTop()).getMenus().get(0);
        int at = file.getItems().indexOf(prefsItem);
        file.getItems().add(at, item);
        file.getItems().add(at + 1, new javafx.scene.control.SeparatorMenuItem());
    }

    /**
     * Adds File → Onboard a model… (after Export router bundle…): a window with the onboarding steps over the opened
     * bundle ({@link dev.finerouter.app.onboard.OnboardView}), created once and shown again on each use.
     */
    public void addOnboard(dev.finerouter.app.onboard.OnboardViewModel onboard, dev.finerouter.app.common.SaveDialog saveDialog) {
        MenuItem item = new MenuItem("Onboard a model…");
        item.setId("menu-onboard");
        item.setOnAction(e -> onboardWindow(onboard, saveDialog).show());
        Menu file = ((MenuBar) getTop()).getMenus().get(0);
        file.getItems().add(file.getItems().indexOf(prefsItem) - 1, item);
    }

    private javafx.stage.Stage onboardStage;

    /** The onboarding window (one per workbench), visible for UI tests. */
    public javafx.stage.Stage onboardWindow(dev.finerouter.app.onboard.OnboardViewModel onboard, dev.finerouter.app.common.SaveDialog saveDialog) {
        if (onboardStage == null) {
            onboardStage = new javafx.stage.Stage();
            onboardStage.setTitle("Onboard a model into the opened router bundle");
            if (window() != null) {
                onboardStage.initOwner(window());
            }
            javafx.scene.Scene scene = new javafx.scene.Scene(new dev.finerouter.app.onboard.OnboardView(onboard, saveDialog));
            scene.getStylesheets().add(ShellView.class.getResource("/dev/finerouter/app/workbench.css").toExternalForm());
            onboardStage.setScene(scene);
        }
        return onboardStage;
    }

    /** Adds a feature tab after the built-in ones. */
    public void addTab(String title, String id, javafx.scene.Node content) {
        tabs.getTabs().add(tab(title, id, content));
    }

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    private MenuBar menu() {
        MenuItem open = new MenuItem("Open dataset…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseFile());
        MenuItem openFolder = new MenuItem("Open dataset folder…");
        openFolder.setOnAction(e -> chooseFolder());
        vm.recentFiles().addListener((ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();
        MenuItem openBundle = new MenuItem("Open router bundle…");
        openBundle.setId("menu-open-bundle");
        openBundle.setAccelerator(KeyCombination.keyCombination("Shortcut+B"));
        openBundle.setOnAction(e -> chooseBundle());
        MenuItem openBundleFolder = new MenuItem("Open router bundle folder…");
        openBundleFolder.setOnAction(e -> chooseBundleFolder());
        vm.recentBundles().addListener((ListChangeListener<Path>) c -> rebuildRecentBundles());
        rebuildRecentBundles();
        MenuItem prefs = new MenuItem("Preferences…");
        prefsItem = prefs;
        prefs.setOnAction(e -> {
            new PreferencesView(window(), new PreferencesViewModel(vm.preferences())).showAndWait();
            vm.refreshPreferences();
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> {
            if (window() != null && confirmQuit()) {
                window().hide();
            }
        });
        Menu file = new Menu("File", null, open, openFolder, recentMenu, new javafx.scene.control.SeparatorMenuItem(), openBundle,
                openBundleFolder, recentBundlesMenu, new javafx.scene.control.SeparatorMenuItem(), prefs,
                new javafx.scene.control.SeparatorMenuItem(), quit);
        javafx.scene.control.CheckMenuItem dark = new javafx.scene.control.CheckMenuItem("Dark mode");
        dark.setId("menu-dark");
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        dark.selectedProperty().bindBidirectional(vm.darkModeProperty());
        viewMenu.getItems().addAll(dark, new javafx.scene.control.SeparatorMenuItem());
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setId("menu-shortcuts");
        keys.setAccelerator(KeyCombination.keyCombination("F1"));
        keys.setOnAction(e -> showShortcuts());
        MenuItem docs = new MenuItem("Documentation (docs/workbench.md)");
        docs.setId("menu-docs");
        docs.setOnAction(e -> {
            String uri = vm.docsUri();
            if (uri != null) {
                linkOpener.accept(uri);
            } else {
                Dialogs.info(window(), "Documentation", "Documentation", "The workbench is described in " + ShellViewModel.DOCS_PATH
                        + " of the FineRouter source tree (not found under " + java.nio.file.Path.of("").toAbsolutePath() + ").", null);
            }
        });
        MenuItem about = new MenuItem("About FineRouter Workbench");
        about.setId("menu-about");
        about.setOnAction(e -> {
            javafx.scene.control.Alert a = Dialogs.info(window(), "About", "FineRouter Workbench", vm.aboutText(), null);
            a.getDialogPane().setId("about-dialog");
        });
        Menu help = new Menu("Help", null, keys, docs, new javafx.scene.control.SeparatorMenuItem(), about);
        return new MenuBar(file, viewMenu, help);
    }

    /**
     * Finishes the menus once every tab is added: View → one item per tab (Ctrl+1 …), a Pipeline menu with Run
     * (Ctrl+R) and Train router (Ctrl+T); then gives the buttons their icons and tooltips.
     */
    public void finishMenus(Runnable runPipeline, Runnable trainRouter, javafx.beans.value.ObservableBooleanValue canRun,
                            javafx.beans.value.ObservableBooleanValue canTrain) {
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            Tab t = tabs.getTabs().get(i);
            MenuItem item = new MenuItem(t.getText());
            item.setId("menu-view-" + t.getId());
            if (i < 9) {
                item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (i + 1)));
            }
            item.setOnAction(e -> tabs.getSelectionModel().select(t));
            viewMenu.getItems().add(item);
        }
        MenuItem run = new MenuItem("Run Stage 1");
        run.setId("menu-run");
        run.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        run.setOnAction(e -> {
            showTab("tab-pipeline");
            runPipeline.run();
        });
        run.disableProperty().bind(javafx.beans.binding.Bindings.not(canRun));
        MenuItem train = new MenuItem("Train router");
        train.setId("menu-train");
        train.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        train.setOnAction(e -> {
            showTab("tab-pipeline");
            trainRouter.run();
        });
        train.disableProperty().bind(javafx.beans.binding.Bindings.not(canTrain));
        MenuBar bar = (MenuBar) getTop();
        bar.getMenus().add(2, new Menu("Pipeline", null, run, train));
        for (Tab t : tabs.getTabs()) {
            if (t.getContent() instanceof javafx.scene.Parent p) {
                Look.polish(p);
            }
        }
    }

    /** How Help → Documentation opens its link (the app uses its host services; none by default). */
    public void setLinkOpener(java.util.function.Consumer<String> opener) {
        linkOpener = opener;
    }

    /**
     * Whether quitting may go ahead: at once when no background work runs, else after the user confirms in a dialog
     * (the work is abandoned).
     */
    public boolean confirmQuit() {
        if (quitConfirmed || !vm.workRunning().get()) {
            return true;
        }
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "Background work is still running (pipeline, training, evaluation or export). Quitting abandons it.",
                ButtonType.CANCEL, ButtonType.OK);
        a.initOwner(window());
        a.setTitle("Quit");
        a.setHeaderText("Quit while work is running?");
        a.getDialogPane().setId("quit-dialog");
        quitConfirmed = a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        return quitConfirmed;
    }

    private void showShortcuts() {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        for (String[] s : ShellViewModel.SHORTCUTS) {
            Label key = new Label(s[0]);
            key.setStyle("-fx-font-weight: bold");
            grid.addRow(row++, key, new Label(s[1]));
        }
        javafx.scene.control.Alert a = Dialogs.info(window(), "Keyboard shortcuts", "Keyboard shortcuts", null, null);
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("shortcuts-dialog");
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : vm.recentFiles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.open(p, false));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void rebuildRecentBundles() {
        recentBundlesMenu.getItems().clear();
        for (Path p : vm.recentBundles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> vm.openBundle(p));
            recentBundlesMenu.getItems().add(item);
        }
        recentBundlesMenu.setDisable(recentBundlesMenu.getItems().isEmpty());
    }

    private void chooseBundle() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open router bundle");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Router bundle (*.frb)", "*.frb"),
                new FileChooser.ExtensionFilter("All files", "*"));
        vm.recentBundles().stream().findFirst().map(p -> p.toAbsolutePath().getParent()).map(Path::toFile)
                .filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            vm.openBundle(f.toPath());
        }
    }

    private void chooseBundleFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open router bundle folder");
        File f = chooser.showDialog(window());
        if (f != null) {
            vm.openBundle(f.toPath());
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open dataset");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Routing data (*.jsonl, *.csv)", "*.jsonl", "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*"));
        initialDir().ifPresent(chooser::setInitialDirectory);
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            vm.open(f.toPath(), false);
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open dataset folder");
        initialDir().ifPresent(chooser::setInitialDirectory);
        File f = chooser.showDialog(window());
        if (f != null) {
            vm.open(f.toPath(), false);
        }
    }

    private java.util.Optional<File> initialDir() {
        return vm.recentFiles().stream().findFirst().map(p -> p.toFile().isDirectory() ? p.toFile() : p.toFile().getParentFile())
                .filter(f -> f != null && f.isDirectory());
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private HBox statusBar() {
        Label dataset = new Label();
        dataset.setId("status-dataset");
        dataset.textProperty().bind(vm.datasetText());
        Label cache = new Label();
        cache.setId("status-cache");
        cache.textProperty().bind(vm.cacheTextProperty());
        Label bundle = new Label();
        bundle.setId("status-bundle");
        bundle.textProperty().bind(vm.bundleText());
        Label device = new Label(vm.deviceText());
        device.setId("status-device");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        exportProgress.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        exportProgress.setVisible(false);
        exportProgress.setManaged(false);
        javafx.scene.control.Hyperlink cancelLoad = new javafx.scene.control.Hyperlink("Cancel");
        cancelLoad.setId("status-cancel-load");
        cancelLoad.visibleProperty().bind(vm.loadingProperty());
        cancelLoad.managedProperty().bind(cancelLoad.visibleProperty());
        cancelLoad.setOnAction(e -> vm.cancelLoading());
        HBox bar = new HBox(10, dataset, cancelLoad, bundle, exportProgress, spring, cache, new Separator(javafx.geometry.Orientation.VERTICAL), device);
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.getStyleClass().add("fr-status-bar");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    private void showLoadFailure(ShellViewModel.LoadFailure f) {
        Throwable t = f.error();
        String content;
        if (t instanceof DataFormatException d) {
            StringBuilder sb = new StringBuilder();
            sb.append("File: ").append(d.file()).append('\n');
            if (d.line() > 0) {
                sb.append("Line: ").append(d.line()).append('\n');
            }
            if (d.field() != null) {
                sb.append("Field: ").append(d.field()).append('\n');
            }
            sb.append("Problem: ").append(d.problem()).append("\n\n");
            sb.append("Fix the line, or load leniently to skip bad rows and see a list of them.");
            content = sb.toString();
        } else {
            content = String.valueOf(t.getMessage());
        }
        boolean canRetry = t instanceof DataFormatException d && d.line() > 0;
        ButtonType[] extra = canRetry ? new ButtonType[]{LOAD_LENIENTLY} : new ButtonType[0];
        Dialogs.error(window(), "Cannot open dataset", "Cannot open " + f.path().getFileName(), content, t, b -> {
            if (b == LOAD_LENIENTLY) {
                vm.open(f.path(), true);
            }
        }, extra);
    }

    private void showSkipped(ImportReport r) {
        StringBuilder details = new StringBuilder("Skipped rows by field:\n");
        for (Map.Entry<String, Long> e : r.skippedByField().entrySet()) {
            details.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        details.append("\nFirst problems:\n");
        r.firstProblems().forEach(p -> details.append("  ").append(p).append('\n'));
        Dialogs.info(window(), "Rows skipped", r.rowsSkipped() + " of " + r.rowsRead() + " rows were skipped",
                r.rowsKept() + " rows were loaded. The skipped lines:", details.toString());
    }
}

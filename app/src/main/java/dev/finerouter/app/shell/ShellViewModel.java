package dev.finerouter.app.shell;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.OpenBundle;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.engine.data.DatasetStatistics;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.ImportReport;
import dev.finerouter.engine.io.LoadedDataset;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The shell's state: opening datasets (in the background, strict or lenient), recent files, and the status bar's
 * texts. Load failures and lenient skips are published as properties for the view to show as dialogs.
 */
public final class ShellViewModel {
    /**
     * A failed load.
     *
     * @param path what was opened
     * @param error why it failed ({@link dev.finerouter.engine.io.DataFormatException} for bad data)
     */
    public record LoadFailure(Path path, Throwable error) {
    }

    private final Workspace workspace;
    private final WorkbenchPreferences prefs;
    private final BackgroundTasks tasks;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObservableList<Path> recentBundles = FXCollections.observableArrayList();
    private final ObjectProperty<LoadFailure> bundleFailure = new SimpleObjectProperty<>(this, "bundleFailure");
    private final BooleanProperty darkMode = new SimpleBooleanProperty(this, "darkMode");

    /** The keyboard shortcuts (Help → Keyboard shortcuts), as key → action. "Shortcut" is Ctrl (⌘ on macOS). */
    public static final java.util.List<String[]> SHORTCUTS = java.util.List.of(
            new String[]{"Ctrl+O", "Open dataset…"},
            new String[]{"Ctrl+B", "Open router bundle…"},
            new String[]{"Ctrl+E", "Export router bundle…"},
            new String[]{"Ctrl+R", "Pipeline: run Stage 1"},
            new String[]{"Ctrl+T", "Pipeline: train the router"},
            new String[]{"Ctrl+Enter", "Playground: route the prompt"},
            new String[]{"Ctrl+1 … Ctrl+8", "Show the Dataset … Drift tab"},
            new String[]{"Ctrl+Shift+D", "Dark mode on/off"},
            new String[]{"F1", "This list"},
            new String[]{"Ctrl+Q", "Quit (asks while background work runs)"});

    /** The workbench's documentation, relative to the source tree (the launcher runs from its root). */
    public static final String DOCS_PATH = "docs/workbench.md";

    /** The documentation file as a URI when it is found under the working folder, else null. */
    public String docsUri() {
        java.nio.file.Path p = java.nio.file.Path.of(DOCS_PATH).toAbsolutePath().normalize();
        return java.nio.file.Files.isRegularFile(p) ? p.toUri().toString() : null;
    }
    private final ObjectProperty<LoadFailure> failure = new SimpleObjectProperty<>(this, "failure");
    private final ObjectProperty<ImportReport> skipped = new SimpleObjectProperty<>(this, "skipped");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    /** The running (or last) dataset or bundle load; {@link #cancelLoading()} cancels it. */
    private BackgroundTask<?> loadJob;
    private final StringProperty cacheText = new SimpleStringProperty(this, "cacheText");

    /** Creates the shell's state. */
    public ShellViewModel(Workspace workspace, WorkbenchPreferences prefs, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.prefs = prefs;
        this.tasks = tasks;
        recent.setAll(prefs.recentFiles());
        recentBundles.setAll(prefs.recentBundles());
        refreshPreferences();
        darkMode.set(prefs.darkMode());
        darkMode.addListener((o, a, d) -> prefs.setDarkMode(d));
    }

    /** The dark theme (PrimerDark) instead of the light one (PrimerLight); kept in the preferences. */
    public BooleanProperty darkModeProperty() {
        return darkMode;
    }

    /** Whether background work (a pipeline run, training, an evaluation, an export…) is under way: Quit asks first. */
    public javafx.beans.binding.BooleanBinding workRunning() {
        return tasks.activeCountProperty().greaterThan(0);
    }

    /** Help → About: the app, the engine and the runtime versions. */
    public String aboutText() {
        return "FineRouter Workbench " + dev.finerouter.engine.EngineVersion.get() + "\n"
                + "engine " + dev.finerouter.engine.EngineVersion.get() + "\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "?")) + "\n"
                + "theme AtlantaFX 2.0.1 (Primer), icons Ikonli 12.3.1 (Feather)\n\n"
                + "Documentation: " + DOCS_PATH + " in the source tree";
    }

    /**
     * Opens a router bundle ({@code .frb} file or folder) in the background with the engine's bundle reader (hashes
     * checked); the graph, inspector and playground then work from it without retraining. A failure is published
     * through {@link #bundleFailureProperty()}.
     */
    public void openBundle(Path path) {
        cancelLoading();
        loading.set(true);
        loadJob = tasks.run(job -> OpenBundle.read(path), b -> {
            loading.set(false);
            workspace.bundleProperty().set(b);
            prefs.addRecentBundle(path);
            recentBundles.setAll(prefs.recentBundles());
        }, t -> {
            loading.set(false);
            bundleFailure.set(null);
            bundleFailure.set(new LoadFailure(path, t));
        }).onCancelled(() -> loading.set(false));
    }

    /** Cancels a running dataset or bundle load: nothing is opened, what is open stays. */
    public void cancelLoading() {
        if (loadJob != null) {
            loadJob.cancel();
        }
    }

    /** Recent router bundles, newest first. */
    public ObservableList<Path> recentBundles() {
        return recentBundles;
    }

    /** The latest failure to open a router bundle (set anew on each failure). */
    public ObjectProperty<LoadFailure> bundleFailureProperty() {
        return bundleFailure;
    }

    /** The window title: what is open (router bundle, dataset). */
    public StringBinding title() {
        return Bindings.createStringBinding(() -> {
            StringBuilder sb = new StringBuilder("FineRouter Workbench");
            OpenBundle b = workspace.bundleProperty().get();
            DatasetSnapshot s = workspace.datasetProperty().get();
            if (b != null) {
                sb.append(" — bundle ").append(b.name());
            } else if (workspace.trainingProperty().get() != null) {
                sb.append(" — trained router");
            }
            if (s != null) {
                sb.append(" — dataset ").append(s.loaded().dataset().name());
            }
            return sb.toString();
        }, workspace.bundleProperty(), workspace.datasetProperty(), workspace.trainingProperty());
    }

    /** Status bar: the open router bundle, or empty. */
    public StringBinding bundleText() {
        return Bindings.createStringBinding(() -> {
            OpenBundle b = workspace.bundleProperty().get();
            return b == null ? "" : String.format(Locale.ROOT, "bundle %s: %d tasks × %d models", b.name(),
                    b.bundle().router().tasks().size(), b.bundle().router().pool().size());
        }, workspace.bundleProperty());
    }

    /**
     * Opens a dataset file or folder in the background.
     *
     * @param lenient skip bad rows (reported through {@link #skippedProperty()}) instead of failing
     */
    public void open(Path path, boolean lenient) {
        cancelLoading();
        loading.set(true);
        loadJob = tasks.run(job -> {
            LoadedDataset loaded = DatasetLoader.load(path, lenient ? ImportOptions.LENIENT : ImportOptions.STRICT);
            return new DatasetSnapshot(path, loaded, DatasetStatistics.of(loaded.dataset()), lenient);
        }, snapshot -> {
            loading.set(false);
            workspace.datasetProperty().set(snapshot);
            prefs.addRecent(path);
            recent.setAll(prefs.recentFiles());
            if (snapshot.loaded().report().rowsSkipped() > 0) {
                skipped.set(null);
                skipped.set(snapshot.loaded().report());
            }
        }, t -> {
            loading.set(false);
            failure.set(null);
            failure.set(new LoadFailure(path, t));
        }).onCancelled(() -> loading.set(false));
    }

    /** Re-reads the preferences the status bar shows (after the Preferences dialog). */
    public void refreshPreferences() {
        cacheText.set("cache: " + prefs.cacheDir());
    }

    /** Recent datasets, newest first. */
    public ObservableList<Path> recentFiles() {
        return recent;
    }

    /** The latest load failure (set anew on each failure). */
    public ObjectProperty<LoadFailure> failureProperty() {
        return failure;
    }

    /** The import report of the latest lenient load that skipped rows. */
    public ObjectProperty<ImportReport> skippedProperty() {
        return skipped;
    }

    /** Whether a load is running. */
    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** Status bar: the dataset's name and size. */
    public StringBinding datasetText() {
        return Bindings.createStringBinding(() -> {
            DatasetSnapshot s = workspace.datasetProperty().get();
            if (loading.get()) {
                return "loading…";
            }
            if (s == null) {
                return "no dataset";
            }
            return String.format(Locale.ROOT, "%s: %s prompts × %d models%s", s.loaded().dataset().name(),
                    Format.count(s.loaded().dataset().size()), s.loaded().dataset().pool().size(),
                    s.loaded().report().rowsSkipped() > 0 ? " (" + s.loaded().report().rowsSkipped() + " rows skipped)" : "");
        }, workspace.datasetProperty(), loading);
    }

    /** Status bar: the cache folder. */
    public StringProperty cacheTextProperty() {
        return cacheText;
    }

    /** Status bar: the compute device (the Stage-1 pipeline runs on the CPU). */
    public String deviceText() {
        return "device: cpu";
    }

    /** The preferences (for the Preferences dialog). */
    public WorkbenchPreferences preferences() {
        return prefs;
    }
}

package dev.finerouter.app.shell;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.Format;
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
    private final ObjectProperty<LoadFailure> failure = new SimpleObjectProperty<>(this, "failure");
    private final ObjectProperty<ImportReport> skipped = new SimpleObjectProperty<>(this, "skipped");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final StringProperty cacheText = new SimpleStringProperty(this, "cacheText");

    /** Creates the shell's state. */
    public ShellViewModel(Workspace workspace, WorkbenchPreferences prefs, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.prefs = prefs;
        this.tasks = tasks;
        recent.setAll(prefs.recentFiles());
        refreshPreferences();
    }

    /**
     * Opens a dataset file or folder in the background.
     *
     * @param lenient skip bad rows (reported through {@link #skippedProperty()}) instead of failing
     */
    public void open(Path path, boolean lenient) {
        loading.set(true);
        tasks.run(() -> {
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
        });
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

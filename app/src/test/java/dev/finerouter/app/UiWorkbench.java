package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.Workbench;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The workbench wired as in the app on a TestFX stage (1200 × 800), with throw-away preferences; the UI tests create
 * one in their {@code @Start} method (TestFX only looks there, not in superclasses) and {@link #close()} it after each
 * test.
 */
final class UiWorkbench {
    private final Preferences node;
    private final BackgroundTasks tasks;
    private final Workbench workbench;

    private UiWorkbench(Preferences node, BackgroundTasks tasks, Workbench workbench) {
        this.node = node;
        this.tasks = tasks;
        this.workbench = workbench;
    }

    /** Builds the workbench with fresh preferences and shows it on {@code stage}. */
    static UiWorkbench show(Stage stage) {
        Preferences node = Preferences.userRoot().node("dev/finerouter/uitest-" + UUID.randomUUID());
        BackgroundTasks tasks = BackgroundTasks.forFx();
        Workbench wb = Workbench.create(new WorkbenchPreferences(node), tasks);
        stage.setScene(new Scene(wb.view(), 1200, 800));
        stage.titleProperty().bind(wb.shell().title());
        stage.show();
        return new UiWorkbench(node, tasks, wb);
    }

    /** The background tasks the workbench runs its work on. */
    BackgroundTasks tasks() {
        return tasks;
    }

    /** The workbench. */
    Workbench workbench() {
        return workbench;
    }

    /** Closes the playground's encoder, stops the background threads and drops the preferences. */
    void close() throws BackingStoreException {
        workbench.playground().close();
        tasks.shutdown();
        node.removeNode();
    }
}

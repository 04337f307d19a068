package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JavaFX application: builds the {@link Workbench}, restores the window's bounds and opens the bundled sample
 * ({@code FINEROUTER_SAMPLE}, else {@code -Dfinerouter.sample}, else {@code sample-data/sample} under the working folder). Started by {@link Main}.
 */
public final class WorkbenchApp extends Application {
    private BackgroundTasks tasks;

    /** Called by JavaFX. */
    public WorkbenchApp() {
    }

    @Override
    public void start(Stage stage) {
        WorkbenchPreferences prefs = WorkbenchPreferences.user();
        tasks = BackgroundTasks.forFx();
        Workbench wb = Workbench.create(prefs, tasks);
        stage.titleProperty().bind(wb.shell().title());
        double[] b = prefs.windowBounds();
        Scene scene = new Scene(wb.view(), b == null ? 1280 : b[2], b == null ? 800 : b[3]);
        stage.setScene(scene);
        if (b != null && !Screen.getScreensForRectangle(new Rectangle2D(b[0], b[1], b[2], b[3])).isEmpty()) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        wb.view().setLinkOpener(url -> getHostServices().showDocument(url));
        stage.setOnCloseRequest(e -> {
            if (!wb.view().confirmQuit()) {
                e.consume();
            }
        });
        stage.setOnHiding(e -> prefs.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        stage.show();
        Path sample = samplePath();
        if (sample != null) {
            wb.shell().open(sample, false);
        }
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.shutdown();
        }
    }

    /**
     * The bundled sample: {@code FINEROUTER_SAMPLE}, else the system property {@code finerouter.sample} (set by the
     * app image's launcher to {@code $APPDIR/sample}), else {@code sample-data/sample} if present, else null.
     */
    static Path samplePath() {
        for (String candidate : new String[] {System.getenv("FINEROUTER_SAMPLE"), System.getProperty("finerouter.sample")}) {
            if (candidate != null && !candidate.isBlank() && Files.exists(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        Path local = Path.of("sample-data", "sample");
        return Files.isDirectory(local) ? local : null;
    }
}

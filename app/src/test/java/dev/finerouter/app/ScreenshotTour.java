package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;

/**
 * Not a test: drives the workbench through its views for the screenshots in docs/screenshots. Run under Xvfb; for
 * each view it writes {@code <dir>/<name>.ready} and waits until the caller (who takes the screenshot with
 * {@code import -window root}) deletes it. Arguments: marker folder, sample folder, cache folder.
 */
public final class ScreenshotTour {
    private static String[] arguments;

    private ScreenshotTour() {
    }

    /** Starts the tour (a plain main class: the java launcher refuses an Application main on the class path). */
    public static void main(String[] args) {
        arguments = args;
        Application.launch(App.class);
    }

    /** The application the tour drives. */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) {
        Path markers = Path.of(arguments[0]);
        Preferences node = Preferences.userRoot().node("dev/finerouter/tour-" + UUID.randomUUID());
        WorkbenchPreferences prefs = new WorkbenchPreferences(node);
        prefs.setCacheDir(Path.of(arguments[2]));
        Workbench wb = Workbench.create(prefs, BackgroundTasks.forFx());
        stage.setTitle("FineRouter Workbench");
        stage.setScene(new Scene(wb.view(), 1280, 800));
        stage.setX(0);
        stage.setY(0);
        stage.show();
        Thread t = new Thread(() -> {
            try {
                fx(() -> { wb.shell().open(Path.of(arguments[1]), false); return null; });
                waitFor(() -> fx(() -> wb.workspace().datasetProperty().get() != null));
                shot(markers, "stats");
                fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                waitFor(() -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                shot(markers, "pipeline");
                fx(() -> { wb.view().showTab("tab-graph"); wb.workspace().selectedTaskProperty().set(2); return null; });
                Thread.sleep(8000);
                shot(markers, "graph");
                fx(() -> { wb.view().showTab("tab-inspector"); return null; });
                shot(markers, "inspector");
                // Stage 2 on the tiny priced dataset (the sample's estimator takes minutes), then what-if and playground
                Path tiny = TinyDataset.writePriced(Files.createTempDirectory("tour"));
                fx(() -> { wb.shell().open(tiny, false); return null; });
                waitFor(() -> fx(() -> wb.workspace().datasetProperty().get() != null && wb.workspace().datasetProperty().get().path().equals(tiny)));
                fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().run(); return null; });
                waitFor(() -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                fx(() -> { wb.pipeline().train(); return null; });
                waitFor(() -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                waitFor(() -> fx(() -> wb.whatIf().readyProperty().get()));
                fx(() -> { wb.view().showTab("tab-whatif"); wb.whatIf().pin(); wb.whatIf().toleranceProperty().set(1.0); return null; });
                shot(markers, "whatif");
                fx(() -> {
                    wb.view().showTab("tab-playground");
                    wb.playground().pick(wb.playground().datasetPrompts().get(wb.playground().datasetPrompts().size() - 2));
                    wb.playground().route();
                    return null;
                });
                waitFor(() -> fx(() -> !wb.playground().models().isEmpty()));
                fx(() -> {
                    wb.playground().pick(wb.playground().datasetPrompts().get(1));
                    wb.playground().route();
                    return null;
                });
                waitFor(() -> fx(() -> wb.playground().history().entries().size() == 2));
                fx(() -> {
                    wb.playground().pick(wb.playground().datasetPrompts().get(wb.playground().datasetPrompts().size() - 2));
                    wb.playground().route();
                    return null;
                });
                waitFor(() -> fx(() -> wb.playground().history().entries().size() == 3));
                shot(markers, "playground");
                // the dashboard on the sample: Stage 1 (cached from above), Stage 2 (minutes), then the full evaluation
                fx(() -> { wb.shell().open(Path.of(arguments[1]), false); return null; });
                waitFor(() -> fx(() -> wb.workspace().datasetProperty().get() != null
                        && !wb.workspace().datasetProperty().get().path().equals(tiny)));
                fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().run(); return null; });
                waitFor(() -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                fx(() -> { wb.pipeline().train(); return null; });
                waitFor(30 * 60, () -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                fx(() -> {
                    wb.view().showTab("tab-evaluation");
                    wb.dashboard().scopeProperty().set(dev.finerouter.engine.pipeline.EvaluationSuite.Scope.FULL);
                    wb.dashboard().evaluate();
                    return null;
                });
                waitFor(30 * 60, () -> fx(() -> wb.dashboard().reportProperty().get() != null && !wb.dashboard().runningProperty().get()));
                System.out.println("dashboard: " + fx(() -> wb.dashboard().statusProperty().get()));
                shot(markers, "dashboard");
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
                System.exit(0);
            }
        });
        t.setDaemon(true);
        t.start();
    }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    private static void waitFor(Callable<Boolean> c) throws Exception {
        waitFor(120, c);
    }

    private static void waitFor(int seconds, Callable<Boolean> c) throws Exception {
        for (int i = 0; i < seconds * 10 && !c.call(); i++) {
            Thread.sleep(100);
        }
    }

    private static void shot(Path markers, String name) throws Exception {
        Thread.sleep(1500);
        Path m = markers.resolve(name + ".ready");
        Files.writeString(m, name);
        while (Files.exists(m)) {
            Thread.sleep(100);
        }
    }
}

package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.finerouter.app.TourSteps.fx;
import static dev.finerouter.app.TourSteps.shot;
import static dev.finerouter.app.TourSteps.waitFor;

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
        Workbench wb = TourSteps.show(stage, Path.of(arguments[2]));
        Thread t = new Thread(() -> {
            try {
                fx(() -> { wb.shell().open(Path.of(arguments[1]), false); return null; });
                waitFor(120, () -> fx(() -> wb.workspace().datasetProperty().get() != null));
                shot(markers, "stats");
                fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                waitFor(120, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                shot(markers, "pipeline");
                fx(() -> { wb.view().showTab("tab-graph"); wb.workspace().selectedTaskProperty().set(2); return null; });
                Thread.sleep(8000);
                shot(markers, "graph");
                fx(() -> { wb.view().showTab("tab-inspector"); return null; });
                shot(markers, "inspector");
                // Stage 2 on the tiny priced dataset (the sample's estimator takes minutes), then what-if and playground
                Path tiny = TinyDataset.writePriced(Files.createTempDirectory("tour"));
                fx(() -> { wb.shell().open(tiny, false); return null; });
                waitFor(120, () -> fx(() -> wb.workspace().datasetProperty().get() != null && wb.workspace().datasetProperty().get().path().equals(tiny)));
                fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().run(); return null; });
                waitFor(120, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                fx(() -> { wb.pipeline().train(); return null; });
                waitFor(120, () -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                waitFor(120, () -> fx(() -> wb.whatIf().readyProperty().get()));
                fx(() -> { wb.view().showTab("tab-whatif"); wb.whatIf().pin(); wb.whatIf().toleranceProperty().set(1.0); return null; });
                shot(markers, "whatif");
                fx(() -> {
                    wb.view().showTab("tab-playground");
                    wb.playground().pick(wb.playground().datasetPrompts().get(wb.playground().datasetPrompts().size() - 2));
                    wb.playground().route();
                    return null;
                });
                waitFor(120, () -> fx(() -> !wb.playground().models().isEmpty()));
                fx(() -> {
                    wb.playground().pick(wb.playground().datasetPrompts().get(1));
                    wb.playground().route();
                    return null;
                });
                waitFor(120, () -> fx(() -> wb.playground().history().entries().size() == 2));
                fx(() -> {
                    wb.playground().pick(wb.playground().datasetPrompts().get(wb.playground().datasetPrompts().size() - 2));
                    wb.playground().route();
                    return null;
                });
                waitFor(120, () -> fx(() -> wb.playground().history().entries().size() == 3));
                shot(markers, "playground");
                // the dashboard on the sample: Stage 1 (cached from above), Stage 2 (minutes), then the full evaluation
                fx(() -> { wb.shell().open(Path.of(arguments[1]), false); return null; });
                waitFor(120, () -> fx(() -> wb.workspace().datasetProperty().get() != null
                        && !wb.workspace().datasetProperty().get().path().equals(tiny)));
                fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().run(); return null; });
                waitFor(120, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
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
}

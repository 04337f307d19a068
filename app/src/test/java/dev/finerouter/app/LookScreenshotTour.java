package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.finerouter.app.TourSteps.fx;
import static dev.finerouter.app.TourSteps.grab;
import static dev.finerouter.app.TourSteps.waitFor;

/**
 * Not a test: the screenshots of issue 18 (theme, open bundle, playground warnings), grabbed by the tour itself with
 * AWT's robot under Xvfb (docs/screenshots/take-look.sh). Arguments: output folder, sample folder, cache folder,
 * and optionally "quick" to skip Stage 1 on the sample.
 */
public final class LookScreenshotTour {
    private static String[] arguments;

    private LookScreenshotTour() {
    }

    /** Starts the tour. */
    public static void main(String[] args) {
        arguments = args;
        Application.launch(App.class);
    }

    /** The application the tour drives. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Path out = Path.of(arguments[0]);
            boolean quick = arguments.length > 3 && arguments[3].equals("quick");
            Workbench wb = TourSteps.show(stage, Path.of(arguments[2]));
            Thread t = new Thread(() -> {
                try {
                    if (!quick) {
                        fx(() -> { wb.shell().open(Path.of(arguments[1]), false); return null; });
                        waitFor(120, () -> fx(() -> wb.workspace().datasetProperty().get() != null));
                        grab(out.resolve("workbench-stats.png"));
                        fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                        waitFor(600, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                        grab(out.resolve("workbench-pipeline.png"));
                        fx(() -> { wb.view().showTab("tab-graph"); wb.workspace().selectedTaskProperty().set(2); return null; });
                        Thread.sleep(8000);
                        grab(out.resolve("workbench-graph.png"));
                        fx(() -> { wb.view().showTab("tab-inspector"); return null; });
                        grab(out.resolve("workbench-inspector.png"));
                    }
                    // a router on the tiny priced dataset: playground with a typed prompt that fits no task well
                    Path tmp = Files.createTempDirectory("look-tour");
                    Path tiny = TinyDataset.writePriced(tmp);
                    fx(() -> { wb.shell().open(tiny, false); return null; });
                    waitFor(120, () -> fx(() -> wb.workspace().datasetProperty().get() != null
                            && wb.workspace().datasetProperty().get().path().equals(tiny)));
                    fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                    waitFor(300, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> { wb.pipeline().train(); return null; });
                    waitFor(300, () -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> {
                        wb.view().showTab("tab-playground");
                        wb.playground().textProperty().set("Write a Python function that sorts a list of 12 owls by weight.");
                        wb.playground().route();
                        return null;
                    });
                    waitFor(120, () -> fx(() -> !wb.playground().busyProperty().get() && !wb.playground().models().isEmpty()));
                    fx(() -> {
                        wb.playground().textProperty().set("Quelle est la capitale du Suriname ? Réponds en une phrase.");
                        wb.playground().route();
                        return null;
                    });
                    waitFor(120, () -> fx(() -> !wb.playground().busyProperty().get() && wb.playground().history().entries().size() == 2));
                    grab(out.resolve("workbench-playground.png"));
                    fx(() -> { wb.playground().textProperty().set(wb.playground().textProperty().get() + " Merci."); return null; });
                    grab(out.resolve("workbench-playground-stale.png"));
                    // evaluation (quick) and the same in dark mode
                    fx(() -> { wb.view().showTab("tab-evaluation"); wb.dashboard().evaluate(); return null; });
                    waitFor(300, () -> fx(() -> wb.dashboard().reportProperty().get() != null && !wb.dashboard().runningProperty().get()));
                    fx(() -> { wb.shell().darkModeProperty().set(true); return null; });
                    grab(out.resolve("workbench-dashboard-dark.png"));
                    fx(() -> { wb.view().showTab("tab-playground"); return null; });
                    grab(out.resolve("workbench-playground-dark.png"));
                    fx(() -> { wb.view().showTab("tab-pipeline"); return null; });
                    grab(out.resolve("workbench-pipeline-dark.png"));
                    fx(() -> { wb.shell().darkModeProperty().set(false); return null; });
                    // export the router, open the dataset again (router and results cleared), open the bundle
                    Path bundle = tmp.resolve("tiny-router.frb");
                    fx(() -> { wb.export().export(bundle); return null; });
                    waitFor(300, () -> fx(() -> wb.export().summaryProperty().get() != null || wb.export().failureProperty().get() != null));
                    grab(out.resolve("workbench-export-summary.png"));
                    fx(() -> {
                        new java.util.ArrayList<>(javafx.stage.Window.getWindows()).stream().filter(w -> w != stage).forEach(javafx.stage.Window::hide);
                        return null;
                    });
                    fx(() -> { wb.shell().open(tiny, false); return null; });
                    waitFor(60, () -> fx(() -> wb.workspace().trainingProperty().get() == null && !wb.shell().loadingProperty().get()));
                    fx(() -> { wb.shell().openBundle(bundle); return null; });
                    waitFor(60, () -> fx(() -> wb.workspace().bundleProperty().get() != null));
                    fx(() -> { wb.view().showTab("tab-inspector"); wb.inspector().select(0); return null; });
                    grab(out.resolve("workbench-bundle-inspector.png"));
                    fx(() -> { wb.view().showTab("tab-graph"); return null; });
                    Thread.sleep(6000);
                    grab(out.resolve("workbench-bundle-graph.png"));
                    System.out.println("title: " + fx(stage::getTitle));
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

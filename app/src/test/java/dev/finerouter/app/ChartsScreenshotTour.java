package dev.finerouter.app;

import dev.finerouter.app.common.PngSnapshot;
import dev.finerouter.app.shell.Workbench;
import dev.finerouter.engine.describe.TaskName;
import dev.finerouter.viz.graph.TaskGraphView;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

import static dev.finerouter.app.TourSteps.fx;
import static dev.finerouter.app.TourSteps.waitFor;

/**
 * Not a test: the screenshots of the charts, the task graph and the inspector in docs/screenshots, taken in-process
 * (a snapshot of the 1280 × 800 scene, no screen grabber needed; run under Xvfb). On the sample with ℓ = 1: the
 * graph (fitted, hovering the largest task, zoomed to a selection), the inspector, then after training (minutes) the
 * full evaluation's three charts and the what-if chart. Arguments: output folder, sample folder, cache folder.
 */
public final class ChartsScreenshotTour {
    private static String[] arguments;

    private ChartsScreenshotTour() {
    }

    /** Starts the tour. */
    public static void main(String[] args) {
        arguments = args;
        Application.launch(App.class);
    }

    private static void snap(Workbench wb, String name) throws Exception {
        Thread.sleep(1500);
        fx(() -> {
            PngSnapshot.write(wb.view(), Path.of(arguments[0]).resolve("workbench-" + name + ".png"));
            return null;
        });
        System.out.println("shot " + name);
    }

    /** The application the tour drives. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Workbench wb = TourSteps.show(stage, Path.of(arguments[2]));
            boolean graphOnly = arguments.length > 3 && arguments[3].equals("graph");
            Thread t = new Thread(() -> {
                try {
                    fx(() -> { wb.shell().open(Path.of(arguments[1]), false); return null; });
                    waitFor(120, () -> fx(() -> wb.workspace().datasetProperty().get() != null));
                    fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                    waitFor(300, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> { wb.view().showTab("tab-graph"); return null; });
                    TaskGraphView graph = fx(() -> (TaskGraphView) wb.view().lookup("#task-graph"));
                    waitFor(60, () -> fx(graph::isLayoutIdle));
                    fx(() -> { graph.fit(); return null; });
                    snap(wb, "graph");
                    List<String> summaries = fx(() -> wb.workspace().resultProperty().get().summaries());
                    int task = 0;
                    for (int i = 0; i < summaries.size(); i++) {
                        if (TaskName.of(summaries.get(i)).example().toLowerCase(java.util.Locale.ROOT).contains("capital")) {
                            task = i;
                            break;
                        }
                    }
                    int chosen = task;
                    fx(() -> { graph.hover(graph.dataProperty().get().indexOfKey(chosen)); return null; });
                    snap(wb, "graph-hover");
                    fx(() -> { graph.hover(-1); wb.workspace().selectedTaskProperty().set(chosen); graph.fitSelection(); return null; });
                    snap(wb, "graph-zoomed");
                    fx(() -> { wb.view().showTab("tab-inspector"); return null; });
                    snap(wb, "inspector");
                    if (graphOnly) {
                        return;
                    }
                    fx(() -> { wb.pipeline().train(); return null; });
                    waitFor(40 * 60, () -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> {
                        wb.view().showTab("tab-evaluation");
                        wb.dashboard().scopeProperty().set(dev.finerouter.engine.pipeline.EvaluationSuite.Scope.FULL);
                        wb.dashboard().evaluate();
                        return null;
                    });
                    waitFor(30 * 60, () -> fx(() -> wb.dashboard().reportProperty().get() != null && !wb.dashboard().runningProperty().get()));
                    TabPane charts = fx(() -> (TabPane) wb.view().lookup("#dashboard-charts"));
                    snap(wb, "dashboard");
                    fx(() -> { charts.getSelectionModel().select(1); return null; });
                    snap(wb, "dashboard-share");
                    fx(() -> { charts.getSelectionModel().select(2); return null; });
                    snap(wb, "dashboard-benchmarks");
                    waitFor(120, () -> fx(() -> wb.whatIf().readyProperty().get()));
                    fx(() -> { wb.view().showTab("tab-whatif"); wb.whatIf().pin(); wb.whatIf().toleranceProperty().set(0.3); return null; });
                    waitFor(60, () -> fx(() -> wb.whatIf().currentCurveProperty().get() != null));
                    snap(wb, "whatif");
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

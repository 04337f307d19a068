package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.Workbench;
import dev.finerouter.app.whatif.Sweep;
import dev.finerouter.app.whatif.Variant;
import dev.finerouter.app.whatif.WhatIfMetric;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;

/**
 * Not a test: the what-if screenshots of docs/screenshots (see take-whatif.sh), on a router trained on the given
 * dataset with ℓ = 1, the same marker protocol as {@link ScreenshotTour}. Arguments: marker folder, dataset folder,
 * cache folder.
 */
public final class WhatIfScreenshotTour {
    private static String[] arguments;

    private WhatIfScreenshotTour() {
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
                    fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                    waitFor(() -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> { wb.pipeline().train(); return null; });
                    waitFor(() -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    waitFor(() -> fx(() -> wb.whatIf().readyProperty().get()));
                    fx(() -> { wb.view().showTab("tab-whatif"); wb.whatIf().pin(); return null; });
                    waitFor(() -> fx(() -> wb.whatIf().pinnedCurveProperty().get() != null || pinCurve(wb)));
                    fx(() -> { wb.whatIf().saveVariant("paper"); wb.whatIf().alphaProperty().set(0.8); wb.whatIf().deltaProperty().set(0.95);
                        wb.whatIf().toleranceProperty().set(0.1); return null; });
                    waitFor(() -> fx(() -> wb.whatIf().currentCurveProperty().get() != wb.whatIf().pinnedCurveProperty().get()));
                    shot(markers, "whatif");
                    fx(() -> { wb.whatIf().saveVariant("α 0.8, δ 0.95, λ 0.1"); tabs(stage).getSelectionModel().select(1); return null; });
                    Thread.sleep(500);
                    fx(() -> {
                        @SuppressWarnings("unchecked") ComboBox<Sweep.Knob> knob = (ComboBox<Sweep.Knob>) stage.getScene().lookup("#sweep-knob");
                        @SuppressWarnings("unchecked") ComboBox<WhatIfMetric> metric = (ComboBox<WhatIfMetric>) stage.getScene().lookup("#sweep-metric");
                        knob.setValue(Sweep.Knob.ALPHA);
                        metric.setValue(WhatIfMetric.QUAL);
                        ((Button) stage.getScene().lookup("#sweep-run")).fire();
                        return null;
                    });
                    waitFor(() -> fx(() -> !wb.whatIf().sweep().runningProperty().get() && wb.whatIf().sweep().resultProperty().get() != null));
                    shot(markers, "whatif-sweep");
                    fx(() -> {
                        tabs(stage).getSelectionModel().select(2);
                        return null;
                    });
                    Thread.sleep(500);
                    fx(() -> {
                        var list = wb.whatIf().variants().list();
                        @SuppressWarnings("unchecked") ComboBox<Variant> a = (ComboBox<Variant>) stage.getScene().lookup("#variant-a");
                        @SuppressWarnings("unchecked") ComboBox<Variant> b = (ComboBox<Variant>) stage.getScene().lookup("#variant-b");
                        a.setValue(list.get(list.size() - 1));
                        b.setValue(list.get(0));
                        return null;
                    });
                    shot(markers, "whatif-variants");
                    fx(() -> { tabs(stage).getSelectionModel().select(0); wb.whatIf().tauProperty().set(0.6); return null; });
                    waitFor(() -> fx(() -> !wb.whatIf().reclusteringProperty().get()));
                    fx(() -> { ((TableView<?>) stage.getScene().lookup("#whatif-metrics")).scrollTo(6); return null; });
                    shot(markers, "whatif-retrain");
                    fx(() -> {
                        wb.whatIf().tauProperty().set(wb.workspace().trainingProperty().get().discovery().config().stage1().tau());
                        tabs(stage).getSelectionModel().select(3);
                        var cal = wb.whatIf().calibration();
                        cal.goalProperty().set(dev.finerouter.app.whatif.CalibrationViewModel.Goal.MAX_COST_PER_1K);
                        cal.boundProperty().set(1.0);
                        cal.calibrate();
                        return null;
                    });
                    waitFor(() -> fx(() -> !wb.whatIf().calibration().runningProperty().get() && wb.whatIf().calibration().resultProperty().get() != null));
                    fx(() -> { wb.whatIf().calibration().apply(); return null; });
                    Thread.sleep(500);
                    shot(markers, "whatif-calibrate");
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

    private static boolean pinCurve(Workbench wb) {
        if (wb.whatIf().currentCurveProperty().get() != null) {
            wb.whatIf().pin();
        }
        return false;
    }

    private static TabPane tabs(Stage stage) {
        return (TabPane) stage.getScene().lookup("#whatif-tabs");
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
        for (int i = 0; i < 12000 && !c.call(); i++) {
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

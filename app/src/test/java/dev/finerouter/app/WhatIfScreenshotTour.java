package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import dev.finerouter.app.whatif.Variant;
import dev.finerouter.engine.whatif.Sweep;
import dev.finerouter.engine.whatif.WhatIfMetric;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.nio.file.Path;

import static dev.finerouter.app.TourSteps.fx;
import static dev.finerouter.app.TourSteps.shot;
import static dev.finerouter.app.TourSteps.waitFor;

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
            Workbench wb = TourSteps.show(stage, Path.of(arguments[2]));
            Thread t = new Thread(() -> {
                try {
                    fx(() -> { wb.shell().open(Path.of(arguments[1]), false); return null; });
                    waitFor(1200, () -> fx(() -> wb.workspace().datasetProperty().get() != null));
                    fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                    waitFor(1200, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> { wb.pipeline().train(); return null; });
                    waitFor(1200, () -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    waitFor(1200, () -> fx(() -> wb.whatIf().readyProperty().get()));
                    fx(() -> { wb.view().showTab("tab-whatif"); wb.whatIf().pin(); return null; });
                    waitFor(1200, () -> fx(() -> wb.whatIf().pinnedCurveProperty().get() != null || pinCurve(wb)));
                    fx(() -> { wb.whatIf().saveVariant("paper"); wb.whatIf().alphaProperty().set(0.8); wb.whatIf().deltaProperty().set(0.95);
                        wb.whatIf().toleranceProperty().set(0.1); return null; });
                    waitFor(1200, () -> fx(() -> wb.whatIf().currentCurveProperty().get() != wb.whatIf().pinnedCurveProperty().get()));
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
                    waitFor(1200, () -> fx(() -> !wb.whatIf().sweep().runningProperty().get() && wb.whatIf().sweep().resultProperty().get() != null));
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
                    waitFor(1200, () -> fx(() -> !wb.whatIf().reclusteringProperty().get()));
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
                    waitFor(1200, () -> fx(() -> !wb.whatIf().calibration().runningProperty().get() && wb.whatIf().calibration().resultProperty().get() != null));
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
}

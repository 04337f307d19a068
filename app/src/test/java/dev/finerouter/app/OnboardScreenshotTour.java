package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;

import static dev.finerouter.app.TourSteps.fx;
import static dev.finerouter.app.TourSteps.shot;
import static dev.finerouter.app.TourSteps.waitFor;

/**
 * Not a test: the Onboard dialog screenshot of docs/screenshots (see take-onboard.sh), same marker protocol as
 * {@link ScreenshotTour}. Opens a bundle, opens File → Onboard a model…, loads a scored plan for the named model with
 * its prices and waits for the estimates (step 3, before Accept). Arguments: marker folder, bundle, scored plan
 * (JSONL), model name, input and output cost per 1k tokens, cache folder.
 */
public final class OnboardScreenshotTour {
    private static String[] arguments;

    private OnboardScreenshotTour() {
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
            Workbench wb = TourSteps.show(stage, Path.of(arguments[6]));
            Thread t = new Thread(() -> {
                try {
                    fx(() -> { wb.shell().openBundle(Path.of(arguments[1])); return null; });
                    waitFor(600, () -> fx(() -> wb.workspace().bundleProperty().get() != null));
                    fx(() -> {
                        Stage dialog = wb.view().onboardWindow(wb.onboard(), wb.saveDialog());
                        dialog.setX(0);
                        dialog.setY(0);
                        dialog.setWidth(1280);
                        dialog.setHeight(800);
                        dialog.show();
                        wb.onboard().modelProperty().set(arguments[3]);
                        wb.onboard().inputCostPer1kProperty().set(arguments[4]);
                        wb.onboard().outputCostPer1kProperty().set(arguments[5]);
                        wb.onboard().loadScores(Path.of(arguments[2]));
                        return null;
                    });
                    waitFor(600, () -> fx(() -> !wb.onboard().runningProperty().get() && wb.onboard().canAcceptProperty().get()));
                    System.out.println("onboard: " + fx(() -> wb.onboard().estimateSummaryProperty().get()));
                    shot(markers, "onboard");
                } catch (Exception e) {
                    e.printStackTrace();
                }
                Platform.exit();
            }, "onboard-tour");
            t.setDaemon(true);
            t.start();
        }
    }
}

package dev.finerouter.app;

import dev.finerouter.app.drift.DriftReviewViewModel;
import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import java.nio.file.Path;

import static dev.finerouter.app.TourSteps.fx;
import static dev.finerouter.app.TourSteps.shot;
import static dev.finerouter.app.TourSteps.waitFor;

/**
 * Not a test: the Drift tab screenshots of docs/screenshots (see take-drift.sh), same marker protocol as
 * {@link ScreenshotTour}. Reviews proposals, accepts four, writes the new bundle into the marker folder, then replays
 * the decision log with that new bundle. Arguments: marker folder, proposals.json, the bundle they were made against,
 * decision log, dataset with true scores, cache folder.
 */
public final class DriftScreenshotTour {
    private static String[] arguments;

    private DriftScreenshotTour() {
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
            Workbench wb = TourSteps.show(stage, Path.of(arguments[5]));
            Path accepted = markers.resolve("accepted.frb");
            Thread t = new Thread(() -> {
                try {
                    fx(() -> {
                        wb.view().showTab("tab-drift");
                        text(stage, "#drift-proposals-path").setText(arguments[1]);
                        text(stage, "#drift-bundle-path").setText(arguments[2]);
                        ((Button) stage.getScene().lookup("#drift-open")).fire();
                        return null;
                    });
                    waitFor(1200, () -> fx(() -> !proposals(stage).getItems().isEmpty()));
                    fx(() -> {
                        TableView<DriftReviewViewModel.Row> table = proposals(stage);
                        for (int i : new int[]{0, 1, 4, 6}) {
                            table.getItems().get(i).acceptProperty().set(true);
                        }
                        table.getSelectionModel().select(0);
                        wb.saveDialog().answerWith(request -> accepted);
                        ((Button) stage.getScene().lookup("#drift-write")).fire();
                        return null;
                    });
                    waitFor(1200, () -> fx(() -> !((TextArea) stage.getScene().lookup("#drift-summary")).getText().isEmpty()));
                    shot(markers, "drift");
                    fx(() -> {
                        ((TabPane) stage.getScene().lookup("#drift")).getSelectionModel().select(1);
                        text(stage, "#replay-log-path").setText(arguments[3]);
                        text(stage, "#replay-bundle-path").setText(accepted.toString());
                        text(stage, "#replay-data-path").setText(arguments[4]);
                        ((Button) stage.getScene().lookup("#replay-run")).fire();
                        return null;
                    });
                    waitFor(1200, () -> fx(() -> !((TableView<?>) stage.getScene().lookup("#replay-tasks")).getItems().isEmpty()));
                    shot(markers, "drift-replay");
                } catch (Exception e) {
                    e.printStackTrace();
                }
                Platform.exit();
            }, "drift-tour");
            t.setDaemon(true);
            t.start();
        }
    }

    @SuppressWarnings("unchecked")
    private static TableView<DriftReviewViewModel.Row> proposals(Stage stage) {
        return (TableView<DriftReviewViewModel.Row>) stage.getScene().lookup("#drift-proposals");
    }

    private static TextField text(Stage stage, String id) {
        return (TextField) stage.getScene().lookup(id);
    }
}

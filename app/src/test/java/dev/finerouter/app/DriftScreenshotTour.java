package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.drift.DriftReviewViewModel;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;

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
            Preferences node = Preferences.userRoot().node("dev/finerouter/tour-" + UUID.randomUUID());
            WorkbenchPreferences prefs = new WorkbenchPreferences(node);
            prefs.setCacheDir(Path.of(arguments[5]));
            Workbench wb = Workbench.create(prefs, BackgroundTasks.forFx());
            stage.setTitle("FineRouter Workbench");
            stage.setScene(new Scene(wb.view(), 1280, 800));
            stage.setX(0);
            stage.setY(0);
            stage.show();
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
                    waitFor(() -> fx(() -> !proposals(stage).getItems().isEmpty()));
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
                    waitFor(() -> fx(() -> !((TextArea) stage.getScene().lookup("#drift-summary")).getText().isEmpty()));
                    shot(markers, "drift");
                    fx(() -> {
                        ((TabPane) stage.getScene().lookup("#drift")).getSelectionModel().select(1);
                        text(stage, "#replay-log-path").setText(arguments[3]);
                        text(stage, "#replay-bundle-path").setText(accepted.toString());
                        text(stage, "#replay-data-path").setText(arguments[4]);
                        ((Button) stage.getScene().lookup("#replay-run")).fire();
                        return null;
                    });
                    waitFor(() -> fx(() -> !((TableView<?>) stage.getScene().lookup("#replay-tasks")).getItems().isEmpty()));
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

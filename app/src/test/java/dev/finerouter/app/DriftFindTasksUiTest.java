package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.SaveDialog;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.drift.DriftFixtures;
import dev.finerouter.app.drift.DriftReviewViewModel;
import dev.finerouter.app.drift.DriftView;
import dev.finerouter.app.drift.FindTasksViewModel;
import dev.finerouter.app.drift.ReplayViewModel;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.drift.DriftProposals;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Drift tab's "Find new tasks in a decision log…" through the UI, on the golden bundle with its small test encoder
 * (the tab is built as the workbench builds it, with that encoder): a missing log shows the engine's error; then the
 * fixture log's proposals are written where the save dialog answers and open in the review table. Also the empty
 * moves table before any replay.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DriftFindTasksUiTest {
    @TempDir
    Path dir;
    private BackgroundTasks tasks;
    private SaveDialog saveDialog;
    private FindTasksViewModel find;

    @Start
    void start(Stage stage) {
        tasks = BackgroundTasks.forFx();
        saveDialog = new SaveDialog();
        Workspace workspace = new Workspace();
        ReplayViewModel.EncoderOpener encoder = e -> new TrigramEmbedder();
        DriftReviewViewModel review = new DriftReviewViewModel(tasks, Clock.systemUTC(), encoder);
        find = new FindTasksViewModel(workspace, tasks, encoder, review);
        stage.setScene(new Scene(new DriftView(review, find, new ReplayViewModel(workspace, tasks, encoder), saveDialog), 1200, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        tasks.shutdown();
    }

    @Test
    void findNewTasksWritesProposalsAndOpensThemForReview(FxRobot robot) throws Exception {
        Label movesPlaceholder = (Label) robot.lookup("#replay-moves").queryAs(TableView.class).getPlaceholder();
        assertEquals("Run a replay to see which prompts move to another model.", movesPlaceholder.getText());

        robot.clickOn("Find new tasks in a decision log…");
        waitUntil(5, () -> robot.lookup("#drift-find-pane").queryAs(TitledPane.class).isExpanded());
        Button run = robot.lookup("#drift-find-run").queryAs(Button.class);
        assertTrue(run.isDisabled(), "no log chosen yet");
        assertTrue(robot.lookup("#drift-find-cancel").queryAs(Button.class).isDisabled(), "nothing to cancel");

        // the options reach the view model
        robot.clickOn("#drift-find-all-logged");
        assertTrue(find.allLoggedProperty().get());
        robot.clickOn("#drift-find-all-logged");
        assertFalse(robot.lookup("#drift-find-all-logged").queryAs(CheckBox.class).isSelected());
        Spinner<?> novelty = robot.lookup("#drift-find-novelty").queryAs(Spinner.class);
        assertEquals(0.8, (Double) novelty.getValue(), 1e-9, "the CLI's default");
        robot.interact(() -> novelty.getValueFactory().increment(4));
        assertEquals(1.0, find.noveltyProperty().get(), 1e-9);

        // a log that is not there: the engine's message in a dialog and the status line, nothing opened
        Path target = dir.resolve("found.json");
        saveDialog.answerWith(request -> request.initialName().equals("proposals.json") ? target : null);
        Path missing = dir.resolve("no-such-log");
        robot.interact(() -> {
            robot.lookup("#drift-find-log").queryAs(TextField.class).setText(missing.toString());
            robot.lookup("#drift-find-bundle").queryAs(TextField.class).setText(DriftFixtures.GOLDEN.toString());
        });
        assertFalse(run.isDisabled());
        robot.clickOn("#drift-find-run");
        waitUntil(20, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains(missing.toString()), pane.getContentText());
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
        assertTrue(robot.lookup("#drift-find-status").queryLabeled().getText().startsWith("Finding new tasks failed: "));
        assertFalse(Files.exists(target));

        // the fixture log: proposals written where the dialog answered, opened in the review table
        Path log = DriftFixtures.writeDriftLog(dir);
        robot.interact(() -> robot.lookup("#drift-find-log").queryAs(TextField.class).setText(log.toString()));
        robot.clickOn("#drift-find-run");
        TableView<?> table = robot.lookup("#drift-proposals").queryAs(TableView.class);
        waitUntil(30, () -> !table.getItems().isEmpty());
        assertEquals(DriftProposals.read(target).proposals().size(), table.getItems().size());
        assertEquals(target.toString(), robot.lookup("#drift-proposals-path").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#drift-find-status").queryLabeled().getText().contains("written to " + target),
                robot.lookup("#drift-find-status").queryLabeled().getText());
        assertTrue(robot.lookup("#drift-find-cancel").queryAs(Button.class).isDisabled());
    }
}

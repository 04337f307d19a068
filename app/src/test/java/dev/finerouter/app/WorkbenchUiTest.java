package dev.finerouter.app;

import dev.finerouter.app.inspector.InspectorViewModel;
import dev.finerouter.app.shell.Workbench;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench wired as in the app, driven headless (Monocle) through its views. */
@Tag("ui")
class WorkbenchUiTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final UiWorkbench ui = new UiWorkbench();

    @Test
    void opensTheSampleAndShowsStatisticsOfTenModels(FxRobot robot, Workbench wb) throws Exception {
        Path sample = Path.of("..", "sample-data", "sample");
        assertTrue(Files.isDirectory(sample), sample.toAbsolutePath().toString());
        robot.interact(() -> wb.shell().open(sample, false));
        TableView<?> models = robot.lookup("#stats-models").queryAs(TableView.class);
        waitUntil(30, () -> models.getItems().size() == 10);
        assertTrue(robot.lookup("#status-dataset").queryLabeled().getText().contains("3,000 prompts × 10 models"),
                robot.lookup("#status-dataset").queryLabeled().getText());
        assertEquals("device: cpu", robot.lookup("#status-device").queryLabeled().getText());
    }

    @Test
    void runningThePipelineFillsTheInspectorAndSelectingARowShowsCandidates(FxRobot robot, Workbench wb) throws Exception {
        UiSteps.openAndRunStage1(robot, wb, dir.resolve("cache"), TinyDataset.write(dir));
        assertTrue(robot.lookup("#stage-status-summarize").queryLabeled().getText().contains("done"));

        // the task graph: clicking a node selects its task
        robot.interact(() -> wb.view().showTab("tab-graph"));
        dev.finerouter.viz.graph.TaskGraphView graph = robot.lookup("#task-graph").queryAs(dev.finerouter.viz.graph.TaskGraphView.class);
        int lastTask = wb.workspace().resultProperty().get().discovery().tasks().size() - 1;
        waitUntil(20, () -> graph.isLayoutIdle() && graph.dataProperty().get().nodes().size() == lastTask + 1);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        javafx.geometry.Point2D at = WaitForAsyncUtils.asyncFx(() -> graph.screenPositionOf(lastTask)).get();
        robot.clickOn(at);
        waitUntil(5, () -> wb.workspace().selectedTaskProperty().get() == lastTask);
        robot.interact(() -> wb.workspace().selectedTaskProperty().set(-1));

        robot.interact(() -> wb.view().showTab("tab-inspector"));
        TableView<?> tasksTable = robot.lookup("#inspector-tasks").queryAs(TableView.class);
        waitUntil(10, () -> !tasksTable.getItems().isEmpty());
        Node firstRow = robot.from(tasksTable).lookup(".table-row-cell").nth(0).query();
        robot.clickOn(firstRow);
        TableView<?> candidates = robot.lookup("#inspector-candidates").queryAs(TableView.class);
        waitUntil(10, () -> !candidates.getItems().isEmpty());
        InspectorViewModel.CandidateRow first = (InspectorViewModel.CandidateRow) candidates.getItems().get(0);
        assertTrue(first.model().startsWith("model-"));
        assertTrue(robot.lookup("#inspector-summary").queryLabeled().getText().startsWith("Task "));
        assertFalse(robot.lookup("#inspector-ranking").queryAs(TableView.class).getItems().isEmpty());
    }

    @Test
    void openingAMalformedFileShowsAnErrorNamingTheLine(FxRobot robot, Workbench wb) throws Exception {
        Path bad = TinyDataset.writeMalformed(dir);
        robot.interact(() -> wb.shell().open(bad, false));
        waitUntil(20, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(pane.getContentText().contains("Line: 3"), pane.getContentText());
        assertTrue(pane.getContentText().contains("scores.m1"), pane.getContentText());
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
        assertTrue(Window.getWindows().stream().noneMatch(w -> w.getScene() != null && w.getScene().getRoot() == pane));
    }
}

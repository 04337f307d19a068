package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.TrainingResult;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The analyst's loop of issue 18: route a typed prompt in the playground (which opens the sentence encoder and its
 * on-disk embedding cache), then Pipeline → Run and Train router again on the same cache folder, then route again.
 * Before the encoder had one owner, the second run failed with "the embedding cache … is in use by another process
 * or instance" until the app was restarted.
 */
@Tag("ui")
class EncoderLoopUiTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final UiWorkbench ui = new UiWorkbench();

    @Test
    void routeInThePlaygroundThenRunThePipelineAndRetrainOnTheSameCache(FxRobot robot, Workbench wb) throws Exception {
        UiSteps.openAndRunStage1(robot, wb, dir.resolve("cache"), TinyDataset.writePriced(dir));
        UiSteps.trainFromPipeline(robot, wb);
        route(robot, wb, "Translate this sentence into French: 'The owls are on the roof.'");

        // Pipeline → Run on the same cache folder: must succeed, and produce a new result
        DiscoveryResult before = wb.workspace().resultProperty().get();
        robot.interact(() -> wb.view().showTab("tab-pipeline"));
        robot.clickOn("#pipeline-run");
        waitUntil(90, () -> !wb.pipeline().runningProperty().get()
                && (wb.workspace().resultProperty().get() != before || wb.pipeline().failureProperty().get() != null));
        assertNull(wb.pipeline().failureProperty().get(), () -> "pipeline failed:\n" + String.join("\n", wb.pipeline().log()));
        assertNotNull(wb.workspace().resultProperty().get());

        // Train router again: must succeed too
        UiSteps.trainFromPipeline(robot, wb);
        assertNull(wb.pipeline().failureProperty().get());

        // and the playground routes with the new router (re-opening the encoder)
        TrainingResult trained = wb.workspace().trainingProperty().get();
        route(robot, wb, "Write a Python function that sorts a list of 7 owls by weight.");
        assertEquals(trained, wb.workspace().trainingProperty().get());

        // What-if → Retrain after routing once more: discovery + training through the pipeline, no cache conflict
        robot.interact(() -> wb.view().showTab("tab-whatif"));
        waitUntil(60, () -> wb.whatIf().readyProperty().get());
        robot.interact(() -> wb.whatIf().retrain());
        waitUntil(150, () -> wb.pipeline().failureProperty().get() != null || !wb.pipeline().runningProperty().get()
                && wb.workspace().trainingProperty().get() != null && wb.workspace().trainingProperty().get() != trained);
        assertNull(wb.pipeline().failureProperty().get(), () -> "retrain failed:\n" + String.join("\n", wb.pipeline().log()));
        assertNotSame(trained, wb.workspace().trainingProperty().get());
    }

    private static void route(FxRobot robot, Workbench wb, String prompt) throws Exception {
        robot.interact(() -> wb.view().showTab("tab-playground"));
        robot.interact(() -> wb.playground().textProperty().set(prompt));
        robot.clickOn("#playground-route");
        TableView<?> models = robot.lookup("#playground-models").queryAs(TableView.class);
        waitUntil(60, () -> !wb.playground().busyProperty().get() && !models.getItems().isEmpty());
        assertEquals(1, wb.playground().models().stream().filter(r -> r.winner()).count(), wb.playground().statusProperty().get());
    }
}

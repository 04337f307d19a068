package dev.finerouter.app;

import dev.finerouter.app.whatif.MetricRow;
import dev.finerouter.app.shell.Workbench;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.util.List;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Train from the pipeline runner, tune the tolerance in the what-if panel, route a typed prompt in the playground. */
@Tag("ui")
class TrainedUiTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final UiWorkbench ui = new UiWorkbench();

    @Test
    void trainTuneToleranceAndRouteATypedPrompt(FxRobot robot, Workbench wb) throws Exception {
        UiSteps.openAndRunStage1(robot, wb, dir.resolve("cache"), TinyDataset.writePriced(dir));
        UiSteps.trainFromPipeline(robot, wb);
        assertTrue(robot.lookup("#train-status").queryLabeled().getText().startsWith("✓ router trained"));

        // what-if: move the tolerance slider to its end; the cost per prompt drops
        robot.interact(() -> wb.view().showTab("tab-whatif"));
        waitUntil(20, () -> wb.whatIf().readyProperty().get() && !wb.whatIf().rows().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<MetricRow> metrics = robot.lookup("#whatif-metrics").queryAs(TableView.class);
        double cost = wb.whatIf().metric("cost per prompt");
        robot.clickOn("#whatif-pin");

        // α slider to the far end from the trained α (the panel starts there): the metric table re-scores against the pin
        double trainedAlpha = wb.workspace().trainingProperty().get().recommendedPolicy().alpha();
        assertEquals(trainedAlpha, wb.whatIf().alphaProperty().get(), 1e-12);
        List<MetricRow> before = List.copyOf(metrics.getItems());
        Slider alpha = robot.lookup("#whatif-alpha").queryAs(Slider.class);
        double target = trainedAlpha < 0.5 ? alpha.getMax() : alpha.getMin();
        robot.interact(() -> alpha.setValue(target));
        waitUntil(5, () -> wb.whatIf().alphaProperty().get() == target);
        List<MetricRow> after = List.copyOf(metrics.getItems());
        assertNotEquals(before, after);
        MetricRow alphaRow = after.stream().filter(r -> r.name().equals("α")).findFirst().orElseThrow();
        assertEquals(target, alphaRow.current());
        assertEquals(trainedAlpha, alphaRow.pinned(), 1e-12);
        assertEquals(wb.whatIf().currentProperty().get().metrics().qual(),
                after.stream().filter(r -> r.name().equals("Qual")).findFirst().orElseThrow().current());
        assertTrue(robot.lookup("#whatif-alpha-value").queryLabeled().getText()
                .startsWith(String.format(java.util.Locale.ROOT, "%.2f  (paper: 0.5)", target)),
                robot.lookup("#whatif-alpha-value").queryLabeled().getText());

        Slider tolerance = robot.lookup("#whatif-tolerance").queryAs(Slider.class);
        robot.interact(() -> tolerance.setValue(tolerance.getMax()));
        waitUntil(5, () -> wb.whatIf().toleranceProperty().get() == 1.0);
        assertTrue(wb.whatIf().metric("cost per prompt") < cost, wb.whatIf().metric("cost per prompt") + " vs " + cost);
        assertTrue(robot.lookup("#whatif-tolerance-value").queryLabeled().getText().startsWith("1.00"));
        assertTrue(robot.lookup("#whatif-timing").queryLabeled().getText().contains(" ms"));
        assertFalse(metrics.getItems().isEmpty());

        // playground: type a prompt and route it
        robot.interact(() -> wb.view().showTab("tab-playground"));
        robot.clickOn("#playground-text").write("Write a Python function that sorts a list of 5 cups by weight.");
        robot.clickOn("#playground-route");
        TableView<?> models = robot.lookup("#playground-models").queryAs(TableView.class);
        waitUntil(30, () -> !models.getItems().isEmpty());
        assertNotEquals("", robot.lookup("#playground-task").queryLabeled().getText());
        assertTrue(robot.lookup("#playground-reason").queryLabeled().getText().startsWith("model-"));
        assertEquals(1, wb.playground().models().stream().filter(r -> r.winner()).count());
    }
}

package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import dev.finerouter.cli.FineRouterCli;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the real UI, on a router trained from the pipeline runner: route a typed prompt in the playground (winner,
 * nearest training prompts, history), evaluate in the dashboard and export a chart as PNG, and File → Export router
 * bundle… to a file that the CLI's {@code bundle verify} accepts.
 */
@Tag("ui")
class ExportAndPlaygroundUiTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final UiWorkbench ui = new UiWorkbench();

    @Test
    void routeInThePlaygroundEvaluateAndExportABundleTheCliVerifies(FxRobot robot, Workbench wb) throws Exception {
        UiSteps.openAndRunStage1(robot, wb, dir.resolve("cache"), TinyDataset.writePriced(dir));
        UiSteps.trainFromPipeline(robot, wb);

        // playground: type → Route → a winner, the nearest training prompts, one history entry; route again → two
        robot.interact(() -> wb.view().showTab("tab-playground"));
        robot.clickOn("#playground-text").write("Translate this sentence into French: 'The owls are on the roof.'");
        robot.clickOn("#playground-route");
        TableView<?> models = robot.lookup("#playground-models").queryAs(TableView.class);
        waitUntil(30, () -> !models.getItems().isEmpty());
        assertEquals(1, wb.playground().models().stream().filter(r -> r.winner()).count());
        assertEquals(5, robot.lookup("#playground-neighbours").queryAs(TableView.class).getItems().size());
        TableView<?> history = robot.lookup("#playground-history").queryAs(TableView.class);
        assertEquals(1, history.getItems().size());
        assertTrue(wb.playground().neighbours().get(0).text().startsWith("Translate"), wb.playground().neighbours().get(0).text());
        robot.clickOn("#playground-route");
        waitUntil(30, () -> history.getItems().size() == 2);

        // dashboard: Evaluate (quick) fills the grid; export the cost–quality chart as PNG
        robot.interact(() -> wb.view().showTab("tab-evaluation"));
        robot.clickOn("#dashboard-evaluate");
        TableView<?> grid = robot.lookup("#dashboard-grid").queryAs(TableView.class);
        waitUntil(60, () -> grid.getItems().size() == 5);
        Path png = dir.resolve("chart.png");
        wb.saveDialog().answerWith(request -> png);
        robot.clickOn("#dashboard-export");
        robot.clickOn("Selected chart as PNG…");
        waitUntil(10, () -> Files.exists(png));
        byte[] head = new byte[8];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, 8);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);

        // File → Export router bundle… to a .frb; the summary dialog names it; the CLI verifies it
        Path bundle = dir.resolve("exported.frb");
        wb.saveDialog().answerWith(request -> request.initialName().equals("router.frb") ? bundle : null);
        robot.clickOn("File");
        robot.clickOn("Export router bundle…");
        waitUntil(60, () -> wb.export().summaryProperty().get() != null || wb.export().failureProperty().get() != null);
        assertEquals(null, wb.export().failureProperty().get());
        DialogPane summary = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(summary.getContentText().contains("Written and verified: " + bundle), summary.getContentText());
        assertTrue(summary.getContentText().contains("finerouter bundle verify"), summary.getContentText());
        robot.interact(() -> summary.getScene().getWindow().hide());
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int rc = FineRouterCli.run(new String[]{"bundle", "verify", bundle.toString()}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true));
        assertEquals(0, rc, out + "\n" + err);
    }
}

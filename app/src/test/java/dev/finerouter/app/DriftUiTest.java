package dev.finerouter.app;

import dev.finerouter.app.drift.DriftFixtures;
import dev.finerouter.app.shell.Workbench;
import dev.finerouter.cli.FineRouterCli;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Drift tab through the real UI: open proposals written by the engine against the golden bundle, tick Accept on
 * one, write a new bundle version (the save dialog answered with a temp path), see the summary, and the CLI's
 * {@code bundle verify} accepts the new bundle.
 */
@Tag("ui")
class DriftUiTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final UiWorkbench ui = new UiWorkbench();

    @Test
    void openProposalsAcceptOneAndWriteABundleTheCliVerifies(FxRobot robot, Workbench wb) throws Exception {
        Path proposals = DriftFixtures.writeProposals(dir);
        robot.interact(() -> wb.view().showTab("tab-drift"));
        assertTrue(robot.lookup("#drift-write").queryAs(Button.class).isDisabled());
        robot.interact(() -> {
            robot.lookup("#drift-proposals-path").queryAs(TextField.class).setText(proposals.toString());
            robot.lookup("#drift-bundle-path").queryAs(TextField.class).setText(DriftFixtures.GOLDEN.toString());
        });
        robot.clickOn("#drift-open");
        TableView<?> table = robot.lookup("#drift-proposals").queryAs(TableView.class);
        waitUntil(20, () -> table.getItems().size() == 2);
        assertTrue(robot.lookup("#drift-write").queryAs(Button.class).isDisabled(), "nothing accepted yet");

        // selecting a row shows its examples and candidate ranks
        robot.clickOn("Compute percentages");
        String details = robot.lookup("#drift-details").queryAs(TextArea.class).getText();
        assertTrue(details.contains("1. mathstral"), details);

        // tick Accept on the first proposal only
        List<Node> boxes = List.copyOf(robot.lookup("#drift-proposals .check-box").queryAll());
        assertEquals(2, boxes.size());
        robot.clickOn(boxes.get(0));
        waitUntil(5, () -> ((CheckBox) boxes.get(0)).isSelected());
        assertFalse(((CheckBox) boxes.get(1)).isSelected());
        assertFalse(robot.lookup("#drift-write").queryAs(Button.class).isDisabled());

        Path target = dir.resolve("accepted.frb");
        wb.saveDialog().answerWith(request -> request.initialName().equals("router-accepted.frb") ? target : null);
        robot.clickOn("#drift-write");
        TextArea summary = robot.lookup("#drift-summary").queryAs(TextArea.class);
        waitUntil(30, () -> summary.isVisible() && !summary.getText().isEmpty());
        assertTrue(summary.getText().contains("New bundle version written and verified: " + target), summary.getText());
        assertTrue(summary.getText().contains("tasks 3 → 4"), summary.getText());
        assertTrue(summary.getText().contains("accepted: drift-1"), summary.getText());
        assertTrue(summary.getText().contains("rejected (not added): drift-2"), summary.getText());
        assertTrue(summary.getText().contains("finerouter bundle verify " + target), summary.getText());

        assertEquals(target.toString(), robot.lookup("#replay-bundle-path").queryAs(TextField.class).getText(), "replay is ready for the new version");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = FineRouterCli.run(new String[]{"bundle", "verify", target.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, rc, out + "\n" + err);
        assertTrue(out.toString().contains("4 tasks"), out.toString());
    }
}

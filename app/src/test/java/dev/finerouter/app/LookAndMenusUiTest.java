package dev.finerouter.app;

import dev.finerouter.app.common.Look;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.shell.ShellViewModel;
import dev.finerouter.app.shell.Workbench;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.DialogPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The theme, menus and habits of issue 18: View → Dark mode switches AtlantaFX Primer light/dark and is kept in the
 * preferences; Help → Keyboard shortcuts and About; View → a tab by Ctrl+digit; toolbar buttons carry icons and
 * tooltips and keep their whole text; Quit asks while background work runs.
 */
@Tag("ui")
class LookAndMenusUiTest {
    @RegisterExtension
    final UiWorkbench ui = new UiWorkbench();

    @AfterEach
    void tearDown(Stage stage) {
        robotCloseDialogs(stage);
        Look.applyTheme(false);
    }

    private static void robotCloseDialogs(Stage stage) {
        new FxRobot().interact(() -> new ArrayList<>(javafx.stage.Window.getWindows()).stream().filter(w -> w != stage)
                .forEach(javafx.stage.Window::hide));
    }

    @Test
    void darkModeSwitchesTheThemeAndIsKept(FxRobot robot, Workbench wb) {
        assertFalse(Look.isDark());
        robot.clickOn("View");
        robot.clickOn("Dark mode");
        assertTrue(Look.isDark());
        assertTrue(wb.shell().preferences().darkMode());
        // a new session with the same preferences starts dark
        ShellViewModel next = new ShellViewModel(new Workspace(), wb.shell().preferences(), BackgroundTasks.direct());
        assertTrue(next.darkModeProperty().get());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.D)
                .release(javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
        assertFalse(Look.isDark());
        assertFalse(wb.shell().preferences().darkMode());
    }

    @Test
    void helpShowsShortcutsAndAboutWithVersions(FxRobot robot, Stage stage) {
        robot.clickOn("Help");
        robot.clickOn("Keyboard shortcuts");
        DialogPane keys = robot.lookup("#shortcuts-dialog").queryAs(DialogPane.class);
        assertNotNull(keys);
        assertTrue(robot.from(keys).lookup("Ctrl+Enter").tryQuery().isPresent());
        robotCloseDialogs(stage);
        robot.clickOn("Help");
        robot.clickOn("About FineRouter Workbench");
        DialogPane about = robot.lookup("#about-dialog").queryAs(DialogPane.class);
        assertTrue(about.getContentText().contains("engine " + dev.finerouter.engine.EngineVersion.get()), about.getContentText());
        assertTrue(about.getContentText().contains("Java " + System.getProperty("java.version")), about.getContentText());
    }

    @Test
    void tabsByShortcutAndButtonsWithIconsTooltipsAndWholeText(FxRobot robot, Workbench wb) throws Exception {
        robot.clickOn("#tabs");
        for (String[] tab : new String[][]{{"2", "tab-pipeline"}, {"7", "tab-evaluation"}, {"6", "tab-playground"}, {"5", "tab-whatif"}}) {
            robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.getKeyCode(tab[0]))
                    .release(javafx.scene.input.KeyCode.getKeyCode(tab[0]), javafx.scene.input.KeyCode.CONTROL);
            waitUntil(5, () -> true);
            assertEquals(tab[1], wb.view().lookup("#tabs") instanceof javafx.scene.control.TabPane tp
                    ? tp.getSelectionModel().getSelectedItem().getId() : "");
            List<ButtonBase> buttons = new ArrayList<>();
            collect(((javafx.scene.control.TabPane) wb.view().lookup("#tabs")).getSelectionModel().getSelectedItem().getContent(), buttons);
            assertFalse(buttons.isEmpty(), tab[1]);
            for (ButtonBase b : buttons) {
                if (!b.isVisible() || b.getScene() == null || b.getText() == null || b.getText().isEmpty()) {
                    continue;
                }
                assertNotNull(b.getTooltip(), "tooltip on " + b.getText());
                Text shown = (Text) b.lookup(".text");
                if (shown != null && b.getWidth() > 0) {
                    assertEquals(b.getText(), shown.getText(), "truncated button in " + tab[1]);
                }
            }
            if (tab[1].equals("tab-pipeline")) {
                ButtonBase run = (ButtonBase) wb.view().lookup("#pipeline-run");
                assertTrue(run.getGraphic() instanceof FontIcon, "icon on Run");
            }
        }
    }

    @Test
    void quitAsksWhileBackgroundWorkRuns(FxRobot robot, Workbench wb, Stage stage) throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        robot.interact(() -> ui.tasks().run(job -> {
            hold.await();
            return null;
        }, x -> { }, e -> { }));
        assertTrue(wb.shell().workRunning().get());
        robot.clickOn("File");
        robot.clickOn("Quit");
        waitUntil(5, () -> robot.lookup("#quit-dialog").tryQuery().isPresent());
        robot.clickOn("Cancel");
        assertTrue(stage.isShowing());
        hold.countDown();
        waitUntil(5, () -> !wb.shell().workRunning().get());
    }

    private static void collect(Node n, List<ButtonBase> out) {
        if (n instanceof ButtonBase b) {
            out.add(b);
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }
}

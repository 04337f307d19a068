package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.graph.SvgReadBack;
import dev.finerouter.app.pipeline.PipelineViewModel;
import dev.finerouter.app.shell.Workbench;
import dev.finerouter.engine.service.GoldenRouting;
import dev.finerouter.viz.graph.GraphFrame;
import dev.finerouter.viz.graph.TaskGraphData;
import dev.finerouter.viz.graph.TaskGraphView;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File → Open router bundle…: the golden bundle of the engine tests and a bundle exported from a router trained here
 * fill the task graph, the inspector and the playground without retraining; the window title names what is open;
 * opening a dataset again drops the trained router and the Evaluation results; pipeline settings outlive the session;
 * the golden bundle's graph goes out through Export graph → PNG… and → SVG… (save dialog answered with temporary
 * paths) and both files read back: the PNG at twice the view's size with every task's colour, the SVG with a disc per
 * task and the labels shown on screen.
 */
@Tag("ui")
class OpenBundleUiTest {
    private static final Path GOLDEN = GoldenRouting.GOLDEN;

    @TempDir
    Path dir;
    @RegisterExtension
    final UiWorkbench ui = new UiWorkbench();

    @Test
    void theGoldenBundleFillsGraphInspectorAndPlaygroundWithoutData(FxRobot robot, Workbench wb, Stage stage) throws Exception {
        robot.interact(() -> wb.shell().openBundle(GOLDEN));
        waitUntil(20, () -> wb.workspace().bundleProperty().get() != null);
        assertTrue(stage.getTitle().contains("bundle bundle"), stage.getTitle());
        assertEquals(GOLDEN.toAbsolutePath().normalize(), wb.shell().recentBundles().get(0));
        assertEquals(GOLDEN.toAbsolutePath().normalize(), wb.shell().preferences().recentBundles().get(0));
        waitUntil(20, () -> wb.graph().dataProperty().get().nodes().size() == 3);
        assertEquals(3, wb.graph().dataProperty().get().nodes().size());
        assertFalse(wb.graph().dataProperty().get().edges().isEmpty());

        robot.interact(() -> wb.view().showTab("tab-inspector"));
        assertEquals(3, wb.inspector().filteredRows().size());
        assertEquals("Write Python functions", wb.inspector().filteredRows().get(1).summary());
        robot.interact(() -> wb.inspector().select(1));
        assertEquals(java.util.List.of("coder-xl", "generalist"), wb.inspector().detailProperty().get().candidateNames());
        assertTrue(wb.inspector().noteProperty().get().contains("no training data"));

        // the golden bundle's encoder is a test encoder: routing says so instead of guessing
        robot.interact(() -> wb.view().showTab("tab-playground"));
        assertTrue(wb.playground().readyProperty().get());
        robot.interact(() -> wb.playground().textProperty().set("Write a haiku about snow"));
        robot.clickOn("#playground-route");
        waitUntil(20, () -> !wb.playground().busyProperty().get() && wb.playground().statusProperty().get().startsWith("Cannot route"));
        assertTrue(wb.playground().statusProperty().get().contains("test-trigram-8"), wb.playground().statusProperty().get());
    }

    /**
     * Fills the plan's scores as a user's evaluator would: the new model is right on the Python prompts and poor elsewhere.
     *
     * @return the number of scored prompts
     */
    private static int scoreThePlan(Path plan, String model) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String line : Files.readAllLines(plan)) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode row = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(line);
            row.putObject("scores").put(model, row.path("prompt").asText().contains("Python") ? 1.0 : 0.1);
            out.append(json.writeValueAsString(row)).append('\n');
            n++;
        }
        Files.writeString(plan, out.toString());
        return n;
    }

    @Test
    void aBundleExportedHereRoutesAfterTheDatasetIsReopened(FxRobot robot, Workbench wb, Stage stage) throws Exception {
        Path data = TinyDataset.writePriced(dir);
        UiSteps.openAndRunStage1(robot, wb, dir.resolve("cache"), data);
        UiSteps.trainFromPipeline(robot, wb);
        assertTrue(stage.getTitle().contains("trained router"), stage.getTitle());
        int tasks = wb.workspace().trainingProperty().get().router().tasks().size();

        // evaluate, so there are results on screen
        robot.interact(() -> wb.view().showTab("tab-evaluation"));
        robot.clickOn("#dashboard-evaluate");
        waitUntil(60, () -> wb.dashboard().rows().size() == 5);

        Path bundle = dir.resolve("tiny.frb");
        robot.interact(() -> wb.export().export(bundle));
        waitUntil(60, () -> wb.export().summaryProperty().get() != null || wb.export().failureProperty().get() != null);
        assertNull(wb.export().failureProperty().get());
        robot.interact(() -> robot.lookup(".dialog-pane").queryAll().forEach(n -> n.getScene().getWindow().hide()));

        // opening the dataset again drops the trained router and the evaluation results
        robot.interact(() -> wb.shell().open(data, false));
        waitUntil(20, () -> wb.workspace().trainingProperty().get() == null && !wb.shell().loadingProperty().get());
        assertTrue(wb.dashboard().rows().isEmpty());
        assertNull(wb.dashboard().reportProperty().get());
        assertNull(wb.dashboard().gridProperty().get());
        assertFalse(wb.playground().readyProperty().get());

        // open the exported bundle: the graph and the playground work from it alone
        robot.interact(() -> wb.shell().openBundle(bundle));
        waitUntil(20, () -> wb.workspace().bundleProperty().get() != null);
        assertTrue(stage.getTitle().contains("bundle tiny.frb"), stage.getTitle());
        assertTrue(stage.getTitle().contains("dataset tiny-priced"), stage.getTitle());
        waitUntil(20, () -> wb.graph().dataProperty().get().nodes().size() == tasks);
        assertEquals(tasks, wb.inspector().filteredRows().size());
        // the inspector says how the bundle's router routes the selected task (the robust rule by default)
        robot.interact(() -> wb.view().showTab("tab-inspector"));
        robot.interact(() -> wb.inspector().select(0));
        String routing = robot.lookup("#inspector-routing").queryLabeled().getText();
        assertTrue(routing.startsWith("Routing: the robust rule") || routing.startsWith("Routing: guarded")
                || routing.startsWith("Routing: every prompt"), routing);
        robot.interact(() -> wb.view().showTab("tab-playground"));
        robot.interact(() -> wb.playground().textProperty().set("Write a Python function that sorts a list of 9 owls by weight."));
        robot.clickOn("#playground-route");
        TableView<?> models = robot.lookup("#playground-models").queryAs(TableView.class);
        waitUntil(60, () -> !wb.playground().busyProperty().get() && !models.getItems().isEmpty());
        assertEquals(1, wb.playground().models().stream().filter(r -> r.winner()).count(), wb.playground().statusProperty().get());
        assertTrue(wb.playground().neighbours().isEmpty());
        assertFalse(wb.playground().explanationProperty().get().isBlank());
        assertTrue(wb.playground().explanationProperty().get().contains("compared"), wb.playground().explanationProperty().get());
        assertEquals("local estimate L", models.getColumns().get(2).getText(), "the robust rule's second score is named as such");

        // editing the prompt marks the results stale; Ctrl+Enter routes the new text and clears the mark
        Label stale = robot.lookup("#playground-stale").queryAs(Label.class);
        assertFalse(stale.isVisible());
        robot.clickOn("#playground-text").write(" Quickly.");
        assertTrue(wb.playground().staleProperty().get());
        assertTrue(stale.isVisible());
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        waitUntil(60, () -> !wb.playground().busyProperty().get() && wb.playground().history().entries().size() == 2);
        assertFalse(wb.playground().staleProperty().get());
        assertTrue(wb.playground().history().entries().stream().anyMatch(e -> e.prompt().endsWith("Quickly.")));

        // the test stage is 1200 px wide, narrower than the 1280 px the issue measured: Route keeps its whole text
        Button route = robot.lookup("#playground-route").queryAs(Button.class);
        Text label = (Text) route.lookup(".text");
        assertEquals("Route", label.getText());

        // File → Onboard a model…: a fourth model joins the opened bundle from its scores on the plan's prompts
        Path plan = dir.resolve("onboard-plan.jsonl");
        Path v2 = dir.resolve("tiny-v2.frb");
        wb.saveDialog().answerWith(r -> r.title().startsWith("Write the onboarding plan") ? plan : v2);
        wb.saveDialog().answerOpenWith(r -> plan);
        robot.interact(() -> wb.view().onboardWindow(wb.onboard(), wb.saveDialog()).show());
        robot.clickOn("#onboard-plan");
        waitUntil(60, () -> !wb.onboard().runningProperty().get() && Files.exists(plan));
        assertTrue(wb.onboard().planSummaryProperty().get().startsWith("Wrote onboard-plan.jsonl"), wb.onboard().statusProperty().get());
        int planned = scoreThePlan(plan, "model-d");
        assertTrue(planned > 0);
        // the tiny dataset has per-prompt observed costs but no model prices: the bundle's calls cost 1, so no price is given
        robot.interact(() -> wb.onboard().modelProperty().set("model-d"));
        robot.clickOn("#onboard-load");
        waitUntil(60, () -> !wb.onboard().runningProperty().get()
                && (!wb.onboard().rows().isEmpty() || wb.onboard().statusProperty().get().startsWith("Cannot")));
        assertFalse(wb.onboard().rows().isEmpty(), wb.onboard().statusProperty().get());
        int counted = wb.onboard().rows().stream().mapToInt(r -> r.observed().n()).sum();
        assertTrue(counted >= 1 && counted <= planned, counted + " scored prompts in the task rows, " + planned + " planned");
        assertTrue(wb.onboard().estimateSummaryProperty().get().startsWith("model-d: general estimate"), wb.onboard().estimateSummaryProperty().get());
        assertTrue(wb.onboard().estimateSummaryProperty().get().contains("; memory column: "), wb.onboard().estimateSummaryProperty().get());
        robot.clickOn("#onboard-accept");
        waitUntil(120, () -> !wb.onboard().runningProperty().get()
                && (wb.onboard().writtenProperty().get() != null || wb.onboard().statusProperty().get().startsWith("Cannot")));
        assertEquals(v2, wb.onboard().writtenProperty().get(), wb.onboard().statusProperty().get());
        assertEquals(List.of("model-a", "model-b", "model-c", "model-d"),
                dev.finerouter.engine.bundle.BundleReader.read(v2).router().pool().names());
        assertEquals(0, dev.finerouter.cli.FineRouterCli.run(new String[]{"bundle", "verify", v2.toString()},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter())));
        robot.interact(() -> wb.view().onboardWindow(wb.onboard(), wb.saveDialog()).hide());

        // the pipeline's settings (ℓ = 1 here) are kept in the preferences for the next session
        PipelineViewModel next = new PipelineViewModel(new Workspace(), wb.shell().preferences(), BackgroundTasks.direct());
        assertEquals(1, next.levelsProperty().get());
    }

    @Test
    void theGoldenBundlesGraphExportsAsPngAndSvg(FxRobot robot, Workbench wb) throws Exception {
        robot.interact(() -> wb.shell().openBundle(GOLDEN));
        waitUntil(20, () -> wb.graph().dataProperty().get().nodes().size() == 3);
        robot.interact(() -> wb.view().showTab("tab-graph"));
        TaskGraphView view = robot.lookup("#task-graph").queryAs(TaskGraphView.class);
        waitUntil(20, view::isLayoutIdle);
        robot.interact(view::fit);
        MenuButton export = robot.lookup("#graph-export").queryAs(MenuButton.class);
        assertInstanceOf(FontIcon.class, export.getGraphic(), "icon from Look's map");
        assertNotNull(export.getTooltip());
        Path png = dir.resolve("graph.png");
        Path svg = dir.resolve("graph.svg");
        wb.saveDialog().answerWith(r -> r.initialName().equals("task-graph.png") ? png : r.initialName().equals("task-graph.svg") ? svg : null);

        // PNG: twice the view with its legend, the nodes in their models' colours
        robot.clickOn("#graph-export").clickOn("PNG…");
        waitUntil(10, () -> Files.exists(png));
        GraphFrame shown = WaitForAsyncUtils.asyncFx(view::currentFrame).get();
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the PNG decodes");
        assertEquals(Math.ceil(shown.fullWidth() * 2), image.getWidth());
        assertEquals(Math.ceil(shown.fullHeight() * 2), image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        TaskGraphData data = wb.graph().dataProperty().get();
        for (TaskGraphData.Node n : data.nodes()) {
            assertTrue(colours.contains(Integer.parseInt(data.colour(n.category()).substring(1), 16)), "task " + n.key() + " in its colour");
        }
        assertTrue(colours.size() > 20, "more than a blank picture: " + colours.size() + " colours");

        // SVG: a disc per task and the labels on screen, as text
        robot.clickOn("#graph-export").clickOn("SVG…");
        waitUntil(10, () -> Files.exists(svg));
        SvgReadBack read = SvgReadBack.parse(svg);
        assertEquals(3, read.discsLeftOf(shown.width()).size(), read.discsLeftOf(shown.width()).toString());
        List<String> placed = WaitForAsyncUtils.asyncFx(view::placedLabels).get();
        assertFalse(placed.isEmpty());
        assertTrue(read.texts().containsAll(placed), "the labels on screen " + placed + " in " + read.texts());
        assertTrue(robot.lookup("#graph-export-status").queryLabeled().getText().contains("graph.svg"));
    }
}

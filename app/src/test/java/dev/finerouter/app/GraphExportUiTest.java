package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import dev.finerouter.viz.graph.GraphFrame;
import dev.finerouter.viz.graph.TaskGraphData;
import dev.finerouter.viz.graph.TaskGraphView;
import javafx.scene.control.MenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.finerouter.app.UiSteps.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Task graph → Export graph → PNG… and → SVG… on the golden bundle's graph (3 tasks), with the shared save dialog
 * answered by temporary paths: the PNG decodes at twice the view's size with the nodes' colours in it, the SVG parses
 * and holds a disc per task and the labels shown on screen.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class GraphExportUiTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden-bundle/bundle");

    @TempDir
    Path dir;
    private UiWorkbench ui;
    private Workbench wb;

    @Start
    void start(Stage stage) {
        ui = UiWorkbench.show(stage);
        wb = ui.workbench();
    }

    @AfterEach
    void tearDown() throws Exception {
        ui.close();
    }

    @Test
    void exportsTheShownGraphAsPngAndSvg(FxRobot robot) throws Exception {
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

        robot.clickOn("#graph-export").clickOn("PNG…");
        waitUntil(10, () -> Files.exists(png));
        GraphFrame shown = WaitForAsyncUtils.asyncFx(view::currentFrame).get();
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the PNG decodes");
        assertEquals(Math.ceil(shown.fullWidth() * 2), image.getWidth(), "twice the view with its legend");
        assertEquals(Math.ceil(shown.fullHeight() * 2), image.getHeight());
        TaskGraphData data = wb.graph().dataProperty().get();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        int topColour = Integer.parseInt(data.colour(data.nodes().get(0).category()).substring(1), 16);
        assertTrue(colours.contains(topColour), "a node in its model's colour");
        assertTrue(colours.size() > 20, "more than a blank picture: " + colours.size() + " colours");

        robot.clickOn("#graph-export").clickOn("SVG…");
        waitUntil(10, () -> Files.exists(svg));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // the DOCTYPE names the W3C DTD
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        int discs = 0;
        NodeList ellipses = doc.getElementsByTagName("ellipse");
        for (int i = 0; i < ellipses.getLength(); i++) {
            Element e = (Element) ellipses.item(i);
            if (Double.parseDouble(e.getAttribute("cx")) < shown.width() && !e.getAttribute("style").contains("fill:none")) {
                discs++;
            }
        }
        assertEquals(3, discs, "one disc per task");
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            texts.add(t.item(i).getTextContent());
        }
        List<String> placed = WaitForAsyncUtils.asyncFx(view::placedLabels).get();
        assertTrue(!placed.isEmpty() && texts.containsAll(placed), "the labels on screen " + placed + " in " + texts);
        assertTrue(robot.lookup("#graph-export-status").queryLabeled().getText().contains("graph.svg"));
    }
}

package dev.finerouter.app.graph;

import dev.finerouter.viz.graph.GraphFrame;
import dev.finerouter.viz.graph.GraphHighlight;
import dev.finerouter.viz.graph.TaskGraphData;
import dev.finerouter.viz.graph.ViewTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SVG export of the task graph (no toolkit): the shown nodes, edges, labels and legend, as vectors and text. */
class GraphSvgTest {
    private static final double WIDTH = 600;
    private static final double HEIGHT = 400;
    /** Four tasks on a square's corners, models m0 (tasks 10, 12) and m1 (11, 13); edges 10-11, 11-12, 12-13, 10-12. */
    private static final TaskGraphData SQUARE = new TaskGraphData(
            List.of(new TaskGraphData.Node(10, 40, "#10 capitals", 0, null), new TaskGraphData.Node(11, 30, "#11 currencies", 1, null),
                    new TaskGraphData.Node(12, 20, "#12 python", 0, null), new TaskGraphData.Node(13, 10, "#13 haiku", 1, null)),
            List.of(new TaskGraphData.Edge(0, 1, 0.5), new TaskGraphData.Edge(1, 2, 0.5), new TaskGraphData.Edge(2, 3, 0.5),
                    new TaskGraphData.Edge(0, 2, 0.9)),
            List.of("m0", "m1"), List.of("#1f77b4", "#ff7f0e"));
    private static final double[] POSITIONS = {0, 0, 10, 0, 0, 10, 10, 10};
    /** 6 px per character, 14 px a line. */
    private static final GraphFrame.TextMeasure MEASURE = new GraphFrame.TextMeasure() {
        @Override
        public double width(String text) {
            return 6 * text.length();
        }

        @Override
        public double height() {
            return 14;
        }
    };

    @TempDir
    Path dir;

    private static GraphFrame frame(boolean... hiddenCategories) {
        ViewTransform t = new ViewTransform();
        t.fit(POSITIONS, WIDTH, HEIGHT, GraphFrame.MAX_RADIUS + 30);
        boolean[] matching = new boolean[4];
        Arrays.fill(matching, true);
        GraphHighlight.State[] st = GraphHighlight.states(SQUARE, -1, matching, hiddenCategories);
        return GraphFrame.compose(SQUARE, POSITIONS, t, WIDTH, HEIGHT, st, -1, -1, false, MEASURE);
    }

    private Document write(GraphFrame f) throws Exception {
        Path svg = dir.resolve("graph.svg");
        GraphSvg.write(f, svg);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The SVG's DOCTYPE names the W3C DTD: parse offline.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals(Math.ceil(f.fullWidth()), Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        return doc;
    }

    /** The filled ellipses left of the legend (the nodes), as "cx,cy style". */
    private static List<String> nodeDiscs(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList ellipses = doc.getElementsByTagName("ellipse");
        for (int i = 0; i < ellipses.getLength(); i++) {
            Element e = (Element) ellipses.item(i);
            String style = e.getAttribute("style");
            if (Double.parseDouble(e.getAttribute("cx")) < WIDTH && !style.contains("fill:none")) {
                out.add(e.getAttribute("cx") + "," + e.getAttribute("cy") + " " + style);
            }
        }
        return out;
    }

    /** The lines left of the legend (the edges). */
    private static int edgeLines(Document doc) {
        NodeList lines = doc.getElementsByTagName("line");
        int n = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            if (Double.parseDouble(((Element) lines.item(i)).getAttribute("x1")) < WIDTH) {
                n++;
            }
        }
        return n;
    }

    private static List<String> texts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            out.add(texts.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void everyShownNodeEdgeAndLabelIsInTheSvgWithTheLegend() throws Exception {
        GraphFrame f = frame();
        assertEquals(List.of("#10 capitals", "#11 currencies", "#12 python", "#13 haiku"), f.labelTexts(), "all fit, larger first");
        Document doc = write(f);
        List<String> discs = nodeDiscs(doc);
        assertEquals(4, discs.size(), discs.toString());
        assertEquals(2, discs.stream().filter(s -> s.contains("rgb(31,119,180)")).count(), "m0's palette colour: " + discs);
        assertEquals(2, discs.stream().filter(s -> s.contains("rgb(255,127,14)")).count(), "m1's palette colour: " + discs);
        assertEquals(4, edgeLines(doc));
        List<String> texts = texts(doc);
        assertTrue(texts.containsAll(f.labelTexts()), texts.toString());
        assertTrue(texts.containsAll(List.of("Top candidate", "m0 (2)", "m1 (2)", "4 tasks, 4 edges")), texts.toString());
    }

    @Test
    void tasksOfAModelHiddenInTheLegendAreLeftOut() throws Exception {
        GraphFrame f = frame(false, true);
        Document doc = write(f);
        List<String> discs = nodeDiscs(doc);
        assertEquals(2, discs.size(), discs.toString());
        assertTrue(discs.stream().allMatch(s -> s.contains("rgb(31,119,180)")), discs.toString());
        assertEquals(1, edgeLines(doc), "only 10-12 joins two shown tasks");
        List<String> texts = texts(doc);
        assertTrue(texts.containsAll(List.of("#10 capitals", "#12 python", "m0 (2)", "2 of 4 tasks, 1 edges")), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("#11") || t.startsWith("#13") || t.startsWith("m1")), texts.toString());
    }
}

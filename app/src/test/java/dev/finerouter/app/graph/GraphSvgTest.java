package dev.finerouter.app.graph;

import dev.finerouter.viz.graph.GraphFrame;
import dev.finerouter.viz.graph.GraphHighlight;
import dev.finerouter.viz.graph.TaskGraphData;
import dev.finerouter.viz.graph.ViewTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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

    private SvgReadBack write(GraphFrame f) throws Exception {
        Path svg = dir.resolve("graph.svg");
        GraphSvg.write(f, svg);
        SvgReadBack read = SvgReadBack.parse(svg);
        assertEquals("svg", read.root().getNodeName());
        assertEquals(Math.ceil(f.fullWidth()), Double.parseDouble(read.root().getAttribute("width")));
        return read;
    }

    @Test
    void everyShownNodeEdgeAndLabelIsInTheSvgWithTheLegend() throws Exception {
        GraphFrame f = frame();
        assertEquals(List.of("#10 capitals", "#11 currencies", "#12 python", "#13 haiku"), f.labelTexts(), "all fit, larger first");
        SvgReadBack svg = write(f);
        List<String> discs = svg.discsLeftOf(WIDTH);
        assertEquals(4, discs.size(), discs.toString());
        assertEquals(2, discs.stream().filter(s -> s.contains("rgb(31,119,180)")).count(), "m0's palette colour: " + discs);
        assertEquals(2, discs.stream().filter(s -> s.contains("rgb(255,127,14)")).count(), "m1's palette colour: " + discs);
        assertEquals(4, svg.linesLeftOf(WIDTH));
        List<String> texts = svg.texts();
        assertTrue(texts.containsAll(f.labelTexts()), texts.toString());
        assertTrue(texts.containsAll(List.of("Top candidate", "m0 (2)", "m1 (2)", "4 tasks, 4 edges")), texts.toString());
    }

    @Test
    void tasksOfAModelHiddenInTheLegendAreLeftOut() throws Exception {
        GraphFrame f = frame(false, true);
        SvgReadBack svg = write(f);
        List<String> discs = svg.discsLeftOf(WIDTH);
        assertEquals(2, discs.size(), discs.toString());
        assertTrue(discs.stream().allMatch(s -> s.contains("rgb(31,119,180)")), discs.toString());
        assertEquals(1, svg.linesLeftOf(WIDTH), "only 10-12 joins two shown tasks");
        List<String> texts = svg.texts();
        assertTrue(texts.containsAll(List.of("#10 capitals", "#12 python", "m0 (2)", "2 of 4 tasks, 1 edges")), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("#11") || t.startsWith("#13") || t.startsWith("m1")), texts.toString());
    }
}

package dev.finerouter.app.graph;

import dev.finerouter.viz.graph.GraphHighlight;
import dev.finerouter.viz.graph.TaskGraphData;
import dev.finerouter.viz.graph.TaskGraphView;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task graph view (headless): hover highlight, legend toggles, labels that grow with the zoom. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TaskGraphUiTest {
    private TaskGraphView view;

    @Start
    void start(Stage stage) {
        view = new TaskGraphView();
        stage.setScene(new Scene(view, 900, 600));
        stage.show();
    }

    private static void waitUntil(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    /** 40 tasks on a ring with long labels, two categories; node 0 is the largest. */
    private static TaskGraphData ring() {
        List<TaskGraphData.Node> nodes = new ArrayList<>();
        List<TaskGraphData.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            nodes.add(new TaskGraphData.Node(i, 100 - 2 * i, "#" + i + " capital · currency · border of country number " + i, i % 2, null,
                    "Task " + i + " · " + (100 - 2 * i) + " prompts\ncandidates: m" + (i % 2)));
            edges.add(new TaskGraphData.Edge(i, (i + 1) % 40, 0.5));
        }
        return new TaskGraphData(nodes, edges, List.of("m0", "m1"), List.of("#1f77b4", "#ff7f0e"));
    }

    @Test
    void hoverHighlightsNeighboursAndTheLegendHidesAModelsTasks(FxRobot robot) throws Exception {
        robot.interact(() -> view.dataProperty().set(ring()));
        waitUntil(20, view::isLayoutIdle);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        robot.interact(() -> view.hover(5));
        GraphHighlight.State[] st = WaitForAsyncUtils.asyncFx(view::highlightStates).get();
        assertEquals(GraphHighlight.State.FOCUS, st[5]);
        assertEquals(GraphHighlight.State.NEIGHBOUR, st[4]);
        assertEquals(GraphHighlight.State.NEIGHBOUR, st[6]);
        assertEquals(GraphHighlight.State.DIMMED, st[20]);
        assertTrue(view.tooltipText(5).contains("Task 5 · 90 prompts"));
        robot.interact(() -> view.hover(-1));

        robot.clickOn("#graph-legend-1");
        st = WaitForAsyncUtils.asyncFx(view::highlightStates).get();
        assertTrue(view.isCategoryHidden(1));
        assertEquals(GraphHighlight.State.HIDDEN, st[1]);
        assertEquals(GraphHighlight.State.NORMAL, st[0]);
        robot.clickOn("#graph-legend-1");
        assertFalse(view.isCategoryHidden(1));
        assertTrue(robot.lookup("#graph-legend-1").queryAs(CheckBox.class).isSelected());
    }

    @Test
    void labelsNeverOverlapAndZoomingInShowsMoreOfThemInFull(FxRobot robot) throws Exception {
        robot.interact(() -> view.dataProperty().set(ring()));
        waitUntil(20, view::isLayoutIdle);
        robot.interact(view::fit);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        List<String> fitted = WaitForAsyncUtils.asyncFx(view::placedLabels).get();
        assertFalse(fitted.isEmpty());
        assertTrue(fitted.size() < 40, "not every label fits at the fitted scale: " + fitted.size());
        List<Integer> ids = fitted.stream().map(l -> Integer.parseInt(l.substring(1, l.indexOf(' ')))).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "larger nodes (smaller ids here) are placed first: " + fitted);
        assertTrue(fitted.stream().allMatch(l -> l.length() <= 28), "shortened when fitted: " + fitted);
        robot.interact(() -> view.selectedKeyProperty().set(20));
        robot.interact(view::fitSelection);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        List<String> zoomed = WaitForAsyncUtils.asyncFx(view::placedLabels).get();
        assertTrue(view.relativeZoom() > 1.8, "fit selection zooms in: " + view.relativeZoom());
        assertTrue(zoomed.contains("#20 capital · currency · border of country number 20"), "selected label in full: " + zoomed);
        assertTrue(zoomed.stream().anyMatch(l -> l.startsWith("#19 ") && !l.endsWith("…")), "neighbours in full: " + zoomed);
    }
}

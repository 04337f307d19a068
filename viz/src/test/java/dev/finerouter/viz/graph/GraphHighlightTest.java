package dev.finerouter.viz.graph;

import dev.finerouter.viz.graph.GraphHighlight.State;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.finerouter.viz.graph.GraphHighlight.State.DIMMED;
import static dev.finerouter.viz.graph.GraphHighlight.State.FOCUS;
import static dev.finerouter.viz.graph.GraphHighlight.State.HIDDEN;
import static dev.finerouter.viz.graph.GraphHighlight.State.NEIGHBOUR;
import static dev.finerouter.viz.graph.GraphHighlight.State.NORMAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphHighlightTest {
    /** A path 0 - 1 - 2 - 3; nodes 0, 1 in category a, 2, 3 in b. */
    private static TaskGraphData path() {
        List<TaskGraphData.Node> nodes = List.of(new TaskGraphData.Node(10, 5, "n0", 0, null), new TaskGraphData.Node(11, 4, "n1", 0, null),
                new TaskGraphData.Node(12, 3, "n2", 1, null), new TaskGraphData.Node(13, 2, "n3", 1, null));
        return new TaskGraphData(nodes, List.of(new TaskGraphData.Edge(0, 1, 1), new TaskGraphData.Edge(1, 2, 1),
                new TaskGraphData.Edge(2, 3, 1)), List.of("a", "b"), List.of("#1f77b4", "#ff7f0e"));
    }

    private static final boolean[] ALL = {true, true, true, true};

    @Test
    void withoutFocusNonMatchingNodesAreDimmed() {
        assertArrayEquals(new State[]{NORMAL, DIMMED, NORMAL, NORMAL},
                GraphHighlight.states(path(), -1, new boolean[]{true, false, true, true}, new boolean[0]));
    }

    @Test
    void theFocusAndItsNeighboursStandOutTheRestIsDimmed() {
        assertArrayEquals(new State[]{NEIGHBOUR, FOCUS, NEIGHBOUR, DIMMED}, GraphHighlight.states(path(), 1, ALL, new boolean[0]));
        assertEquals(List.of(0, 2), GraphHighlight.neighbours(path(), 1));
        assertTrue(GraphHighlight.lit(FOCUS, NEIGHBOUR));
        assertFalse(GraphHighlight.lit(NEIGHBOUR, DIMMED));
    }

    @Test
    void aCategorySwitchedOffIsHiddenAndCannotBeFocused() {
        assertArrayEquals(new State[]{NORMAL, NORMAL, HIDDEN, HIDDEN}, GraphHighlight.states(path(), 2, ALL, new boolean[]{false, true}));
        assertArrayEquals(new State[]{NEIGHBOUR, FOCUS, HIDDEN, HIDDEN}, GraphHighlight.states(path(), 1, ALL, new boolean[]{false, true}));
        assertFalse(GraphHighlight.lit(FOCUS, HIDDEN));
    }
}

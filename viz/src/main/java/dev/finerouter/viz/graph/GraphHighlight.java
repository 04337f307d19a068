package dev.finerouter.viz.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * What the task graph emphasises, as a pure function of the data, the focused node (hovered, else selected) and
 * the filters: the focused node and its neighbours stand out and everything else is dimmed; without a focus, nodes
 * that do not match the search or model filter are dimmed; nodes of a category switched off in the legend are hidden.
 */
public final class GraphHighlight {
    /** How a node is drawn. */
    public enum State {
        /** Drawn normally. */
        NORMAL,
        /** The focused node. */
        FOCUS,
        /** A neighbour of the focused node. */
        NEIGHBOUR,
        /** Drawn faint. */
        DIMMED,
        /** Not drawn (its category is switched off). */
        HIDDEN
    }

    private GraphHighlight() {
    }

    /**
     * The state of every node.
     *
     * @param d the graph
     * @param focus index of the focused node, -1 for none (a hidden node cannot be focused)
     * @param matching per node whether it matches the search and model filter
     * @param hiddenCategories per category whether it is switched off (shorter arrays: the rest are on)
     */
    public static State[] states(TaskGraphData d, int focus, boolean[] matching, boolean[] hiddenCategories) {
        int n = d.nodes().size();
        State[] out = new State[n];
        boolean[] hidden = new boolean[n];
        for (int i = 0; i < n; i++) {
            int c = d.nodes().get(i).category();
            hidden[i] = c >= 0 && c < hiddenCategories.length && hiddenCategories[c];
        }
        if (focus >= n || (focus >= 0 && hidden[focus])) {
            focus = -1;
        }
        boolean[] neighbour = new boolean[n];
        if (focus >= 0) {
            for (int j : neighbours(d, focus)) {
                neighbour[j] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (hidden[i]) {
                out[i] = State.HIDDEN;
            } else if (focus < 0) {
                out[i] = matching[i] ? State.NORMAL : State.DIMMED;
            } else if (i == focus) {
                out[i] = State.FOCUS;
            } else {
                out[i] = neighbour[i] ? State.NEIGHBOUR : State.DIMMED;
            }
        }
        return out;
    }

    /** Whether the edge between nodes in states {@code a} and {@code b} is drawn strongly (neither end dimmed or hidden). */
    public static boolean lit(State a, State b) {
        return a != State.DIMMED && a != State.HIDDEN && b != State.DIMMED && b != State.HIDDEN;
    }

    /** The neighbours of node {@code i} (each once, in edge order). */
    public static List<Integer> neighbours(TaskGraphData d, int i) {
        List<Integer> out = new ArrayList<>();
        for (TaskGraphData.Edge e : d.edges()) {
            int other = e.source() == i ? e.target() : e.target() == i ? e.source() : -1;
            if (other >= 0 && other != i && !out.contains(other)) {
                out.add(other);
            }
        }
        return out;
    }
}

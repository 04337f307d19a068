package dev.finerouter.viz.graph;

import java.util.List;
import java.util.Objects;

/**
 * What the task graph shows, as plain data: nodes (one per task), weighted undirected edges and the category names
 * that colour the nodes (for FineRouter: the model ranked first among a task's candidates).
 *
 * @param nodes the nodes; a node's index in this list is its id in {@link Edge}s and selections
 * @param edges the edges between node indices
 * @param categories category names; {@link Node#category()} indexes this list
 * @param colours per category its colour as {@code #rrggbb} (the caller's shared palette)
 */
public record TaskGraphData(List<Node> nodes, List<Edge> edges, List<String> categories, List<String> colours) {
    /** An empty graph. */
    public static final TaskGraphData EMPTY = new TaskGraphData(List.of(), List.of(), List.of(), List.of());
    /** The colour of nodes without a category. */
    public static final String NO_CATEGORY = "#9e9e9e";

    /** Validates and copies. */
    public TaskGraphData {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        categories = List.copyOf(categories);
        colours = List.copyOf(colours);
        if (colours.size() != categories.size()) {
            throw new IllegalArgumentException(colours.size() + " colours for " + categories.size() + " categories");
        }
        for (Node n : nodes) {
            if (n.category() >= categories.size()) {
                throw new IllegalArgumentException("node " + n.key() + " has category " + n.category() + " of " + categories.size());
            }
        }
        for (Edge e : edges) {
            if (e.source() < 0 || e.target() < 0 || e.source() >= nodes.size() || e.target() >= nodes.size()) {
                throw new IllegalArgumentException("edge " + e + " leaves the " + nodes.size() + " nodes");
            }
        }
    }

    /**
     * One node.
     *
     * @param key the caller's id for the node (for FineRouter: the task id)
     * @param size how big it is (prompts); drives the drawn radius
     * @param label a short label drawn next to it
     * @param category index into {@link TaskGraphData#categories()}, or -1 for none
     * @param searchText text the search box matches against (case-insensitive)
     * @param details the hover tooltip (several lines), or {@code null} for the label
     */
    public record Node(int key, int size, String label, int category, String searchText, String details) {
        /** Validates. */
        public Node {
            Objects.requireNonNull(label, "label");
            searchText = searchText == null ? label : searchText;
            details = details == null ? label : details;
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0");
            }
        }

        /** A node whose tooltip is its label. */
        public Node(int key, int size, String label, int category, String searchText) {
            this(key, size, label, category, searchText, null);
        }
    }

    /**
     * One undirected edge.
     *
     * @param source node index
     * @param target node index
     * @param weight strength in [0, 1] (for FineRouter: cosine similarity of the task centers)
     */
    public record Edge(int source, int target, double weight) {
    }

    /** The colour of {@code category}, {@link #NO_CATEGORY} for -1. */
    public String colour(int category) {
        return category < 0 ? NO_CATEGORY : colours.get(category);
    }

    /** The largest node size (at least 1). */
    public int maxSize() {
        return Math.max(1, nodes.stream().mapToInt(Node::size).max().orElse(1));
    }

    /** The index of the node with {@code key}, or -1. */
    public int indexOfKey(int key) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).key() == key) {
                return i;
            }
        }
        return -1;
    }
}

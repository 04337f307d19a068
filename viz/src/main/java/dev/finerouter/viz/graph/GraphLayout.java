package dev.finerouter.viz.graph;

import org.graphstream.graph.Graph;
import org.graphstream.graph.Node;
import org.graphstream.graph.implementations.SingleGraph;
import org.graphstream.stream.GraphReplay;
import org.graphstream.ui.graphicGraph.GraphPosLengthUtils;
import org.graphstream.ui.layout.springbox.implementations.SpringBox;

import java.util.Random;

/**
 * A force-directed layout of a {@link TaskGraphData} (GraphStream's {@code SpringBox}, no GraphStream viewer).
 * Not thread-safe: one thread calls {@link #step()}; others read the immutable snapshots from {@link #positions()}.
 */
public final class GraphLayout {
    private final Graph graph;
    private final SpringBox layout;
    private final int nodeCount;
    private volatile double[] positions;

    /**
     * Prepares the layout; positions start random (seeded).
     *
     * @param data the graph
     * @param seed seed of the initial positions, so the same data gives the same picture
     */
    public GraphLayout(TaskGraphData data, long seed) {
        nodeCount = data.nodes().size();
        graph = new SingleGraph("tasks", false, true);
        for (int i = 0; i < nodeCount; i++) {
            graph.addNode(Integer.toString(i));
        }
        int e = 0;
        for (TaskGraphData.Edge edge : data.edges()) {
            if (edge.source() == edge.target()) {
                continue;
            }
            String a = Integer.toString(edge.source());
            String b = Integer.toString(edge.target());
            if (graph.getNode(a).hasEdgeBetween(b)) {
                continue;
            }
            graph.addEdge("e" + e++, a, b).setAttribute("layout.weight", 1.0 + 2 * (1 - Math.max(0, Math.min(1, edge.weight()))));
        }
        layout = new SpringBox(false, new Random(seed));
        // The layout must see the graph as events: a replay, not nodeAdded by hand (that collapses it).
        GraphReplay replay = new GraphReplay("replay");
        replay.addSink(layout);
        replay.replay(graph);
        layout.addAttributeSink(graph);
        positions = readPositions();
    }

    /**
     * Runs one layout iteration and publishes the new positions.
     *
     * @return whether the layout is still moving (false once settled)
     */
    public boolean step() {
        if (nodeCount == 0) {
            return false;
        }
        layout.compute();
        positions = readPositions();
        return !isSettled();
    }

    /** Whether the layout has reached its stabilisation limit. */
    public boolean isSettled() {
        return nodeCount == 0 || layout.getStabilization() >= layout.getStabilizationLimit();
    }

    /** Stabilisation in [0, 1]. */
    public double stabilization() {
        return nodeCount == 0 ? 1 : layout.getStabilization();
    }

    /** The latest positions, {@code x0, y0, x1, y1, …} by node index; never modified after publication. */
    public double[] positions() {
        return positions;
    }

    private double[] readPositions() {
        double[] out = new double[2 * nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            Node n = graph.getNode(i);
            double[] xyz = GraphPosLengthUtils.nodePosition(n);
            if (xyz != null) {
                out[2 * i] = xyz[0];
                out[2 * i + 1] = xyz[1];
            }
        }
        return out;
    }
}

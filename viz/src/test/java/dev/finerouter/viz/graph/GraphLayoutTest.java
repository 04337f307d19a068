package dev.finerouter.viz.graph;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphLayoutTest {
    private static TaskGraphData ring(int n) {
        List<TaskGraphData.Node> nodes = new ArrayList<>();
        List<TaskGraphData.Edge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new TaskGraphData.Node(i, 1 + i, "task " + i, i % 2, null));
            edges.add(new TaskGraphData.Edge(i, (i + 1) % n, 0.5));
        }
        return new TaskGraphData(nodes, edges, List.of("a", "b"), List.of("#1f77b4", "#ff7f0e"));
    }

    @Test
    void settlesWithFiniteSpreadPositions() {
        GraphLayout layout = new GraphLayout(ring(12), 1);
        int steps = 0;
        while (layout.step() && steps < 5000) {
            steps++;
        }
        assertTrue(layout.isSettled(), "settled after " + steps + " steps");
        double[] p = layout.positions();
        assertEquals(24, p.length);
        double spread = 0;
        for (double v : p) {
            assertTrue(Double.isFinite(v));
            spread = Math.max(spread, Math.abs(v - p[0]));
        }
        assertTrue(spread > 1e-3, "not collapsed");
    }

    @Test
    void emptyGraphIsSettled() {
        GraphLayout layout = new GraphLayout(TaskGraphData.EMPTY, 1);
        assertTrue(layout.isSettled());
        assertEquals(0, layout.positions().length);
    }

    @Test
    void transformRoundTripsAndHitsNodes() {
        ViewTransform t = new ViewTransform();
        double[] p = {0, 0, 10, 10};
        t.fit(p, 400, 300, 20);
        assertEquals(0, t.toLayoutX(t.toScreenX(0, 400), 400), 1e-9);
        assertEquals(10, t.toLayoutY(t.toScreenY(10, 300), 300), 1e-9);
        double sx = t.toScreenX(10, 400);
        double sy = t.toScreenY(10, 300);
        assertEquals(1, t.hit(p, new double[]{5, 5}, sx + 3, sy, 400, 300));
        assertEquals(-1, t.hit(p, new double[]{5, 5}, 200 + 1000, 150, 400, 300));
        t.zoomAt(2, sx, sy, 400, 300);
        assertEquals(sx, t.toScreenX(10, 400), 1e-9);
    }
}

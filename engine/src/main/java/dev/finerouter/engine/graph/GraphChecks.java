package dev.finerouter.engine.graph;

/** Shared validation of edge lists. */
final class GraphChecks {
    private GraphChecks() {
    }

    static void checkEdges(int nodes, int[] source, int[] target) {
        if (nodes < 0) {
            throw new IllegalArgumentException("negative node count " + nodes);
        }
        for (int e = 0; e < source.length; e++) {
            int s = source[e];
            int t = target[e];
            if (s < 0 || t >= nodes || s >= t) {
                throw new IllegalArgumentException("edge " + e + " (" + s + ", " + t + ") must have 0 <= source < target < " + nodes);
            }
            if (e > 0 && (source[e - 1] > s || (source[e - 1] == s && target[e - 1] >= t))) {
                throw new IllegalArgumentException("edges must be sorted by (source, target) and unique at edge " + e);
            }
        }
    }
}

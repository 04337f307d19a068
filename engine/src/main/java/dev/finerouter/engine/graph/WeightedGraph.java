package dev.finerouter.engine.graph;

import java.util.Arrays;

/**
 * An undirected weighted graph: each edge once with {@code source < target}, sorted by (source, target), with a
 * positive finite weight, plus the cosine and RBO the weight came from (kept for inspection in the workbench).
 * Nodes without edges are allowed (they end up alone in their own community). Immutable.
 */
public final class WeightedGraph {
    private final int nodes;
    private final int[] source;
    private final int[] target;
    private final double[] weight;
    private final float[] cosine;
    private final double[] rbo;

    WeightedGraph(int nodes, int[] source, int[] target, double[] weight, float[] cosine, double[] rbo, boolean validate) {
        if (source.length != target.length || source.length != weight.length || source.length != cosine.length
                || source.length != rbo.length) {
            throw new IllegalArgumentException("edge arrays differ in length");
        }
        if (validate) {
            GraphChecks.checkEdges(nodes, source, target);
            for (int e = 0; e < weight.length; e++) {
                if (!(weight[e] > 0) || !Double.isFinite(weight[e])) {
                    throw new IllegalArgumentException("weight of edge " + e + " must be positive and finite, got " + weight[e]);
                }
            }
        }
        this.nodes = nodes;
        this.source = source;
        this.target = target;
        this.weight = weight;
        this.cosine = cosine;
        this.rbo = rbo;
    }

    /**
     * Creates a graph from arrays (copied).
     *
     * @throws IllegalArgumentException when lengths differ, an edge is malformed, unsorted or repeated, or a weight is
     *     not positive and finite
     */
    public static WeightedGraph of(int nodes, int[] source, int[] target, double[] weight, float[] cosine, double[] rbo) {
        return new WeightedGraph(nodes, source.clone(), target.clone(), weight.clone(), cosine.clone(), rbo.clone(), true);
    }

    /** A graph with only weights; cosine and RBO are recorded as NaN. */
    public static WeightedGraph of(int nodes, int[] source, int[] target, double[] weight) {
        float[] cos = new float[source.length];
        double[] r = new double[source.length];
        Arrays.fill(cos, Float.NaN);
        Arrays.fill(r, Double.NaN);
        return new WeightedGraph(nodes, source.clone(), target.clone(), weight.clone(), cos, r, true);
    }

    /** Number of nodes. */
    public int nodes() {
        return nodes;
    }

    /** Number of undirected edges. */
    public int edgeCount() {
        return source.length;
    }

    /** The smaller endpoint of edge {@code e}. */
    public int source(int e) {
        return source[e];
    }

    /** The larger endpoint of edge {@code e}. */
    public int target(int e) {
        return target[e];
    }

    /** The weight of edge {@code e}, positive. */
    public double weight(int e) {
        return weight[e];
    }

    /** The raw cosine similarity of edge {@code e} (NaN if not recorded). */
    public float cosine(int e) {
        return cosine[e];
    }

    /** The RBO of edge {@code e}'s endpoint rankings (NaN if not recorded). */
    public double rbo(int e) {
        return rbo[e];
    }

    /** Sum of all edge weights (each undirected edge counted once). */
    public double totalWeight() {
        double s = 0;
        for (double w : weight) {
            s += w;
        }
        return s;
    }

    /** A copy of the sources. */
    public int[] sources() {
        return source.clone();
    }

    /** A copy of the targets. */
    public int[] targets() {
        return target.clone();
    }

    /** A copy of the weights. */
    public double[] weights() {
        return weight.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedGraph g && nodes == g.nodes && Arrays.equals(source, g.source)
                && Arrays.equals(target, g.target) && Arrays.equals(weight, g.weight) && Arrays.equals(cosine, g.cosine)
                && Arrays.equals(rbo, g.rbo);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(source) + Arrays.hashCode(target)) + Arrays.hashCode(weight);
    }

    @Override
    public String toString() {
        return "WeightedGraph[nodes=" + nodes + ", edges=" + source.length + "]";
    }
}

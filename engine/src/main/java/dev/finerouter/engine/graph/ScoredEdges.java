package dev.finerouter.engine.graph;

import java.util.Arrays;

/**
 * Every kNN edge with its cosine and the RBO of its endpoints' rankings, before the τ filter. This is the expensive
 * part of the prompt graph; keeping it lets the workbench try another τ with {@link #filter(double)} without
 * recomputing kNN or RBO. Immutable.
 *
 * <p>{@link #filter(double)} implements method steps 5–6:
 * <ol>
 *   <li>keep the edges with RBO ≥ τ (drop RBO &lt; τ);</li>
 *   <li>min-max normalise the kept cosines and, separately, the kept RBOs to [0, 1]; when all kept values of one
 *       kind are equal (max = min, including a single kept edge) the normalised value is defined as 1 for all;</li>
 *   <li>weight = sqrt(cos_norm × rbo_norm);</li>
 *   <li>a weight below {@link #MIN_WEIGHT} (in particular 0, for the edge with the smallest kept cosine or RBO) is
 *       floored to {@link #MIN_WEIGHT}: the edge passed the RBO filter and connects kNN neighbours, so it stays
 *       in the graph and keeps its endpoints connected, but it pulls with negligible force. Weights are in (0, 1],
 *       so the floor is also relative to the largest possible weight.</li>
 * </ol>
 */
public final class ScoredEdges {
    /** The floor applied to edge weights (relative to the maximum weight 1). */
    public static final double MIN_WEIGHT = 1e-6;

    private final int nodes;
    private final int[] source;
    private final int[] target;
    private final float[] cosine;
    private final double[] rbo;

    ScoredEdges(int nodes, int[] source, int[] target, float[] cosine, double[] rbo) {
        this.nodes = nodes;
        this.source = source;
        this.target = target;
        this.cosine = cosine;
        this.rbo = rbo;
    }

    /**
     * Creates scored edges from arrays (copied).
     *
     * @throws IllegalArgumentException when lengths differ, edges are malformed/unsorted, or a value is not finite
     */
    public static ScoredEdges of(int nodes, int[] source, int[] target, float[] cosine, double[] rbo) {
        if (source.length != target.length || source.length != cosine.length || source.length != rbo.length) {
            throw new IllegalArgumentException("edge arrays differ in length");
        }
        GraphChecks.checkEdges(nodes, source, target);
        for (int e = 0; e < rbo.length; e++) {
            if (!Float.isFinite(cosine[e]) || !Double.isFinite(rbo[e])) {
                throw new IllegalArgumentException("edge " + e + " has a non-finite cosine or RBO");
            }
        }
        return new ScoredEdges(nodes, source.clone(), target.clone(), cosine.clone(), rbo.clone());
    }

    /**
     * Keeps edges with RBO ≥ τ and weights them (see the class comment).
     *
     * @param tau the RBO threshold, in [0, 1]
     * @throws IllegalArgumentException when τ is outside [0, 1]
     */
    public WeightedGraph filter(double tau) {
        if (!(tau >= 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau must be in [0, 1], got " + tau);
        }
        int kept = 0;
        float cMin = Float.POSITIVE_INFINITY;
        float cMax = Float.NEGATIVE_INFINITY;
        double rMin = Double.POSITIVE_INFINITY;
        double rMax = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < rbo.length; e++) {
            if (rbo[e] >= tau) {
                kept++;
                cMin = Math.min(cMin, cosine[e]);
                cMax = Math.max(cMax, cosine[e]);
                rMin = Math.min(rMin, rbo[e]);
                rMax = Math.max(rMax, rbo[e]);
            }
        }
        int[] s = new int[kept];
        int[] t = new int[kept];
        double[] w = new double[kept];
        float[] c = new float[kept];
        double[] r = new double[kept];
        double cRange = (double) cMax - cMin;
        double rRange = rMax - rMin;
        int i = 0;
        for (int e = 0; e < rbo.length; e++) {
            if (rbo[e] >= tau) {
                double cn = cRange > 0 ? (cosine[e] - (double) cMin) / cRange : 1.0;
                double rn = rRange > 0 ? (rbo[e] - rMin) / rRange : 1.0;
                s[i] = source[e];
                t[i] = target[e];
                c[i] = cosine[e];
                r[i] = rbo[e];
                w[i] = Math.max(MIN_WEIGHT, Math.sqrt(cn * rn));
                i++;
            }
        }
        return new WeightedGraph(nodes, s, t, w, c, r, false);
    }

    /** Number of nodes. */
    public int nodes() {
        return nodes;
    }

    /** Number of edges (before filtering). */
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

    /** The cosine of edge {@code e}. */
    public float cosine(int e) {
        return cosine[e];
    }

    /** The RBO of edge {@code e}. */
    public double rbo(int e) {
        return rbo[e];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoredEdges g && nodes == g.nodes && Arrays.equals(source, g.source)
                && Arrays.equals(target, g.target) && Arrays.equals(cosine, g.cosine) && Arrays.equals(rbo, g.rbo);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(source) + Arrays.hashCode(target)) + Arrays.hashCode(rbo);
    }

    @Override
    public String toString() {
        return "ScoredEdges[nodes=" + nodes + ", edges=" + source.length + "]";
    }
}

package dev.finerouter.engine.graph;

import java.util.Arrays;

/**
 * The k nearest neighbours of every node: node {@code i}'s j-th neighbour (j from 0, most similar first) and its
 * cosine similarity. Immutable; arrays are copied in and out.
 */
public final class KnnResult {
    private final int nodes;
    private final int k;
    private final int[] neighbours;
    private final float[] similarities;

    /**
     * Creates a result from row-major {@code nodes × k} arrays (copied).
     *
     * @throws IllegalArgumentException when lengths do not match, an index is out of range or a node lists itself
     */
    public KnnResult(int nodes, int k, int[] neighbours, float[] similarities) {
        this(nodes, k, neighbours.clone(), similarities.clone(), true);
    }

    KnnResult(int nodes, int k, int[] neighbours, float[] similarities, boolean validate) {
        if (nodes < 0 || k < 0 || neighbours.length != (long) nodes * k || similarities.length != neighbours.length) {
            throw new IllegalArgumentException("bad shape: nodes=" + nodes + ", k=" + k + ", lengths " + neighbours.length
                    + "/" + similarities.length);
        }
        if (validate) {
            for (int i = 0; i < neighbours.length; i++) {
                int j = neighbours[i];
                if (j < 0 || j >= nodes || j == i / k) {
                    throw new IllegalArgumentException("bad neighbour " + j + " of node " + (i / k));
                }
            }
        }
        this.nodes = nodes;
        this.k = k;
        this.neighbours = neighbours;
        this.similarities = similarities;
    }

    /** Number of nodes. */
    public int nodes() {
        return nodes;
    }

    /** Neighbours per node. */
    public int k() {
        return k;
    }

    /** The {@code rank}-th neighbour (from 0) of {@code node}. */
    public int neighbour(int node, int rank) {
        return neighbours[node * k + rank];
    }

    /** The cosine similarity of {@code node} and its {@code rank}-th neighbour. */
    public float similarity(int node, int rank) {
        return similarities[node * k + rank];
    }

    /** A copy of one node's neighbours, most similar first. */
    public int[] neighboursOf(int node) {
        return Arrays.copyOfRange(neighbours, node * k, (node + 1) * k);
    }

    /** A copy of one node's similarities, matching {@link #neighboursOf}. */
    public float[] similaritiesOf(int node) {
        return Arrays.copyOfRange(similarities, node * k, (node + 1) * k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnnResult r && nodes == r.nodes && k == r.k && Arrays.equals(neighbours, r.neighbours)
                && Arrays.equals(similarities, r.similarities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(neighbours) + Arrays.hashCode(similarities);
    }

    @Override
    public String toString() {
        return "KnnResult[nodes=" + nodes + ", k=" + k + "]";
    }
}

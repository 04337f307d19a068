package dev.finerouter.engine.graph;

import java.util.Arrays;

/**
 * The undirected kNN graph as an edge list: each edge once with {@code source < target}, sorted by (source, target),
 * and its cosine similarity. An edge exists when either endpoint lists the other among its k nearest neighbours.
 * Immutable.
 */
public final class KnnEdges {
    private final int nodes;
    private final int[] source;
    private final int[] target;
    private final float[] cosine;

    private KnnEdges(int nodes, int[] source, int[] target, float[] cosine) {
        this.nodes = nodes;
        this.source = source;
        this.target = target;
        this.cosine = cosine;
    }

    /**
     * Creates an edge list from arrays (copied).
     *
     * @throws IllegalArgumentException when lengths differ, an index is out of range, {@code source >= target} or the
     *     edges are not sorted and unique
     */
    public static KnnEdges of(int nodes, int[] source, int[] target, float[] cosine) {
        if (source.length != target.length || source.length != cosine.length) {
            throw new IllegalArgumentException("edge arrays differ in length");
        }
        GraphChecks.checkEdges(nodes, source, target);
        return new KnnEdges(nodes, source.clone(), target.clone(), cosine.clone());
    }

    /** Turns directed kNN lists into undirected edges, each once (i &lt; j), sorted by (i, j). */
    public static KnnEdges from(KnnResult knn) {
        int n = knn.nodes();
        int k = knn.k();
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                count[Math.min(i, knn.neighbour(i, r)) + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        int[] fill = Arrays.copyOf(count, n);
        int[] tgt = new int[n * k];
        float[] cos = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = knn.neighbour(i, r);
                int lo = Math.min(i, j);
                int pos = fill[lo]++;
                tgt[pos] = Math.max(i, j);
                cos[pos] = knn.similarity(i, r);
            }
        }
        int[] outS = new int[n * k];
        int[] outT = new int[n * k];
        float[] outC = new float[n * k];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int from = count[i];
            int to = count[i + 1];
            // insertion sort of the (small) segment by target
            for (int a = from + 1; a < to; a++) {
                int t = tgt[a];
                float c = cos[a];
                int b = a - 1;
                while (b >= from && tgt[b] > t) {
                    tgt[b + 1] = tgt[b];
                    cos[b + 1] = cos[b];
                    b--;
                }
                tgt[b + 1] = t;
                cos[b + 1] = c;
            }
            for (int a = from; a < to; a++) {
                if (a > from && tgt[a] == tgt[a - 1]) {
                    outC[m - 1] = Math.max(outC[m - 1], cos[a]);
                    continue;
                }
                outS[m] = i;
                outT[m] = tgt[a];
                outC[m] = cos[a];
                m++;
            }
        }
        return new KnnEdges(n, Arrays.copyOf(outS, m), Arrays.copyOf(outT, m), Arrays.copyOf(outC, m));
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

    /** The cosine similarity of edge {@code e}'s endpoints. */
    public float cosine(int e) {
        return cosine[e];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnnEdges g && nodes == g.nodes && Arrays.equals(source, g.source)
                && Arrays.equals(target, g.target) && Arrays.equals(cosine, g.cosine);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(source) + Arrays.hashCode(target)) + Arrays.hashCode(cosine);
    }

    @Override
    public String toString() {
        return "KnnEdges[nodes=" + nodes + ", edges=" + source.length + "]";
    }
}

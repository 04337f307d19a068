package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.WeightedGraph;
import dev.finerouter.engine.knob.Knobs;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Random;
import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;

/**
 * Leiden community detection (Traag, Waltman &amp; van Eck 2019) over a {@link WeightedGraph}, through CWTS
 * {@code networkanalysis} 1.3.0 (method step 7).
 *
 * <p>Quality function: <b>modularity</b> with resolution γ (default 1.0, the standard modularity). It is implemented
 * as CPM on a network whose node weights are the nodes' total edge weights, with resolution γ / (2 · total edge
 * weight), which is how the library's own runner does it. Modularity is scale-free, so the [0, 1] edge weights need
 * no further tuning (CPM's resolution would depend on the weight scale).
 *
 * <p>Randomness: a {@link Random} seeded with the given seed drives the algorithm (randomness parameter 0.01, the
 * library default), so a seed gives the same clustering every time. Iterations run until one changes nothing, at
 * most {@code maxIterations}; cancellation is checked between iterations. Clusters are numbered 0.. by size
 * descending (library order); nodes without edges become singleton clusters.
 */
public final class LeidenClusterer {
    private final double resolution;
    private final int maxIterations;

    /**
     * Creates a clusterer.
     *
     * @param resolution modularity resolution γ &gt; 0
     * @param maxIterations at least 1
     */
    public LeidenClusterer(double resolution, int maxIterations) {
        if (!Knobs.LEIDEN_RESOLUTION.accepts(resolution) || !Knobs.LEIDEN_ITERATIONS.accepts(maxIterations)) {
            throw new IllegalArgumentException("bad Leiden settings: resolution " + resolution + ", iterations " + maxIterations);
        }
        this.resolution = resolution;
        this.maxIterations = maxIterations;
    }

    /**
     * Clusters the graph.
     *
     * @param graph the weighted graph
     * @param seed seed of the algorithm's random choices
     * @param context cancellation
     * @return the cluster of every node, numbered 0.. by cluster size descending
     * @throws CancelledException when cancelled
     */
    public int[] cluster(WeightedGraph graph, long seed, StageContext context) throws CancelledException {
        int n = graph.nodes();
        int m = graph.edgeCount();
        if (m == 0) {
            int[] singletons = new int[n];
            for (int i = 0; i < n; i++) {
                singletons[i] = i;
            }
            return singletons;
        }
        int[] from = new int[m];
        int[] to = new int[m];
        double[] w = new double[m];
        for (int e = 0; e < m; e++) {
            from[e] = graph.source(e);
            to[e] = graph.target(e);
            w[e] = graph.weight(e);
        }
        LargeIntArray[] edges = {new LargeIntArray(from), new LargeIntArray(to)};
        Network network = new Network(n, true, edges, new LargeDoubleArray(w), false, false);
        double cpmResolution = resolution / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
        LeidenAlgorithm leiden = new LeidenAlgorithm(cpmResolution, 1, LeidenAlgorithm.DEFAULT_RANDOMNESS, new Random(seed));
        Clustering clustering = new Clustering(n);
        for (int it = 0; it < maxIterations; it++) {
            context.checkCancelled();
            if (!leiden.improveClustering(network, clustering)) {
                break;
            }
        }
        clustering.orderClustersByNNodes();
        return dense(clustering.getClusters());
    }

    /** Renumbers cluster ids to 0..c−1 keeping their order (guards against empty ids). */
    private static int[] dense(int[] clusters) {
        int max = -1;
        for (int c : clusters) {
            max = Math.max(max, c);
        }
        int[] map = new int[max + 1];
        java.util.Arrays.fill(map, -1);
        for (int c : clusters) {
            map[c] = 0;
        }
        int next = 0;
        for (int c = 0; c <= max; c++) {
            if (map[c] == 0) {
                map[c] = next++;
            }
        }
        int[] out = new int[clusters.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = map[clusters[i]];
        }
        return out;
    }

    /** The modularity resolution γ. */
    public double resolution() {
        return resolution;
    }

    /** The iteration cap. */
    public int maxIterations() {
        return maxIterations;
    }
}

package dev.finerouter.engine.graph;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

/**
 * Builds the prompt graph of method steps 3–6: kNN by cosine, RBO of the endpoints' preference rankings on every
 * kNN edge ({@link #score}), then the τ filter and geometric-mean weights ({@link ScoredEdges#filter(double)}).
 * Works the same for prompts and for communities (nodes with a center embedding and a fused ranking).
 */
public final class PromptGraphBuilder {
    private final KnnIndex index;
    private final RankBiasedOverlap rbo;

    /**
     * Creates a builder.
     *
     * @param index the neighbour search (e.g. {@link ExactKnn})
     * @param rbo the ranking similarity
     */
    public PromptGraphBuilder(KnnIndex index, RankBiasedOverlap rbo) {
        if (index == null || rbo == null) {
            throw new IllegalArgumentException("index and rbo are required");
        }
        this.index = index;
        this.rbo = rbo;
    }

    /**
     * Searches the k nearest neighbours and scores every resulting undirected edge with the RBO of its endpoints'
     * rankings.
     *
     * @param embeddings one L2-normalised vector per node
     * @param rankings one ranking per node, all of the same length
     * @param k neighbours per node (capped at nodes − 1)
     * @param context progress and cancellation
     * @throws CancelledException when cancelled
     * @throws IllegalArgumentException when the counts differ
     */
    public ScoredEdges score(EmbeddingMatrix embeddings, PreferenceRanking[] rankings, int k, StageContext context)
            throws CancelledException {
        if (embeddings.rows() != rankings.length) {
            throw new IllegalArgumentException(embeddings.rows() + " embeddings but " + rankings.length + " rankings");
        }
        KnnResult knn = index.search(embeddings, k, context);
        context.checkCancelled();
        return score(KnnEdges.from(knn), rankings);
    }

    /** Scores given kNN edges with the RBO of their endpoints' rankings. */
    public ScoredEdges score(KnnEdges edges, PreferenceRanking[] rankings) {
        if (edges.nodes() != rankings.length) {
            throw new IllegalArgumentException(edges.nodes() + " nodes but " + rankings.length + " rankings");
        }
        int m = edges.edgeCount();
        int[] s = new int[m];
        int[] t = new int[m];
        float[] c = new float[m];
        double[] r = new double[m];
        for (int e = 0; e < m; e++) {
            s[e] = edges.source(e);
            t[e] = edges.target(e);
            c[e] = edges.cosine(e);
            r[e] = rbo.similarity(rankings[s[e]], rankings[t[e]]);
        }
        return new ScoredEdges(edges.nodes(), s, t, c, r);
    }

    /** {@link #score} followed by {@link ScoredEdges#filter(double) filter(tau)}. */
    public WeightedGraph build(EmbeddingMatrix embeddings, PreferenceRanking[] rankings, int k, double tau,
            StageContext context) throws CancelledException {
        return score(embeddings, rankings, k, context).filter(tau);
    }
}

package dev.finerouter.engine.graph;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

/**
 * Exact cosine k-nearest-neighbour search by a blocked matrix product over the distinct rows.
 *
 * <p><b>Distinct rows.</b> Bit-identical rows (prompts with the same description) are grouped first
 * ({@link DistinctRows}, O(n·d)); the product then runs over the D distinct vectors only, O(D²·d) instead of O(n²·d)
 * (the 100k synthetic set has D = 4,740 for n = 79,990). Every member of a group has the same similarity to every row,
 * so for each group g the search keeps the top {@code k + 1} rows of the whole matrix ({@link TopLists}: a group with
 * similarity s offers its members in ascending order) and a member i of g gets that list without i, cut to k.
 * Removing one row from a top-(k + 1) list leaves the top k of the other rows, so the result is the same as a
 * row-by-row search.
 *
 * <p><b>Product.</b> {@link BlockProduct}: column blocks of about 256 KB, query rows split across worker threads,
 * cancellation and progress between blocks. A similarity is summed over components in index order with no fused
 * multiply-add, so {@code sim(i, j) == sim(j, i) == EmbeddingMatrix.cosine(i, j)} exactly, and results do not depend
 * on the thread count or on the grouping.
 *
 * <p>Ties are broken by neighbour index ascending; a row is never its own neighbour; k is capped at rows − 1.
 * Memory: the top lists, D·(k + 1) ints and floats, plus a copy of the D distinct vectors when D &lt; n.
 */
public final class ExactKnn implements KnnIndex {
    /** Default number of neighbours (method step 3). */
    public static final int DEFAULT_K = 5;

    private final int threads;

    /** A search using all available processors. */
    public ExactKnn() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A search using the given number of worker threads.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public ExactKnn(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public KnnResult search(EmbeddingMatrix embeddings, int k, StageContext context) throws CancelledException {
        int n = embeddings.rows();
        int kk = KnnIndex.cappedK(k, n);
        if (kk == 0) {
            return new KnnResult(n, 0, new int[0], new float[0], false);
        }
        DistinctRows groups = embeddings.distinctRows();
        int distinct = groups.count();
        float[] x = groups.vectors(embeddings);
        int[] all = BlockProduct.all(distinct);
        TopLists top = TopLists.overGroups(distinct, kk + 1, groups);
        String of = distinct < n ? " (distinct, of " + n + " rows)" : "";
        try (BlockProduct product = new BlockProduct(threads, "exact-knn")) {
            product.run(x, all, distinct, x, all, distinct, embeddings.dim(), top,
                    context.mapped(f -> f, m -> "exact kNN: " + m + of));
        }
        return top.expand(groups, kk);
    }

    @Override
    public String toString() {
        return "ExactKnn[threads=" + threads + "]";
    }
}

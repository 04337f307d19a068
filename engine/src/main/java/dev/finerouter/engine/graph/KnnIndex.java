package dev.finerouter.engine.graph;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

/**
 * Finds, for every row of an embedding matrix, its k most cosine-similar other rows. {@link ExactKnn} is exact;
 * {@link IvfKnn} and {@link HnswKnn} are approximate indexes with the same contract.
 */
public interface KnnIndex {
    /**
     * Searches the neighbours of every row among all other rows (a row is never its own neighbour).
     *
     * @param embeddings the L2-normalised vectors
     * @param k neighbours wanted per row; capped at {@code rows − 1}
     * @param context progress, cancellation
     * @return per row, its neighbours ordered by similarity descending, ties by index ascending
     * @throws CancelledException when the context is cancelled
     */
    KnnResult search(EmbeddingMatrix embeddings, int k, StageContext context) throws CancelledException;

    /**
     * The k a search over {@code rows} rows returns: {@code min(k, rows − 1)}, at least 0.
     *
     * @throws IllegalArgumentException when {@code k < 1}
     */
    static int cappedK(int k, int rows) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return Math.min(k, Math.max(0, rows - 1));
    }
}

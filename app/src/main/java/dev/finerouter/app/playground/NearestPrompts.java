package dev.finerouter.app.playground;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The training prompts nearest to a query by embedding cosine, by brute force (one query against a few thousand rows
 * takes well under a millisecond per thousand rows; no index is needed).
 */
public final class NearestPrompts {
    /**
     * One neighbour.
     *
     * @param row dataset row
     * @param similarity cosine similarity to the query, in [−1, 1]
     */
    public record Neighbour(int row, double similarity) {
    }

    private NearestPrompts() {
    }

    /**
     * The {@code k} rows of {@code candidates} most similar to {@code query}, most similar first (ties: lower row
     * first). Rows with a zero vector, and a zero query, have similarity 0.
     *
     * @param embeddings row-major embeddings of every dataset row, {@code dim} floats each
     */
    public static List<Neighbour> find(float[] query, float[] embeddings, int dim, int[] candidates, int k) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " values, expected " + dim);
        }
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        double qNorm = norm(query, 0, dim);
        List<Neighbour> all = new ArrayList<>(candidates.length);
        for (int row : candidates) {
            int at = row * dim;
            double dot = 0;
            for (int j = 0; j < dim; j++) {
                dot += query[j] * (double) embeddings[at + j];
            }
            double rNorm = norm(embeddings, at, dim);
            all.add(new Neighbour(row, qNorm == 0 || rNorm == 0 ? 0 : dot / (qNorm * rNorm)));
        }
        all.sort(Comparator.comparingDouble(Neighbour::similarity).reversed().thenComparingInt(Neighbour::row));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private static double norm(float[] v, int from, int dim) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += v[from + j] * (double) v[from + j];
        }
        return Math.sqrt(s);
    }
}

package dev.finerouter.engine.graph;

import dev.finerouter.engine.model.ScoreMatrix;
import java.util.Arrays;

/**
 * A ranking π of all models, best first (method step 4): a permutation of the model indices 0..m−1.
 *
 * <p>Rule for scores ({@link #ofScores}): models with a known score come first, by score descending; equal scores
 * are ordered by model index ascending (a stable, documented tie rule); models with a missing score (NaN) come last,
 * by model index ascending. Missing is thus "unknown, ranked below every known score", never 0. The number of
 * models with a known score is kept as {@link #knownCount()}, so callers can tell whether {@link #top()} is real.
 *
 * <p>Rankings of groups (MRR-fused) are built with {@link #ofValues} on the fused values; every ranking is
 * immutable. Ties are remembered: {@link #fractionalRank} gives tied models their mean position and
 * {@link #isTiedTop} tells every model sharing the best score, so rank fusion and candidate coverage treat tied models
 * alike (with 0/1 correctness scores most prompts have ties). RBO compares the orders as they are.
 */
public final class PreferenceRanking {
    private final int[] order;
    private final int[] rankOf;
    private final int knownCount;
    /** groupStart[pos]: first position of the tie group holding position pos (pos itself when untied). */
    private final int[] groupStart;
    private final int[] groupEnd;

    private PreferenceRanking(int[] order, int knownCount) {
        this(order, knownCount, null);
    }

    /**
     * @param tiedWithPrevious per position, whether the model there has the same value as the one before it
     *                         ({@code null}: no ties)
     */
    private PreferenceRanking(int[] order, int knownCount, boolean[] tiedWithPrevious) {
        this.order = order;
        this.knownCount = knownCount;
        this.rankOf = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rankOf[order[r]] = r;
        }
        int m = order.length;
        groupStart = new int[m];
        groupEnd = new int[m];
        for (int pos = 0; pos < m; pos++) {
            groupStart[pos] = tiedWithPrevious != null && pos > 0 && tiedWithPrevious[pos] ? groupStart[pos - 1] : pos;
        }
        for (int pos = m - 1; pos >= 0; pos--) {
            groupEnd[pos] = pos + 1 < m && groupStart[pos + 1] == groupStart[pos] ? groupEnd[pos + 1] : pos;
        }
    }

    /**
     * Creates a ranking from an explicit order (copied).
     *
     * @param order a permutation of 0..m−1, best first
     * @param knownCount how many leading entries rest on known scores (0..m)
     * @throws IllegalArgumentException when {@code order} is not a permutation or the count is out of range
     */
    public static PreferenceRanking of(int[] order, int knownCount) {
        if (order.length == 0) {
            throw new IllegalArgumentException("empty ranking");
        }
        boolean[] seen = new boolean[order.length];
        for (int m : order) {
            if (m < 0 || m >= order.length || seen[m]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (order.length - 1) + ": " + Arrays.toString(order));
            }
            seen[m] = true;
        }
        if (knownCount < 0 || knownCount > order.length) {
            throw new IllegalArgumentException("knownCount " + knownCount + " out of range");
        }
        return new PreferenceRanking(order.clone(), knownCount);
    }

    /**
     * Ranks models by their scores: known scores descending, ties by model index ascending, NaN (missing) last by
     * model index ascending.
     *
     * @throws IllegalArgumentException when {@code scores} is empty
     */
    public static PreferenceRanking ofScores(float[] scores) {
        int m = scores.length;
        if (m == 0) {
            throw new IllegalArgumentException("no models");
        }
        int[] order = new int[m];
        int known = 0;
        for (int i = 0; i < m; i++) {
            if (!Float.isNaN(scores[i])) {
                order[known++] = i;
            }
        }
        int tail = known;
        for (int i = 0; i < m; i++) {
            if (Float.isNaN(scores[i])) {
                order[tail++] = i;
            }
        }
        // stable insertion sort of the known part by score descending (m is small)
        for (int a = 1; a < known; a++) {
            int x = order[a];
            int b = a - 1;
            while (b >= 0 && scores[order[b]] < scores[x]) {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = x;
        }
        boolean[] tied = new boolean[m];
        for (int pos = 1; pos < m; pos++) {
            boolean bothKnown = pos < known;
            boolean bothMissing = pos - 1 >= known;
            tied[pos] = bothMissing || bothKnown && scores[order[pos]] == scores[order[pos - 1]];
        }
        return new PreferenceRanking(order, known, tied);
    }

    /**
     * Ranks models by real values descending, ties by model index ascending; all values must be finite. Used for
     * fused (group) rankings; {@link #knownCount()} is m.
     */
    public static PreferenceRanking ofValues(double[] values) {
        int m = values.length;
        if (m == 0) {
            throw new IllegalArgumentException("no models");
        }
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + values[i] + " of model " + i + " is not finite");
            }
            order[i] = i;
        }
        for (int a = 1; a < m; a++) {
            int x = order[a];
            int b = a - 1;
            while (b >= 0 && values[order[b]] < values[x]) {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = x;
        }
        boolean[] tied = new boolean[m];
        for (int pos = 1; pos < m; pos++) {
            tied[pos] = values[order[pos]] == values[order[pos - 1]];
        }
        return new PreferenceRanking(order, m, tied);
    }

    /** The ranking of every prompt (row) of a score matrix. */
    public static PreferenceRanking[] ofRows(ScoreMatrix scores) {
        PreferenceRanking[] out = new PreferenceRanking[scores.rows()];
        float[] row = new float[scores.cols()];
        for (int p = 0; p < out.length; p++) {
            for (int m = 0; m < row.length; m++) {
                row[m] = scores.get(p, m);
            }
            out[p] = ofScores(row);
        }
        return out;
    }

    /** Number of models ranked. */
    public int size() {
        return order.length;
    }

    /** The model at position {@code position} (0 = best). */
    public int modelAt(int position) {
        return order[position];
    }

    /** The best model π[0] (the lowest-index model among tied best scores). */
    public int top() {
        return order[0];
    }

    /** The 1-based rank of {@code model} in this ranking. */
    public int rankOf(int model) {
        return rankOf[model] + 1;
    }

    /**
     * The tie-aware 1-based rank of {@code model}: the mean position of its tie group (models with equal scores, or
     * all models with missing scores), e.g. 2.5 for a model tied with another at positions 2 and 3. Rank fusion uses
     * it so that the index order inside a tie (a bookkeeping choice) does not favour low model indices.
     */
    public double fractionalRank(int model) {
        int pos = rankOf[model];
        return (groupStart[pos] + groupEnd[pos]) / 2.0 + 1;
    }

    /** Whether {@code model} shares the best known score (false when no score is known). */
    public boolean isTiedTop(int model) {
        return knownCount > 0 && groupStart[rankOf[model]] == 0;
    }

    /**
     * Whether this ranking prefers some model over another: at least one known score, and not every model sharing
     * the best score (a prompt every model solves, or every model fails, says nothing about which to pick).
     */
    public boolean isInformative() {
        return knownCount > 0 && groupEnd[0] < knownCount - 1;
    }

    /** How many leading models were ranked by a known score; 0 means the prompt has no known score. */
    public int knownCount() {
        return knownCount;
    }

    /** Whether at least one score was known, so {@link #top()} is meaningful. */
    public boolean hasKnownTop() {
        return knownCount > 0;
    }

    /** A copy of the order, best first. */
    public int[] toArray() {
        return order.clone();
    }

    /** The backing order, for hot loops in this package. Never modify it. */
    int[] raw() {
        return order;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreferenceRanking r && knownCount == r.knownCount && Arrays.equals(order, r.order);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(order) + knownCount;
    }

    @Override
    public String toString() {
        return "PreferenceRanking" + Arrays.toString(order) + (knownCount < order.length ? " known=" + knownCount : "");
    }
}

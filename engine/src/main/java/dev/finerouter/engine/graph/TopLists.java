package dev.finerouter.engine.graph;

import java.util.Arrays;

/**
 * Per query, the {@code size} best rows under the order (similarity descending, row ascending), fed by a
 * {@link BlockProduct}. A column stands for a run of rows that share its similarity — the members of a
 * {@link DistinctRows} group, or one row — and offers them in ascending order: once one is rejected, the rest are
 * too, so a column costs O(1) unless it enters the list, and at most {@code size} of its rows ever do.
 *
 * <p>The order is a strict total order, so a list holds the same rows in the same order whatever order the columns
 * come in (blocking, threads, probing order of an index). Insertion into a sorted array: O(size) per accepted row.
 * Memory: queries · size ints and floats.
 */
final class TopLists implements BlockProduct.Sink {
    private final int size;
    private final int[] start;
    private final int[] members;
    private final int[] idx;
    private final float[] sim;

    /**
     * Empty lists for {@code queries} queries where column c stands for rows {@code members[start[c], start[c + 1])},
     * ascending.
     */
    private TopLists(int queries, int size, int[] start, int[] members) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        this.size = size;
        this.start = start;
        this.members = members;
        this.idx = new int[queries * size];
        this.sim = new float[queries * size];
        Arrays.fill(idx, -1);
        Arrays.fill(sim, Float.NEGATIVE_INFINITY);
    }

    /** Lists over rows where column g stands for all members of group g. */
    static TopLists overGroups(int queries, int size, DistinctRows groups) {
        return new TopLists(queries, size, groups.starts(), groups.members());
    }

    /** Lists over {@code columns} single rows: column c is row c. */
    static TopLists overRows(int queries, int size, int columns) {
        return new TopLists(queries, size, BlockProduct.all(columns + 1), BlockProduct.all(columns));
    }

    @Override
    public void accept(int query, float[] s, int[] columns, int colStart, int cw) {
        int off = query * size;
        int last = off + size - 1;
        float worst = sim[last];
        for (int j = 0; j < cw; j++) {
            float v = s[j];
            if (v < worst) {
                continue;
            }
            int col = columns[colStart + j];
            for (int m = start[col], end = start[col + 1]; m < end; m++) {
                int cand = members[m];
                if (v == worst && idx[last] >= 0 && cand > idx[last]) {
                    break;
                }
                int p = last;
                while (p > off && better(v, cand, sim[p - 1], idx[p - 1])) {
                    sim[p] = sim[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                sim[p] = v;
                idx[p] = cand;
                worst = sim[last];
            }
        }
    }

    private static boolean better(float v, int cand, float otherV, int otherIdx) {
        return v > otherV || (v == otherV && (otherIdx < 0 || cand < otherIdx));
    }

    /** The row at {@code rank} (from 0) of a query's list, −1 while the list has fewer rows. */
    int row(int query, int rank) {
        return idx[query * size + rank];
    }

    /** Whether a query's list is full (holds {@code size} rows). */
    boolean isFull(int query) {
        return idx[query * size + size - 1] >= 0;
    }

    /** Empties a query's list, so that a new search can fill it (rows offered again would otherwise repeat). */
    void clear(int query) {
        Arrays.fill(idx, query * size, (query + 1) * size, -1);
        Arrays.fill(sim, query * size, (query + 1) * size, Float.NEGATIVE_INFINITY);
    }

    /**
     * Each row's k neighbours from lists of size k + 1 kept per group of {@code groups}: the row's group list without
     * the row itself, cut to k. Removing one row from the top k + 1 of all rows leaves the top k of the others.
     *
     * @throws IllegalStateException when the lists are not of size k + 1
     * @throws IllegalArgumentException when a list was not full
     */
    KnnResult expand(DistinctRows groups, int k) {
        int n = groups.rows();
        int[] outIdx = new int[n * k];
        float[] outSim = new float[n * k];
        for (int i = 0; i < n; i++) {
            copyWithout(groups.groupOf(i), i, k, outIdx, outSim, i * k);
        }
        return new KnnResult(n, k, outIdx, outSim, true);
    }

    /** Row {@code row}'s k neighbour similarities from its group's list (see {@link #expand}). */
    float[] similaritiesWithout(int group, int row, int k) {
        float[] out = new float[k];
        copyWithout(group, row, k, new int[k], out, 0);
        return out;
    }

    private void copyWithout(int group, int row, int k, int[] outIdx, float[] outSim, int at) {
        if (size != k + 1) {
            throw new IllegalStateException("lists of " + size + " cannot give " + k + " neighbours without the row itself");
        }
        int from = group * size;
        int out = at;
        for (int p = from; p < from + size && out < at + k; p++) {
            if (idx[p] != row) {
                outIdx[out] = idx[p];
                outSim[out] = sim[p];
                out++;
            }
        }
    }
}

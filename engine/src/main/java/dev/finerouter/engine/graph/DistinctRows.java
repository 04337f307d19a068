package dev.finerouter.engine.graph;

import java.util.Arrays;

/**
 * The rows of an embedding matrix grouped by bit-identical content: prompts that got the same description get the
 * same embedding, and the offline describer gives many prompts the same description (79,990 training prompts of
 * the 100k synthetic set have 4,740 distinct descriptions). Every member of a group has exactly the same dot product
 * with any vector, so a neighbour search can score each group once ({@link ExactKnn}) and a median can count each
 * group once with its size as weight. {@link EmbeddingMatrix#distinctRows()} computes the grouping once per matrix.
 *
 * <p>Two rows are in one group when every component has the same bit pattern ({@link Arrays#equals(float[], int, int,
 * float[], int, int)}; the matrix holds no NaN), so 0.0 and −0.0 are different, which can only split a group, never
 * join different vectors. Groups are numbered in the order of their first row, and the members of a group are listed
 * in ascending row order, so the grouping is a deterministic function of the matrix.
 *
 * <p>Cost: one hash per row and one comparison of d components per row and matching candidate, O(n·d) expected
 * time; O(n) ints of memory for an open-addressing table of at least 2n slots.
 */
public final class DistinctRows {
    private final int[] groupOf;
    private final int[] start;
    private final int[] members;

    private DistinctRows(int[] groupOf, int[] start, int[] members) {
        this.groupOf = groupOf;
        this.start = start;
        this.members = members;
    }

    /** Groups the rows of {@code embeddings}; {@link EmbeddingMatrix#distinctRows()} keeps the result. */
    static DistinctRows of(EmbeddingMatrix embeddings) {
        int n = embeddings.rows();
        int d = embeddings.dim();
        float[] a = embeddings.raw();
        int slots = Integer.highestOneBit(Math.max(2, 2 * n - 1)) << 1;
        int[] table = new int[slots]; // group id + 1, 0 = empty
        int[] firstRow = new int[n];
        int[] groupOf = new int[n];
        int groups = 0;
        for (int i = 0; i < n; i++) {
            int slot = mix(hash(a, i * d, d)) & (slots - 1);
            while (true) {
                int g = table[slot] - 1;
                if (g < 0) {
                    table[slot] = groups + 1;
                    firstRow[groups] = i;
                    groupOf[i] = groups++;
                    break;
                }
                int o = firstRow[g] * d;
                if (Arrays.equals(a, o, o + d, a, i * d, i * d + d)) {
                    groupOf[i] = g;
                    break;
                }
                slot = (slot + 1) & (slots - 1);
            }
        }
        int[] start = new int[groups + 1];
        for (int g : groupOf) {
            start[g + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] fill = Arrays.copyOf(start, groups);
        int[] members = new int[n];
        for (int i = 0; i < n; i++) {
            members[fill[groupOf[i]]++] = i;
        }
        return new DistinctRows(groupOf, start, members);
    }

    /** Hash of the bits of {@code d} components from {@code from}. */
    private static int hash(float[] a, int from, int d) {
        int h = 1;
        for (int t = from; t < from + d; t++) {
            h = 31 * h + Float.floatToIntBits(a[t]);
        }
        return h;
    }

    /** Spreads the hash bits so that the low bits used as the slot depend on all of them. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }

    /** Number of groups (distinct rows). */
    public int count() {
        return start.length - 1;
    }

    /** The group of row {@code row}. */
    public int groupOf(int row) {
        return groupOf[row];
    }

    /** The smallest row of group {@code g}, whose content stands for the group. */
    public int representative(int g) {
        return members[start[g]];
    }

    /** Number of rows grouped. */
    public int rows() {
        return groupOf.length;
    }

    /** Offsets of the groups in {@link #members()}: group g spans [starts[g], starts[g + 1]). Never modify it. */
    int[] starts() {
        return start;
    }

    /** The rows of all groups, group by group, ascending inside each group. Never modify it. */
    int[] members() {
        return members;
    }

    /**
     * The representatives' vectors, row g = group g, row-major: the matrix's own array when every row is distinct
     * (never modify it), else a copy of D rows.
     */
    float[] vectors(EmbeddingMatrix embeddings) {
        if (count() == embeddings.rows()) {
            return embeddings.raw();
        }
        int d = embeddings.dim();
        float[] out = new float[count() * d];
        for (int g = 0; g < count(); g++) {
            System.arraycopy(embeddings.raw(), representative(g) * d, out, g * d, d);
        }
        return out;
    }
}

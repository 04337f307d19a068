package dev.finerouter.engine.train;

import java.util.Random;

/** Seeded shuffling and row gathering for mini-batches over row-major float arrays. */
final class Batches {
    private Batches() {
    }

    /** A Fisher–Yates permutation of {@code 0..n-1} drawn from {@code random}. */
    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    /** Shuffles in place (Fisher–Yates). */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Rows {@code order[from..to)} of a row-major matrix with {@code cols} columns, as a new row-major array. */
    static float[] rows(float[] matrix, int cols, int[] order, int from, int to) {
        float[] out = new float[(to - from) * cols];
        for (int i = from; i < to; i++) {
            System.arraycopy(matrix, order[i] * cols, out, (i - from) * cols, cols);
        }
        return out;
    }

    /** Rows {@code from..to)} of a row-major matrix, in order. */
    static float[] range(float[] matrix, int cols, int from, int to) {
        float[] out = new float[(to - from) * cols];
        System.arraycopy(matrix, from * cols, out, 0, out.length);
        return out;
    }

    /** Number of batches of {@code size} covering {@code n} rows. */
    static int count(int n, int size) {
        return (n + size - 1) / size;
    }

    /**
     * Scores of rows {@code order[from..to)} restricted to {@code columns} (all columns when null), with missing (NaN)
     * scores replaced by 0 and marked 0 in {@code mask} (same length as the result), known scores marked 1.
     *
     * @return the targets, row-major (to − from) × columns
     */
    static float[] scores(float[] scores, int models, int[] order, int from, int to, int[] columns, float[] mask) {
        int width = columns == null ? models : columns.length;
        float[] out = new float[(to - from) * width];
        for (int i = from; i < to; i++) {
            int row = order == null ? i : order[i];
            for (int c = 0; c < width; c++) {
                float v = scores[row * models + (columns == null ? c : columns[c])];
                int at = (i - from) * width + c;
                if (Float.isNaN(v)) {
                    mask[at] = 0f;
                } else {
                    out[at] = v;
                    mask[at] = 1f;
                }
            }
        }
        return out;
    }

    /** Number of ones in a 0/1 mask. */
    static long ones(float[] mask) {
        long c = 0;
        for (float m : mask) {
            if (m != 0f) {
                c++;
            }
        }
        return c;
    }
}

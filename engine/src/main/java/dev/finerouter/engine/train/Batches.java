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
}

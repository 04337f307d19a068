package dev.finerouter.engine.graph;

import java.util.Arrays;

/**
 * An immutable n × d matrix of L2-normalised embedding vectors, stored row-major in one {@code float[]}.
 *
 * <p>Because every row has unit length, the dot product of two rows is their cosine similarity. The array is copied
 * in and never handed out; {@link ExactKnn} reads it directly inside this package.
 */
public final class EmbeddingMatrix {
    /** Largest accepted deviation of a row's L2 norm from 1 in {@link #of}. */
    public static final double NORM_TOLERANCE = 1e-3;

    private final int rows;
    private final int dim;
    private final float[] values;
    /** {@link #distinctRows()}, computed on first use (immutable, so a racing second computation is harmless). */
    private volatile DistinctRows distinct;

    private EmbeddingMatrix(int rows, int dim, float[] values) {
        this.rows = rows;
        this.dim = dim;
        this.values = values;
    }

    /**
     * Creates a matrix from row-major, already L2-normalised values (copied).
     *
     * @throws IllegalArgumentException when the shape does not match, a value is not finite or a row's norm differs
     *     from 1 by more than {@link #NORM_TOLERANCE}
     */
    public static EmbeddingMatrix of(int rows, int dim, float[] rowMajor) {
        checkShape(rows, dim, rowMajor);
        float[] copy = rowMajor.clone();
        for (int r = 0; r < rows; r++) {
            double norm = Math.sqrt(squaredNorm(copy, r * dim, dim));
            if (Math.abs(norm - 1.0) > NORM_TOLERANCE) {
                throw new IllegalArgumentException("row " + r + " has L2 norm " + norm + ", expected 1");
            }
        }
        return new EmbeddingMatrix(rows, dim, copy);
    }

    /**
     * Creates a matrix from row-major values (copied), dividing each row by its L2 norm.
     *
     * @throws IllegalArgumentException when the shape does not match, a value is not finite or a row is all zeros
     */
    public static EmbeddingMatrix normalizing(int rows, int dim, float[] rowMajor) {
        checkShape(rows, dim, rowMajor);
        float[] copy = rowMajor.clone();
        for (int r = 0; r < rows; r++) {
            double norm = Math.sqrt(squaredNorm(copy, r * dim, dim));
            if (norm == 0) {
                throw new IllegalArgumentException("row " + r + " is all zeros and cannot be normalised");
            }
            for (int c = 0; c < dim; c++) {
                copy[r * dim + c] = (float) (copy[r * dim + c] / norm);
            }
        }
        return new EmbeddingMatrix(rows, dim, copy);
    }

    /** Creates a matrix from rows (copied), dividing each row by its L2 norm; see {@link #normalizing}. */
    public static EmbeddingMatrix normalizingRows(float[]... rowValues) {
        if (rowValues.length == 0) {
            throw new IllegalArgumentException("no rows");
        }
        int dim = rowValues[0].length;
        float[] flat = new float[rowValues.length * dim];
        for (int r = 0; r < rowValues.length; r++) {
            if (rowValues[r].length != dim) {
                throw new IllegalArgumentException("row " + r + " has " + rowValues[r].length + " values, expected " + dim);
            }
            System.arraycopy(rowValues[r], 0, flat, r * dim, dim);
        }
        return normalizing(rowValues.length, dim, flat);
    }

    private static void checkShape(int rows, int dim, float[] rowMajor) {
        if (rows < 0 || dim <= 0) {
            throw new IllegalArgumentException("bad shape " + rows + "x" + dim);
        }
        if (rowMajor.length != (long) rows * dim) {
            throw new IllegalArgumentException("expected " + ((long) rows * dim) + " values, got " + rowMajor.length);
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Float.isFinite(rowMajor[i])) {
                throw new IllegalArgumentException("value " + rowMajor[i] + " at row " + (i / dim) + " is not finite");
            }
        }
    }

    private static double squaredNorm(float[] v, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += (double) v[i] * v[i];
        }
        return s;
    }

    /** Number of vectors. */
    public int rows() {
        return rows;
    }

    /** Dimension of each vector. */
    public int dim() {
        return dim;
    }

    /** One component. */
    public float get(int row, int col) {
        return values[row * dim + col];
    }

    /** A copy of one row. */
    public float[] row(int row) {
        return Arrays.copyOfRange(values, row * dim, (row + 1) * dim);
    }

    /** The cosine similarity (dot product) of two rows, summed in component order as {@link ExactKnn} does. */
    public float cosine(int a, int b) {
        float s = 0f;
        int oa = a * dim;
        int ob = b * dim;
        for (int t = 0; t < dim; t++) {
            s += values[oa + t] * values[ob + t];
        }
        return s;
    }

    /**
     * The rows grouped by bit-identical content, computed on first use and then kept (O(n·d) once per matrix), so a
     * τ re-cluster on the same matrix does not group again.
     */
    public DistinctRows distinctRows() {
        DistinctRows d = distinct;
        if (d == null) {
            d = DistinctRows.of(this);
            distinct = d;
        }
        return d;
    }

    /** The backing array; package-private so the search loops avoid a copy. Never modify it. */
    float[] raw() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingMatrix other && rows == other.rows && dim == other.dim && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + dim) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "EmbeddingMatrix[" + rows + "x" + dim + "]";
    }
}

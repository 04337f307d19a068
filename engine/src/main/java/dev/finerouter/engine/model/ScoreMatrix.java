package dev.finerouter.engine.model;

import java.util.Arrays;

/**
 * Quality scores Q*(p, M) of prompts (rows) × models (columns), each in [0, 1] or missing.
 *
 * <p>Stored row-major in one {@code float[]}: 300,000 prompts × 20 models take 24 MB. A missing score is
 * {@link Float#NaN} and stays missing; it is never read as 0. Immutable: the array is copied in and never handed out.
 */
public final class ScoreMatrix {
    private final int rows;
    private final int cols;
    private final float[] values;

    private ScoreMatrix(int rows, int cols, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    /**
     * Creates a matrix from row-major values (copied). Each value must be in [0, 1] or NaN (missing).
     *
     * @throws IllegalArgumentException when the length does not match or a value is out of range
     */
    public static ScoreMatrix of(int rows, int cols, float[] rowMajor) {
        if (rows < 0 || cols <= 0) {
            throw new IllegalArgumentException("bad shape " + rows + "x" + cols);
        }
        if (rowMajor.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + ((long) rows * cols) + " values, got " + rowMajor.length);
        }
        float[] copy = rowMajor.clone();
        for (int i = 0; i < copy.length; i++) {
            float v = copy[i];
            if (!Float.isNaN(v) && (v < 0f || v > 1f)) {
                throw new IllegalArgumentException("score " + v + " at row " + (i / cols) + ", column " + (i % cols) + " is outside [0,1]");
            }
        }
        return new ScoreMatrix(rows, cols, copy);
    }

    /** Creates a matrix from rows of scores, {@code Float.NaN} meaning missing. */
    public static ScoreMatrix ofRows(float[]... rowValues) {
        int cols = rowValues.length == 0 ? 1 : rowValues[0].length;
        float[] flat = new float[rowValues.length * cols];
        for (int r = 0; r < rowValues.length; r++) {
            if (rowValues[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rowValues[r].length + " values, expected " + cols);
            }
            System.arraycopy(rowValues[r], 0, flat, r * cols, cols);
        }
        return of(rowValues.length, cols, flat);
    }

    /** Number of prompts. */
    public int rows() {
        return rows;
    }

    /** Number of models. */
    public int cols() {
        return cols;
    }

    /** The score of prompt {@code row} for model {@code col}, or NaN when missing. */
    public float get(int row, int col) {
        return values[row * cols + col];
    }

    /** Whether the score of prompt {@code row} for model {@code col} is known. */
    public boolean isPresent(int row, int col) {
        return !Float.isNaN(values[row * cols + col]);
    }

    /** A copy of one prompt's scores (NaN for missing). */
    public float[] row(int row) {
        return Arrays.copyOfRange(values, row * cols, (row + 1) * cols);
    }

    /** Number of known scores. */
    public long presentCount() {
        long n = 0;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** A matrix with only the given rows, in the given order. */
    public ScoreMatrix selectRows(int[] rowIndices) {
        float[] out = new float[rowIndices.length * cols];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(values, rowIndices[i] * cols, out, i * cols, cols);
        }
        return new ScoreMatrix(rowIndices.length, cols, out);
    }

    /** Approximate heap size of the score storage, in bytes. */
    public long storageBytes() {
        return 4L * values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreMatrix other && rows == other.rows && cols == other.cols && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ScoreMatrix[" + rows + "x" + cols + "]";
    }
}

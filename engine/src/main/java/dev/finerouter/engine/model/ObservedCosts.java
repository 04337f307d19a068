package dev.finerouter.engine.model;

import java.util.Arrays;

/**
 * Per-prompt costs actually spent (USD), prompts × models, from the optional {@code costs} field of the data.
 * NaN means not observed; an observed cost beats any per-token estimate.
 */
public final class ObservedCosts {
    private final int rows;
    private final int cols;
    private final float[] values;

    private ObservedCosts(int rows, int cols, float[] values) {
        this.rows = rows;
        this.cols = cols;
        this.values = values;
    }

    /** Creates the table from row-major values (copied); each must be a finite number >= 0 or NaN. */
    public static ObservedCosts of(int rows, int cols, float[] rowMajor) {
        if (rowMajor.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + ((long) rows * cols) + " values, got " + rowMajor.length);
        }
        float[] copy = rowMajor.clone();
        for (float v : copy) {
            if (!Float.isNaN(v) && (v < 0f || Float.isInfinite(v))) {
                throw new IllegalArgumentException("cost " + v + " is not a finite number >= 0");
            }
        }
        return new ObservedCosts(rows, cols, copy);
    }

    /** The observed cost, or NaN when not observed. */
    public float get(int row, int col) {
        return values[row * cols + col];
    }

    /** Number of prompts. */
    public int rows() {
        return rows;
    }

    /** Number of models. */
    public int cols() {
        return cols;
    }

    /** Only the given rows, in the given order. */
    public ObservedCosts selectRows(int[] rowIndices) {
        float[] out = new float[rowIndices.length * cols];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(values, rowIndices[i] * cols, out, i * cols, cols);
        }
        return new ObservedCosts(rowIndices.length, cols, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservedCosts other && rows == other.rows && cols == other.cols && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}

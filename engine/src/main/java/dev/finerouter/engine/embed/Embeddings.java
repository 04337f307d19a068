package dev.finerouter.engine.embed;

import java.util.Arrays;
import java.util.Objects;

/**
 * A block of embedding vectors stored row-major in one {@code float[]}: row {@code i} occupies
 * {@code [i * dimension, (i + 1) * dimension)}. One array instead of {@code float[][]} keeps the vectors contiguous,
 * which is what the clustering and routing code wants, and makes memory use predictable.
 *
 * <p>Instances are not defensively copied: {@link #data()} exposes the backing array, which callers must treat as
 * read-only.
 */
public final class Embeddings {
    private final float[] data;
    private final int rows;
    private final int dimension;

    /**
     * Wraps a row-major array.
     *
     * @param data the vectors, {@code rows * dimension} floats; not copied
     * @param rows the number of vectors
     * @param dimension the length of each vector
     * @throws IllegalArgumentException when the sizes do not match
     */
    public Embeddings(float[] data, int rows, int dimension) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || dimension <= 0 || (long) rows * dimension != data.length) {
            throw new IllegalArgumentException("expected " + rows + " x " + dimension + " floats, got " + data.length);
        }
        this.data = data;
        this.rows = rows;
        this.dimension = dimension;
    }

    /** The number of vectors. */
    public int rows() {
        return rows;
    }

    /** The length of each vector. */
    public int dimension() {
        return dimension;
    }

    /** The backing row-major array (not a copy; do not modify). */
    public float[] data() {
        return data;
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        Objects.checkIndex(i, rows);
        return Arrays.copyOfRange(data, i * dimension, (i + 1) * dimension);
    }

    /** Component {@code j} of row {@code i}. */
    public float get(int i, int j) {
        Objects.checkIndex(i, rows);
        Objects.checkIndex(j, dimension);
        return data[i * dimension + j];
    }

    /** The dot product of row {@code i} of this block and row {@code j} of {@code other} (the cosine for unit vectors). */
    public double dot(int i, Embeddings other, int j) {
        if (other.dimension != dimension) {
            throw new IllegalArgumentException("dimension " + dimension + " vs " + other.dimension);
        }
        Objects.checkIndex(i, rows);
        Objects.checkIndex(j, other.rows);
        double s = 0;
        int a = i * dimension;
        int b = j * dimension;
        for (int k = 0; k < dimension; k++) {
            s += (double) data[a + k] * other.data[b + k];
        }
        return s;
    }

    /** The cosine similarity of two vectors of equal length (0 when either is all zeros). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}

package dev.finerouter.engine.train;

/**
 * The few dense kernels the trained heads need at inference, on plain row-major {@code float[]} arrays: an affine map
 * {@code y = x·W + b}, the exact (erf) GELU PyTorch uses by default, and the logistic sigmoid.
 *
 * <p>Each output row is computed by the same sequence of operations whatever the other rows of the batch are (the
 * accumulation runs over the input index in ascending order, one row at a time; rows are blocked only so that a row of
 * W is reused from cache by several prompts), so a prompt gets bit-identical results alone or in any batch. Java
 * float arithmetic is deterministic, so results are also identical from run to run.
 */
final class ArrayMath {
    /** Rows processed together, so each row of W is read from memory once per block rather than once per row. */
    static final int ROW_BLOCK = 8;

    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT_PI = 0.5641895835477563;
    /** Beyond this |u|, erfc(u) < 2.2e-17 and erf(u) rounds to ±1 in double. */
    private static final double ERF_SATURATES = 6.0;
    /** Below this the power series is used, at and above it the continued fraction of erfc. */
    private static final double SERIES_LIMIT = 2.5;
    /** Depth of the erfc continued fraction; at u = 2.5 its truncation error is far below double precision. */
    private static final int CF_TERMS = 80;
    private static final double[] INV_ODD = new double[200];

    static {
        for (int n = 0; n < INV_ODD.length; n++) {
            INV_ODD[n] = 1.0 / (2 * n + 1);
        }
    }

    private ArrayMath() {
    }

    /**
     * {@code y[r] = x[r]·W + b} for {@code rows} rows.
     *
     * @param x row-major rows × in, starting at {@code xOffset}
     * @param w row-major in × out
     * @param bias out values, or {@code null} for none
     * @param y row-major rows × out, overwritten
     */
    static void affine(float[] x, int xOffset, int rows, int in, float[] w, int out, float[] bias, float[] y) {
        if (w.length != in * out) {
            throw new IllegalArgumentException("weight has " + w.length + " values, expected " + in + " × " + out);
        }
        for (int r = 0; r < rows; r++) {
            if (bias == null) {
                java.util.Arrays.fill(y, r * out, (r + 1) * out, 0f);
            } else {
                System.arraycopy(bias, 0, y, r * out, out);
            }
        }
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int k = 0; k < in; k++) {
                int wRow = k * out;
                for (int r = r0; r < r1; r++) {
                    float a = x[xOffset + r * in + k];
                    int yRow = r * out;
                    for (int j = 0; j < out; j++) {
                        y[yRow + j] += a * w[wRow + j];
                    }
                }
            }
        }
    }

    /** GELU in place on {@code a[from, to)}. */
    static void gelu(float[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = gelu(a[i]);
        }
    }

    /** The exact GELU, x·Φ(x) = x/2 · (1 + erf(x/√2)) (PyTorch's default, {@code approximate='none'}). */
    static float gelu(float x) {
        double v = x;
        return (float) (0.5 * v * (1.0 + erf(v * INV_SQRT2)));
    }

    /** The logistic function, 1 / (1 + e^−x), rounded to float ({@link StrictMath#exp}: the same bits on every platform). */
    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + StrictMath.exp(-x)));
    }

    /**
     * The error function to about double precision: for |u| < 2.5 the everywhere-positive series
     * erf(u) = 2/√π · e^(−u²) · Σ u·(2u²)ⁿ / (1·3·…·(2n+1)); above it 1 − erfc(u) with erfc from its continued fraction
     * e^(−u²)/√π · 1/(u + ½/(u + 1/(u + 3⁄2/(u + …)))); ±1 beyond |u| = 6.
     */
    static double erf(double u) {
        if (Double.isNaN(u)) {
            return u;
        }
        double a = Math.abs(u);
        double r;
        if (a >= ERF_SATURATES) {
            r = 1.0;
        } else if (a < SERIES_LIMIT) {
            double twoA2 = 2 * a * a;
            double term = a;
            double sum = a;
            for (int n = 1; n < INV_ODD.length; n++) {
                term *= twoA2 * INV_ODD[n];
                sum += term;
                if (term <= sum * 1e-17) {
                    break;
                }
            }
            r = TWO_OVER_SQRT_PI * StrictMath.exp(-a * a) * sum;
        } else {
            double t = 0;
            for (int n = CF_TERMS; n >= 1; n--) {
                t = (n * 0.5) / (a + t);
            }
            r = 1.0 - StrictMath.exp(-a * a) * INV_SQRT_PI / (a + t);
        }
        return u < 0 ? -r : r;
    }
}

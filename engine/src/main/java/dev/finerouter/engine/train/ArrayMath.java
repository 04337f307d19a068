package dev.finerouter.engine.train;

/**
 * The few dense kernels the trained heads need at inference, on plain row-major {@code float[]} arrays: an affine map
 * {@code y = x·W + b}, the exact (erf) GELU PyTorch uses by default, and the logistic sigmoid.
 *
 * <p>Each output row is computed by the same sequence of operations whatever the other rows of the batch are (the
 * accumulation runs over the input index in ascending order for each row and output independently; rows are blocked
 * only so that a row of W is reused from cache by several prompts), so a prompt gets bit-identical results alone or in any batch. Java
 * float arithmetic is deterministic, so results are also identical from run to run.
 */
final class ArrayMath {
    /** Rows processed together, so each row of W is read from memory once per block rather than once per row. */
    static final int ROW_BLOCK = 32;

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
     * <p>Each row of W is first copied into a scratch row, so that the inner loop {@code y[j] += a·w[j]} indexes both
     * arrays alike and C2 vectorises it (with W's offset inside the flat array it cannot rule out aliasing and stays
     * scalar, about 5× slower); the weights themselves are never copied as a whole.
     *
     * @param x input rows (length ≥ in each)
     * @param rows how many rows of x and y
     * @param w row-major in × out
     * @param bias out values, or {@code null} for none
     * @param y output rows (length out each), overwritten
     */
    static void affine(float[][] x, int rows, int in, float[] w, int out, float[] bias, float[][] y) {
        if (w.length != in * out) {
            throw new IllegalArgumentException("weight has " + w.length + " values, expected " + in + " × " + out);
        }
        for (int r = 0; r < rows; r++) {
            if (bias == null) {
                java.util.Arrays.fill(y[r], 0, out, 0f);
            } else {
                System.arraycopy(bias, 0, y[r], 0, out);
            }
        }
        float[] wRow = new float[out];
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int k = 0; k < in; k++) {
                System.arraycopy(w, k * out, wRow, 0, out);
                for (int r = r0; r < r1; r++) {
                    axpy(x[r][k], wRow, y[r], out);
                }
            }
        }
    }

    /** {@code y[j] += a · w[j]} for j < n. */
    private static void axpy(float a, float[] w, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * w[j];
        }
    }

    /** Work on a block of rows {@code [from, from + rows)}. */
    @FunctionalInterface
    interface BlockWork {
        void run(int from, int rows);
    }

    /**
     * Runs {@code work} on consecutive blocks of at most {@link #ROW_BLOCK} of n rows: in the caller's thread when there
     * is one block, otherwise in parallel on the common fork-join pool (blocks write disjoint rows, and a row's result
     * does not depend on its block, so the output is the same as sequentially).
     */
    static void forEachBlock(int n, BlockWork work) {
        int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        if (blocks <= 1) {
            if (n > 0) {
                work.run(0, n);
            }
            return;
        }
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(b -> work.run(b * ROW_BLOCK, Math.min(ROW_BLOCK, n - b * ROW_BLOCK)));
    }

    /** Rows {@code [from, from + rows)} of a row-major n × dim array, each as its own array. */
    static float[][] rows(float[] flat, int dim, int from, int rows) {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, (from + r) * dim, (from + r + 1) * dim);
        }
        return out;
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
     * The error function to within a few 1e-16 of {@link #erfReference} (tested ≤ 1e-14), fast: for |u| < 6 a degree-{@value #ERF_DEGREE}
     * Taylor polynomial about the nearest point of a grid of spacing 1/{@value #ERF_GRID} (so |h| ≤ 1/64), whose
     * coefficients were computed once from erf's derivatives, erf⁽ⁿ⁾(x) = 2/√π · (−1)ⁿ⁻¹ · Hₙ₋₁(x) · e^(−x²)
     * (Hermite polynomials); ±1 beyond. Only additions and multiplications per call, so the same bits everywhere.
     */
    static double erf(double u) {
        if (Double.isNaN(u)) {
            return u;
        }
        double a = Math.abs(u);
        double r;
        if (a >= ERF_SATURATES) {
            r = 1.0;
        } else {
            int i = (int) (a * ERF_GRID + 0.5);
            double h = a - (double) i / ERF_GRID;
            int base = i * (ERF_DEGREE + 1);
            r = ERF_TABLE[base + ERF_DEGREE];
            for (int n = ERF_DEGREE - 1; n >= 0; n--) {
                r = r * h + ERF_TABLE[base + n];
            }
        }
        return u < 0 ? -r : r;
    }

    private static final int ERF_GRID = 32;
    private static final int ERF_DEGREE = 9;
    /** Row i: the Taylor coefficients of erf about i / ERF_GRID, constant term first. */
    private static final double[] ERF_TABLE = erfTable();

    private static double[] erfTable() {
        int points = (int) (ERF_SATURATES * ERF_GRID) + 1;
        double[] t = new double[points * (ERF_DEGREE + 1)];
        double[] hermite = new double[ERF_DEGREE];
        for (int i = 0; i < points; i++) {
            double x = (double) i / ERF_GRID;
            int base = i * (ERF_DEGREE + 1);
            t[base] = erfReference(x);
            hermite[0] = 1;
            if (ERF_DEGREE > 1) {
                hermite[1] = 2 * x;
            }
            for (int n = 1; n + 1 < ERF_DEGREE; n++) {
                hermite[n + 1] = 2 * x * hermite[n] - 2 * n * hermite[n - 1];
            }
            double scale = TWO_OVER_SQRT_PI * StrictMath.exp(-x * x);
            double factorial = 1;
            for (int n = 1; n <= ERF_DEGREE; n++) {
                factorial *= n;
                double sign = (n - 1) % 2 == 0 ? 1 : -1;
                t[base + n] = scale * sign * hermite[n - 1] / factorial;
            }
        }
        return t;
    }

    /**
     * The error function from first principles, used to build the table: for |u| < 2.5 the everywhere-positive series
     * erf(u) = 2/√π · e^(−u²) · Σ u·(2u²)ⁿ / (1·3·…·(2n+1)); above it 1 − erfc(u) with erfc from its continued fraction
     * e^(−u²)/√π · 1/(u + ½/(u + 1/(u + 3⁄2/(u + …)))); ±1 beyond |u| = 6.
     */
    static double erfReference(double u) {
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

package dev.finerouter.engine.route;

import dev.finerouter.engine.graph.BlockProduct;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.Arrays;

/**
 * The exact nearest remembered prompts of many queries at once, found with the vectorised {@link BlockProduct} and
 * returned exactly as {@link RouterMemory}'s one-by-one scan returns them: same neighbours, same order, same ties.
 *
 * <p><b>Why two products.</b> The memory's scan ranks by {@link RouterMemory#dot} (eight interleaved partial sums, the
 * serving path's order); the block product sums the components in index order and runs several times faster on many
 * queries (HotSpot vectorises it). The two sums of the same vectors may differ in their last bits, so ranking by the
 * block product alone could swap near-ties. Here it only <em>screens</em>: every remembered prompt whose block product
 * comes within a margin of the k-th best block product is kept, and the kept ones are re-scored with
 * {@link RouterMemory#dot} and ranked (score descending, lower index first), as the scan does.
 *
 * <p><b>Why the margin is safe.</b> Each float sum of d products is within γ·Σ|xᵢyᵢ| ≤ γ·‖x‖·‖y‖ of the exact dot
 * product, γ = n·u / (1 − n·u) with u = 2⁻²⁴ and n = d + 3 (the eight lanes add three roundings), so the two sums
 * differ by at most Δ = 2γ·‖q‖·max‖y‖. If B_k is the k-th best block product, the k prompts above it have
 * scan scores ≥ B_k − Δ, so the scan's k-th score is too, and every prompt the scan keeps (ties included) has a block
 * product ≥ B_k − 2Δ. The screen keeps everything ≥ (running k-th best) − 2Δ·(1 + 10⁻³) and the running k-th best
 * only rises, so nothing the scan would return is dropped (plus an absolute 4·(d + 3)·2⁻¹²⁶ for products that fall
 * into the subnormal range, where the relative bound does not hold). Non-finite vectors are left to the one-by-one scan.
 *
 * <p>Queries go through the product in chunks, so the candidate lists stay small whatever the number of queries.
 */
final class ScreenedNearest {
    /** Below this many products (queries × remembered prompts) the one-by-one scan is as fast. */
    static final long MIN_PRODUCTS = 1L << 22;
    private static final int CHUNK = 1024;
    private static final double UNIT_ROUNDOFF = 0x1p-24;

    private ScreenedNearest() {
    }

    /**
     * The k nearest of {@code memory}'s rows to each of {@code count} query vectors, best first.
     *
     * @param x row-major query vectors (dimension = the memory's)
     * @param offsets each query's first component in {@code x}
     * @param skip per query, a remembered row to leave out (−1: none)
     * @param k neighbours per query (≤ the rows eligible for every query)
     * @return row-major count × k row indices, identical to the one-by-one scan's; {@code null} when a vector is not
     *         finite (the caller scans one by one)
     */
    static int[] nearest(float[] memory, int n, int dim, float[] x, int[] offsets, int[] skip, int k) {
        int count = offsets.length;
        double maxNorm = 0;
        for (int j = 0; j < n; j++) {
            maxNorm = Math.max(maxNorm, norm(memory, j * dim, dim));
        }
        double nu = (dim + 3) * UNIT_ROUNDOFF;
        double gamma = nu / (1 - nu);
        double underflow = 4.0 * (dim + 3) * Float.MIN_NORMAL; // bounds what subnormal products can lose, absolutely
        double[] queryNorms = new double[count];
        for (int i = 0; i < count; i++) {
            queryNorms[i] = norm(x, offsets[i], dim);
            if (!Double.isFinite(queryNorms[i])) {
                return null;
            }
        }
        if (!Double.isFinite(maxNorm)) {
            return null;
        }
        int[] out = new int[count * k];
        int[] columns = BlockProduct.all(n);
        int threads = Runtime.getRuntime().availableProcessors();
        try (BlockProduct product = new BlockProduct(threads, "router-memory-scan")) {
            for (int from = 0; from < count; from += CHUNK) {
                int c = Math.min(CHUNK, count - from);
                float[] chunk = new float[c * dim];
                Screen[] screens = new Screen[c];
                for (int i = 0; i < c; i++) {
                    System.arraycopy(x, offsets[from + i], chunk, i * dim, dim);
                    double margin = 4 * gamma * queryNorms[from + i] * maxNorm * (1 + 1e-3) + underflow;
                    screens[i] = new Screen(k, margin, skip[from + i]);
                }
                product.run(chunk, BlockProduct.all(c), c, memory, columns, n, dim,
                        (query, s, cols, colStart, cw) -> screens[query].offer(s, colStart, cw), StageContext.silent(0));
                for (int i = 0; i < c; i++) {
                    screens[i].rank(memory, dim, x, offsets[from + i], out, (from + i) * k);
                }
            }
        } catch (CancelledException e) {
            throw new IllegalStateException("a scan without a cancel flag was cancelled", e);
        }
        return out;
    }

    private static double norm(float[] v, int offset, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            s += (double) v[offset + d] * v[offset + d];
        }
        return Math.sqrt(s);
    }

    /** One query's screen: the k best block products so far (a min-heap) and every row within the margin of them. */
    private static final class Screen {
        private final int k;
        private final double margin;
        private final int skip;
        private final float[] heap;
        private int heapSize;
        private int[] rows;
        private float[] products;
        private int size;

        Screen(int k, double margin, int skip) {
            this.k = k;
            this.margin = margin;
            this.skip = skip;
            this.heap = new float[k];
            this.rows = new int[2 * k + 16];
            this.products = new float[rows.length];
        }

        /** The floor below which a product cannot be among the scan's k nearest, as far as seen. */
        private double floor() {
            return heapSize < k ? Double.NEGATIVE_INFINITY : heap[0] - margin;
        }

        void offer(float[] s, int colStart, int cw) {
            double floor = floor();
            for (int j = 0; j < cw; j++) {
                float v = s[j];
                if (v < floor) {
                    continue;
                }
                int row = colStart + j;
                if (row == skip) {
                    continue;
                }
                push(v);
                if (size == rows.length) {
                    prune();
                }
                rows[size] = row;
                products[size++] = v;
                floor = floor();
            }
        }

        private void push(float v) {
            if (heapSize < k) {
                int i = heapSize++;
                heap[i] = v;
                while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
                    float t = heap[i];
                    heap[i] = heap[(i - 1) / 2];
                    heap[(i - 1) / 2] = t;
                    i = (i - 1) / 2;
                }
            } else if (v > heap[0]) {
                heap[0] = v;
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    int r = l + 1;
                    int m = i;
                    if (l < k && heap[l] < heap[m]) {
                        m = l;
                    }
                    if (r < k && heap[r] < heap[m]) {
                        m = r;
                    }
                    if (m == i) {
                        break;
                    }
                    float t = heap[i];
                    heap[i] = heap[m];
                    heap[m] = t;
                    i = m;
                }
            }
        }

        /** Drops rows below the floor; grows the list when the near-ties alone fill half of it. */
        private void prune() {
            double floor = floor();
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (products[i] >= floor) {
                    rows[kept] = rows[i];
                    products[kept++] = products[i];
                }
            }
            size = kept;
            if (size * 2 > rows.length) {
                rows = Arrays.copyOf(rows, rows.length * 2);
                products = Arrays.copyOf(products, rows.length);
            }
        }

        /** Re-scores the kept rows with the scan's dot product and writes the k best (ties: lower row) to out. */
        void rank(float[] memory, int dim, float[] x, int offset, int[] out, int outOffset) {
            prune();
            float[] exact = new float[size];
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                exact[i] = RouterMemory.dot(x, offset, memory, rows[i] * dim, dim);
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> exact[a] != exact[b] ? Float.compare(exact[b], exact[a]) : Integer.compare(rows[a], rows[b]));
            for (int i = 0; i < k; i++) {
                out[outOffset + i] = rows[order[i]];
            }
        }
    }
}

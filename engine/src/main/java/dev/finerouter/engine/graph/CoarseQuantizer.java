package dev.finerouter.engine.graph;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The coarse quantiser of {@link IvfKnn}: spherical k-means (Dhillon and Modha 2001) on a seeded sample of unit
 * vectors.
 *
 * <ol>
 *   <li>Sample: {@code sampleSize} distinct rows drawn without replacement by a partial Fisher–Yates shuffle from one
 *       {@link SplittableRandom} seeded with {@code seed}; the first {@code lists} drawn rows are the initial
 *       centroids.</li>
 *   <li>Assign: every sample row goes to the centroid with the largest dot product, the lower centroid index on
 *       ties ({@link BlockProduct} and {@link TopLists}).</li>
 *   <li>Update: a centroid becomes the L2-normalised sum of its members, summed in row order in double precision;
 *       a centroid without members, or whose sum is zero, stays where it was.</li>
 *   <li>Repeat 2–3 until no assignment changes or {@code iterations} updates were made.</li>
 * </ol>
 *
 * <p>The result depends only on the vectors, the sizes, the iteration cap and the seed, not on the thread count.
 * Cost: O(iterations · sampleSize · lists · d) multiply-adds; memory: the centroids and the sample's assignment.
 */
final class CoarseQuantizer {
    private CoarseQuantizer() {
    }

    /**
     * Trains the centroids.
     *
     * @param x row-major unit vectors, {@code rows × d}, pairwise distinct
     * @param lists number of centroids, in [1, sampleSize]
     * @param sampleSize rows to train on, in [lists, rows]
     * @param iterations maximum updates, ≥ 1
     * @return row-major {@code lists × d} unit centroids
     * @throws CancelledException when cancelled
     */
    static float[] train(float[] x, int rows, int d, int lists, int sampleSize, int iterations, long seed,
            BlockProduct product, StageContext context) throws CancelledException {
        if (lists < 1 || sampleSize < lists || sampleSize > rows || iterations < 1) {
            throw new IllegalArgumentException("need 1 <= lists <= sampleSize <= rows and iterations >= 1; got " + lists
                    + ", " + sampleSize + ", " + rows + ", " + iterations);
        }
        int[] order = BlockProduct.all(rows);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < sampleSize; i++) {
            int j = i + random.nextInt(rows - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        float[] centroids = new float[lists * d];
        for (int c = 0; c < lists; c++) {
            System.arraycopy(x, order[c] * d, centroids, c * d, d);
        }
        int[] sample = Arrays.copyOf(order, sampleSize);
        Arrays.sort(sample);
        int[] assigned = new int[sampleSize];
        Arrays.fill(assigned, -1);
        int[] allCentroids = BlockProduct.all(lists);
        for (int it = 0; it < iterations; it++) {
            TopLists nearest = TopLists.overRows(rows, 1, lists);
            product.run(x, sample, sampleSize, centroids, allCentroids, lists, d, nearest, context.quiet());
            boolean changed = false;
            for (int i = 0; i < sampleSize; i++) {
                int c = nearest.row(sample[i], 0);
                changed |= c != assigned[i];
                assigned[i] = c;
            }
            if (!changed) {
                break;
            }
            update(x, d, sample, assigned, centroids, lists);
            context.progress((it + 1.0) / iterations, "coarse quantiser: iteration " + (it + 1));
        }
        return centroids;
    }

    /** Moves every centroid with members to the normalised sum of its members. */
    private static void update(float[] x, int d, int[] sample, int[] assigned, float[] centroids, int lists) {
        double[] sums = new double[lists * d];
        int[] counts = new int[lists];
        for (int i = 0; i < sample.length; i++) {
            int c = assigned[i];
            counts[c]++;
            int src = sample[i] * d;
            for (int t = 0; t < d; t++) {
                sums[c * d + t] += x[src + t];
            }
        }
        for (int c = 0; c < lists; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double norm = 0;
            for (int t = 0; t < d; t++) {
                norm += sums[c * d + t] * sums[c * d + t];
            }
            if (norm == 0) {
                continue;
            }
            double len = Math.sqrt(norm);
            for (int t = 0; t < d; t++) {
                centroids[c * d + t] = (float) (sums[c * d + t] / len);
            }
        }
    }
}

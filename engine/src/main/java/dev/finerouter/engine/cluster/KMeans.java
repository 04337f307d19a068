package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plain k-means (Lloyd) with k-means++ seeding, the coarse baseline Stage 1 is compared with.
 *
 * <p><b>Metric.</b> The input rows are L2-normalised ({@link EmbeddingMatrix} guarantees it), and points are assigned
 * to the center with the smallest squared Euclidean distance {@code ‖x − c‖² = 1 − 2·x·c + ‖c‖²}. Between two unit
 * vectors that is {@code 2 − 2·cos}, so seeding (which only measures point-to-point distances) is cosine-based;
 * centers are the plain means of their members and are <em>not</em> re-normalised (this is standard Euclidean
 * k-means on normalised embeddings, not spherical k-means).
 *
 * <p><b>Seeding.</b> k-means++ (Arthur and Vassilvitskii 2007): the first center is a uniformly drawn row, every
 * further center a row drawn with probability proportional to its squared distance to the nearest chosen center,
 * all from one {@link SplittableRandom} seeded with {@code seed}.
 *
 * <p><b>Iterations.</b> Assign, then recompute means, until no assignment changes or {@code maxIterations} is
 * reached. An empty cluster is re-seeded with the row farthest from its current center (lowest index on ties).
 *
 * <p><b>Determinism.</b> Distances of a row are computed by one thread in a fixed order and means are summed in row
 * order in double precision, so the result depends only on the input, k, the seed and the iteration cap — not on
 * the thread count. Ties between equally distant centers go to the lower center index.
 */
public final class KMeans {
    private final int k;
    private final int maxIterations;
    private final long seed;
    private final int threads;

    /**
     * Creates the clusterer with one worker per available processor.
     *
     * @param k number of clusters, ≥ 1
     * @param maxIterations maximum Lloyd iterations, ≥ 1
     * @param seed seed of the k-means++ draws
     */
    public KMeans(int k, int maxIterations, long seed) {
        this(k, maxIterations, seed, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates the clusterer.
     *
     * @param k number of clusters, ≥ 1
     * @param maxIterations maximum Lloyd iterations, ≥ 1
     * @param seed seed of the k-means++ draws
     * @param threads worker threads for the assignment step, ≥ 1 (does not change the result)
     */
    public KMeans(int k, int maxIterations, long seed, int threads) {
        if (k < 1 || maxIterations < 1 || threads < 1) {
            throw new IllegalArgumentException("need k >= 1, maxIterations >= 1, threads >= 1; got " + k + ", "
                    + maxIterations + ", " + threads);
        }
        this.k = k;
        this.maxIterations = maxIterations;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * The outcome of a run.
     *
     * @param assignment cluster of every row, in [0, k)
     * @param centers row-major {@code k × dim} cluster means
     * @param dim dimension of the centers
     * @param iterations Lloyd iterations run
     * @param converged whether the last iteration changed no assignment
     * @param inertia sum of squared Euclidean distances of rows to their centers
     */
    public record Result(int[] assignment, float[] centers, int dim, int iterations, boolean converged, double inertia) {
        /** Validates and copies. */
        public Result {
            if (dim < 1 || centers.length % dim != 0 || iterations < 0) {
                throw new IllegalArgumentException("bad shape: " + centers.length + " center values, dim " + dim);
            }
            int kk = centers.length / dim;
            for (int c : assignment) {
                if (c < 0 || c >= kk) {
                    throw new IllegalArgumentException("assignment " + c + " outside [0, " + kk + ")");
                }
            }
            assignment = assignment.clone();
            centers = centers.clone();
        }

        /** A copy of the assignment. */
        @Override
        public int[] assignment() {
            return assignment.clone();
        }

        /** A copy of the centers. */
        @Override
        public float[] centers() {
            return centers.clone();
        }

        /** Number of clusters. */
        public int k() {
            return centers.length / dim;
        }

        /** Equality by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && dim == r.dim && iterations == r.iterations && converged == r.converged
                    && Double.compare(inertia, r.inertia) == 0 && Arrays.equals(assignment, r.assignment)
                    && Arrays.equals(centers, r.centers);
        }

        /** Hash by content. */
        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(assignment) + Arrays.hashCode(centers);
        }

        /** A short description. */
        @Override
        public String toString() {
            return "KMeans.Result[k=" + k() + ", iterations=" + iterations + ", converged=" + converged + ", inertia=" + inertia + "]";
        }
    }

    /**
     * Clusters the rows. k is capped at the number of rows.
     *
     * @param embeddings L2-normalised rows, at least one
     * @param context cancellation (checked every iteration) and progress
     * @throws CancelledException when cancelled
     */
    public Result fit(EmbeddingMatrix embeddings, StageContext context) throws CancelledException {
        int n = embeddings.rows();
        int d = embeddings.dim();
        if (n == 0) {
            throw new IllegalArgumentException("no rows to cluster");
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(embeddings.row(i), 0, x, i * d, d);
        }
        int kk = Math.min(k, n);
        float[] centers = seed(x, n, d, kk);
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        float[] dist = new float[n];
        ExecutorService pool = threads > 1 && n >= 1024 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kmeans");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            int iterations = 0;
            boolean converged = false;
            while (iterations < maxIterations) {
                context.checkCancelled();
                int changed = assignAll(pool, x, n, d, centers, kk, assign, dist);
                iterations++;
                context.progress((double) iterations / maxIterations, "k-means iteration " + iterations + ": " + changed + " moved");
                if (changed == 0) {
                    converged = true;
                    break;
                }
                recompute(x, n, d, centers, kk, assign, dist);
            }
            if (!converged) {
                // centers moved in the last update: assign once more so assignment and centers agree
                assignAll(pool, x, n, d, centers, kk, assign, dist);
            }
            double inertia = 0;
            for (int i = 0; i < n; i++) {
                inertia += dist[i];
            }
            return new Result(assign, centers, d, iterations, converged, inertia);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** k-means++ seeding. */
    private float[] seed(float[] x, int n, int d, int kk) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centers = new float[kk * d];
        int first = random.nextInt(n);
        System.arraycopy(x, first * d, centers, 0, d);
        double[] best = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = squaredDistance(x, i * d, centers, 0, d);
        }
        for (int c = 1; c < kk; c++) {
            double total = 0;
            for (double b : best) {
                total += b;
            }
            int pick;
            if (total <= 0) {
                pick = random.nextInt(n); // all rows coincide with chosen centers
            } else {
                double r = random.nextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += best[i];
                    if (acc > r) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(x, pick * d, centers, c * d, d);
            for (int i = 0; i < n; i++) {
                best[i] = Math.min(best[i], squaredDistance(x, i * d, centers, c * d, d));
            }
        }
        return centers;
    }

    /** Assigns every row to its nearest center; returns how many rows changed cluster. */
    private int assignAll(ExecutorService pool, float[] x, int n, int d, float[] centers, int kk, int[] assign,
            float[] dist) throws InterruptedException {
        // centers transposed (d rows of kk values) so the inner loop is a vectorisable axpy, as in ExactKnn
        float[][] ct = new float[d][kk];
        float[] norm = new float[kk];
        for (int c = 0; c < kk; c++) {
            float s = 0f;
            for (int t = 0; t < d; t++) {
                float v = centers[c * d + t];
                ct[t][c] = v;
                s += v * v;
            }
            norm[c] = s;
        }
        if (pool == null) {
            return assignRange(x, 0, n, d, ct, norm, kk, assign, dist);
        }
        List<Callable<Integer>> tasks = new ArrayList<>();
        int chunk = 512;
        for (int from = 0; from < n; from += chunk) {
            int f = from;
            int to = Math.min(n, from + chunk);
            tasks.add(() -> assignRange(x, f, to, d, ct, norm, kk, assign, dist));
        }
        int changed = 0;
        try {
            for (Future<Integer> fu : pool.invokeAll(tasks)) {
                changed += fu.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("k-means worker failed", e.getCause());
        }
        return changed;
    }

    private static int assignRange(float[] x, int from, int to, int d, float[][] ct, float[] norm, int kk, int[] assign,
            float[] dist) {
        float[] s = new float[kk];
        int changed = 0;
        for (int i = from; i < to; i++) {
            Arrays.fill(s, 0f);
            int o = i * d;
            float xx = 0f;
            for (int t = 0; t < d; t++) {
                float xv = x[o + t];
                xx += xv * xv;
                float[] row = ct[t];
                for (int c = 0; c < kk; c++) {
                    s[c] += xv * row[c];
                }
            }
            int best = 0;
            float bestD = Float.POSITIVE_INFINITY;
            for (int c = 0; c < kk; c++) {
                float dd = xx - 2 * s[c] + norm[c];
                if (dd < bestD) {
                    bestD = dd;
                    best = c;
                }
            }
            if (assign[i] != best) {
                changed++;
                assign[i] = best;
            }
            dist[i] = Math.max(0f, bestD);
        }
        return changed;
    }

    /** New means; an empty cluster takes the row farthest from its center (which then leaves its old cluster). */
    private static void recompute(float[] x, int n, int d, float[] centers, int kk, int[] assign, float[] dist) {
        double[] sum = new double[kk * d];
        int[] count = new int[kk];
        for (int i = 0; i < n; i++) {
            int c = assign[i];
            count[c]++;
            int o = i * d;
            int co = c * d;
            for (int t = 0; t < d; t++) {
                sum[co + t] += x[o + t];
            }
        }
        boolean[] taken = new boolean[n];
        for (int c = 0; c < kk; c++) {
            if (count[c] == 0) {
                int far = -1;
                for (int i = 0; i < n; i++) {
                    if (!taken[i] && count[assign[i]] > 1 && (far < 0 || dist[i] > dist[far])) {
                        far = i;
                    }
                }
                if (far >= 0) {
                    taken[far] = true;
                    System.arraycopy(x, far * d, centers, c * d, d);
                    continue;
                }
            }
            if (count[c] > 0) {
                for (int t = 0; t < d; t++) {
                    centers[c * d + t] = (float) (sum[c * d + t] / count[c]);
                }
            }
        }
    }

    private static double squaredDistance(float[] a, int oa, float[] b, int ob, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double diff = a[oa + t] - b[ob + t];
            s += diff * diff;
        }
        return s;
    }

    /** A short description. */
    @Override
    public String toString() {
        return "KMeans[k=" + k + ", maxIterations=" + maxIterations + ", seed=" + seed + "]";
    }
}

package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.KMeans;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.Arrays;
import java.util.Locale;

/**
 * Baseline: the cluster router of Avengers-Pro (Zhang et al. 2025, arXiv 2508.12631), tuned on dev.
 *
 * <p><b>Fit.</b> Seeded {@link KMeans} (k-means++, at most 30 Lloyd iterations) with K clusters on the
 * L2-normalised training prompt embeddings. Per cluster c and model j:
 * <ul>
 *   <li>accuracy p_cj = mean of j's known training scores among c's members (missing scores are skipped, never read
 *       as 0); when no member of c knows j, j's global training mean (0 when j has no known training score at
 *       all);</li>
 *   <li>cost c_cj = mean of cost(row, j) over c's members (j's global training mean cost for a cluster without
 *       members);</li>
 *   <li>both min–max normalised over the models within the cluster, p̃_cj = (p_cj − min_j′ p_cj′) / (max_j′ p_cj′ −
 *       min_j′ p_cj′) and likewise c̃_cj; when all models of the cluster are equal the normalised value is 0.5.</li>
 * </ul>
 *
 * <p><b>Route.</b> The score of model j in cluster c is x_cj = a·p̃_cj + (1 − a)·(1 − c̃_cj) with a = 1 − λ, so
 * λ = 0 is pure quality and λ = 1 pure cost. A prompt takes the p clusters nearest to it by cosine to their centers
 * (ties: lower cluster index) and the model with the largest Σ_c x_cj over them (ties within 1e−12: cheaper for
 * this prompt, then lower index).
 *
 * <p><b>Tuning.</b> K from {@link #K_GRID}, each capped at max(1, ⌊train prompts / 5⌋) (duplicates after capping
 * dropped), and p from {@link #P_GRID} (p ≤ K) are chosen on dev by Qual at λ = 0 (ties: smaller K, then smaller
 * p). Without dev prompts {@link #DEFAULT} (K capped likewise) is used. Every K is clustered once with the same
 * seed, so a fit is deterministic for a given seed.
 */
public final class AvengersProRouter implements RouterUnderTest {
    /** The candidate numbers of clusters K. */
    public static final int[] K_GRID = {4, 8, 16, 32, 64, 128};

    /** The candidate numbers of nearest clusters p. */
    public static final int[] P_GRID = {1, 2, 4, 8};

    /** The setting without dev prompts: K = 16, p = 1. */
    public static final Settings DEFAULT = new Settings(16, 1);

    /** Gap below which two summed scores are a tie. */
    private static final double TIE = 1e-12;

    /**
     * Hyper-parameters.
     *
     * @param k number of k-means clusters K (≥ 1)
     * @param p number of nearest clusters summed at inference (1 ≤ p ≤ K)
     */
    public record Settings(int k, int p) {
        /** Validates. */
        public Settings {
            if (k < 1 || p < 1 || p > k) {
                throw new IllegalArgumentException("need 1 <= p <= k, got k = " + k + ", p = " + p);
            }
        }
    }

    private final EvaluationData data;
    private final Settings settings;
    private final String origin;
    private final float[] centers;
    private final double[] centerNorms;
    private final double[] quality;
    private final double[] cost;
    private int[] cachedRows;
    private int[][] cachedNearest;

    private AvengersProRouter(EvaluationData data, Settings settings, String origin, float[] centers, double[] quality,
            double[] cost) {
        this.data = data;
        this.settings = settings;
        this.origin = origin;
        this.centers = centers;
        this.quality = quality;
        this.cost = cost;
        double[] sq = EmbeddingClusters.squaredNorms(centers, data.dim());
        this.centerNorms = new double[sq.length];
        for (int c = 0; c < sq.length; c++) {
            centerNorms[c] = Math.sqrt(sq[c]);
        }
    }

    /**
     * Fits with fixed settings (no tuning); K is capped at the number of training prompts by k-means.
     *
     * @param data evaluation data
     * @param settings K and p
     * @param seed seed of the k-means++ draws
     */
    public static AvengersProRouter withSettings(EvaluationData data, Settings settings, long seed) {
        try {
            return cluster(data, settings.k(), seed, StageContext.silent(seed)).withP(settings.p(), "fixed");
        } catch (CancelledException e) {
            throw new IllegalStateException("a silent context is never cancelled", e);
        }
    }

    /**
     * Fits on train and tunes K and p on dev (falls back to {@link #DEFAULT}, K capped, without dev prompts).
     *
     * @param data evaluation data
     * @param seed seed of the k-means++ draws
     */
    public static AvengersProRouter fit(EvaluationData data, long seed) {
        try {
            return fit(data, seed, StageContext.silent(seed));
        } catch (CancelledException e) {
            throw new IllegalStateException("a silent context is never cancelled", e);
        }
    }

    /**
     * As {@link #fit(EvaluationData, long)}, checking {@code ctx} for cancellation between the K points of the dev
     * grid and inside k-means.
     *
     * @throws CancelledException when cancelled
     */
    public static AvengersProRouter fit(EvaluationData data, long seed, StageContext ctx) throws CancelledException {
        ctx.checkCancelled();
        int trainSize = data.train().length;
        EvaluationSplit dev = data.split(Split.DEV);
        if (dev.size() == 0) {
            return cluster(data, EmbeddingClusters.cap(DEFAULT.k(), trainSize), seed, ctx).withP(DEFAULT.p(), "default: no dev prompts");
        }
        int maxP = P_GRID[P_GRID.length - 1];
        AvengersProRouter best = null;
        int bestP = 0;
        double bestQual = Double.NEGATIVE_INFINITY;
        int lastK = 0;
        for (int kk : K_GRID) {
            int k = EmbeddingClusters.cap(kk, trainSize);
            if (k == lastK) {
                continue; // capped onto the previous K
            }
            lastK = k;
            ctx.checkCancelled();
            AvengersProRouter probe = cluster(data, k, seed, ctx);
            int kFitted = probe.settings.k();
            int[][] nearest = probe.nearestClusters(dev.rows(), Math.min(maxP, kFitted));
            for (int p : P_GRID) {
                if (p > kFitted) {
                    continue;
                }
                double q = EvaluationMetrics.qual(dev, probe.routeWith(dev.rows(), nearest, p, 0));
                if (q > bestQual + TIE) {
                    bestQual = q;
                    best = probe;
                    bestP = p;
                }
            }
        }
        if (best == null) {
            // every dev Qual was NaN (no routed model has a known dev score): the smallest setting
            best = cluster(data, EmbeddingClusters.cap(K_GRID[0], trainSize), seed, ctx);
            bestP = 1;
        }
        return best.withP(bestP, "dev-tuned");
    }

    /** Clusters train with K clusters and computes p̃ and c̃ (the returned router has p = 1). */
    private static AvengersProRouter cluster(EvaluationData data, int k, long seed, StageContext ctx) throws CancelledException {
        int[] train = data.train();
        int m = data.models();
        KMeans.Result km = EmbeddingClusters.kmeans(data, train, k, seed, ctx);
        int kk = km.k();
        int[] assignment = km.assignment();
        double[] globalQuality = EmbeddingClusters.knownMeans(data, train);
        double[] globalCost = new double[m];
        for (int row : train) {
            for (int j = 0; j < m; j++) {
                globalCost[j] += data.cost(row, j) / train.length;
            }
        }
        double[] scoreSum = new double[kk * m];
        int[] scoreCount = new int[kk * m];
        double[] costSum = new double[kk * m];
        int[] members = new int[kk];
        for (int i = 0; i < train.length; i++) {
            int c = assignment[i];
            members[c]++;
            for (int j = 0; j < m; j++) {
                costSum[c * m + j] += data.cost(train[i], j);
                float s = data.score(train[i], j);
                if (!Float.isNaN(s)) {
                    scoreSum[c * m + j] += s;
                    scoreCount[c * m + j]++;
                }
            }
        }
        double[] quality = new double[kk * m];
        double[] cost = new double[kk * m];
        double[] pc = new double[m];
        double[] cc = new double[m];
        for (int c = 0; c < kk; c++) {
            for (int j = 0; j < m; j++) {
                int at = c * m + j;
                double global = Double.isNaN(globalQuality[j]) ? 0 : globalQuality[j];
                pc[j] = scoreCount[at] == 0 ? global : scoreSum[at] / scoreCount[at];
                cc[j] = members[c] == 0 ? globalCost[j] : costSum[at] / members[c];
            }
            System.arraycopy(minMax(pc), 0, quality, c * m, m);
            System.arraycopy(minMax(cc), 0, cost, c * m, m);
        }
        return new AvengersProRouter(data, new Settings(kk, 1), "fixed", km.centers(), quality, cost);
    }

    /** This fitted clustering with another p (capped at K) and origin; the fitted arrays are shared. */
    private AvengersProRouter withP(int p, String origin) {
        return new AvengersProRouter(data, new Settings(settings.k(), Math.min(p, settings.k())), origin, centers, quality,
                cost);
    }

    /**
     * Min–max normalisation over the models: (v − min) / (max − min); 0.5 for every model when all are equal.
     *
     * @param values one value per model (finite)
     */
    static double[] minMax(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] out = new double[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = hi > lo ? (values[j] - lo) / (hi - lo) : 0.5;
        }
        return out;
    }

    /** The settings in use (K as fitted: at most the number of training prompts). */
    public Settings settings() {
        return settings;
    }

    /** The number of clusters K. */
    public int k() {
        return settings.k();
    }

    /** The number of nearest clusters p summed at inference. */
    public int p() {
        return settings.p();
    }

    /** The settings and where they come from, e.g. "K = 32, p = 2 (dev-tuned)". */
    public String describe() {
        return String.format(Locale.ROOT, "K = %d, p = %d (%s)", settings.k(), settings.p(), origin);
    }

    /** The scores x_cj = a·p̃_cj + (1 − a)·(1 − c̃_cj), a = 1 − λ, of every model in cluster {@code c} (for tests). */
    double[] clusterScores(int c, double tolerance) {
        int m = data.models();
        double a = 1 - tolerance;
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = a * quality[c * m + j] + (1 - a) * (1 - cost[c * m + j]);
        }
        return out;
    }

    @Override
    public String name() {
        return "Cluster router (Avengers-Pro)";
    }

    @Override
    public boolean hasCostKnob() {
        return true;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be in [0,1], was " + tolerance);
        }
        int[] rows = split.rows();
        return routeWith(rows, nearest(rows), settings.p(), tolerance);
    }

    private int[] routeWith(int[] rows, int[][] nearest, int p, double tolerance) {
        int m = data.models();
        double[] sum = new double[m];
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Arrays.fill(sum, 0);
            for (int t = 0; t < p; t++) {
                double[] x = clusterScores(nearest[i][t], tolerance);
                for (int j = 0; j < m; j++) {
                    sum[j] += x[j];
                }
            }
            double best = Double.NEGATIVE_INFINITY;
            for (double s : sum) {
                best = Math.max(best, s);
            }
            int chosen = -1;
            for (int j = 0; j < m; j++) {
                if (sum[j] >= best - TIE && (chosen < 0 || data.cost(rows[i], j) < data.cost(rows[i], chosen))) {
                    chosen = j;
                }
            }
            out[i] = chosen;
        }
        return out;
    }

    /** The p nearest clusters of each row; cached for the last rows asked (the curve routes one split many times). */
    private synchronized int[][] nearest(int[] rows) {
        if (cachedRows == null || !Arrays.equals(cachedRows, rows)) {
            cachedNearest = nearestClusters(rows, settings.p());
            cachedRows = rows;
        }
        return cachedNearest;
    }

    /** The {@code want} clusters with the highest cosine x·c / ‖c‖ to each row, best first (ties: lower index). */
    private int[][] nearestClusters(int[] rows, int want) {
        int k = centerNorms.length;
        int[][] out = new int[rows.length][];
        double[] cos = new double[k];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < k; c++) {
                cos[c] = centerNorms[c] == 0 ? 0 : EmbeddingClusters.dot(data, rows[i], centers, c) / centerNorms[c];
            }
            int[] top = new int[want];
            boolean[] taken = new boolean[k];
            for (int t = 0; t < want; t++) {
                int best = -1;
                for (int c = 0; c < k; c++) {
                    if (!taken[c] && (best < 0 || cos[c] > cos[best])) {
                        best = c;
                    }
                }
                taken[best] = true;
                top[t] = best;
            }
            out[i] = top;
        }
        return out;
    }
}

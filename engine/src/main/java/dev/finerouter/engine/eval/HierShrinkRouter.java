package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.KMeans;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Baseline: two-level k-means with empirical-Bayes shrinkage, in the spirit of vLLM Semantic Router's HierShrink
 * proposal, tuned on dev.
 *
 * <p><b>Fit.</b> Coarse: seeded {@link KMeans} (k-means++, at most 30 Lloyd iterations) with K1 clusters on the
 * L2-normalised training prompt embeddings. Fine: inside every coarse cluster with n members, k-means with
 * min(K2, max(1, ⌊n / 5⌋)) clusters on those members (seed + 1 + coarse index); a coarse cluster without members
 * gets one fine cluster at its own center. With S = the sum and n = the count of the known (non-NaN) training scores
 * of model j in a cluster, the estimates are
 * <ul>
 *   <li>global: g_j = S_j / n_j over all training prompts (NaN when j has no known training score: no estimate);</li>
 *   <li>coarse, shrunk toward the global mean: μ1_cj = (S_cj + κ·g_j) / (n_cj + κ);</li>
 *   <li>fine, shrunk toward its coarse parent: μ2_fj = (S_fj + κ·μ1_parent(f),j) / (n_fj + κ)
 *       ({@link #shrunk}).</li>
 * </ul>
 * A cluster with few known scores thus leans on its parent, a large one on its own mean.
 *
 * <p><b>Route.</b> A prompt goes to its nearest coarse center, then to the nearest fine center inside that coarse
 * cluster, both by the k-means rule (smallest squared Euclidean distance, ties: lower index), so a training prompt
 * lands where it was counted. Its estimate is μ2 of that fine cluster; the model is chosen by
 * {@link ToleranceChoice} (argmax at λ = 0; the cheapest within (1 − λ) of the best estimate otherwise), the cost
 * knob of kNN and MF.
 *
 * <p><b>Tuning.</b> K1 from {@link #K1_GRID} (capped at max(1, ⌊train prompts / 5⌋), duplicates after capping
 * dropped), K2 from {@link #K2_GRID} and κ from {@link #KAPPA_GRID} are chosen on dev by Qual at λ = 0; ties go to
 * fewer fine (leaf) clusters, then smaller K1, then smaller K2, then larger κ. Without dev prompts {@link #DEFAULT}
 * (K1 capped likewise) is used. Deterministic for a given seed.
 */
public final class HierShrinkRouter implements RouterUnderTest {
    /** The candidate numbers of coarse clusters K1. */
    public static final int[] K1_GRID = {2, 4, 8, 16, 32};

    /** The candidate numbers of fine clusters per coarse cluster K2 (before the per-cluster cap). */
    public static final int[] K2_GRID = {2, 4, 8, 16};

    /** The candidate shrinkage strengths κ (pseudo-counts of the parent mean). */
    public static final double[] KAPPA_GRID = {1, 5, 20, 100};

    /** The setting without dev prompts: K1 = 8, K2 = 4, κ = 5 (near the middle of each grid). */
    public static final Settings DEFAULT = new Settings(8, 4, 5);

    /** Gap below which two dev Qual values are a tie. */
    private static final double TIE = 1e-12;

    /**
     * Hyper-parameters.
     *
     * @param k1 number of coarse clusters K1 (≥ 1)
     * @param k2 number of fine clusters per coarse cluster K2 (≥ 1), capped per cluster at max(1, ⌊members / 5⌋)
     * @param kappa shrinkage strength κ (finite, > 0)
     */
    public record Settings(int k1, int k2, double kappa) {
        /** Validates. */
        public Settings {
            if (k1 < 1 || k2 < 1 || !(kappa > 0) || Double.isInfinite(kappa)) {
                throw new IllegalArgumentException("need k1 >= 1, k2 >= 1, 0 < kappa < inf; got " + k1 + ", " + k2 + ", " + kappa);
            }
        }
    }

    private final EvaluationData data;
    private final Settings settings;
    private final String origin;
    private final Tree tree;
    private final double[] estimates;
    private int[] cachedRows;
    private int[] cachedLeaves;

    private HierShrinkRouter(EvaluationData data, Settings settings, String origin, Tree tree) {
        this.data = data;
        this.settings = settings;
        this.origin = origin;
        this.tree = tree;
        this.estimates = tree.estimates(settings.kappa());
    }

    /**
     * Fits with fixed settings (no tuning); K1 is capped at the number of training prompts by k-means.
     *
     * @param data evaluation data
     * @param settings K1, K2 and κ
     * @param seed seed of the k-means++ draws
     */
    public static HierShrinkRouter withSettings(EvaluationData data, Settings settings, long seed) {
        Tree tree = Tree.build(data, EmbeddingClusters.kmeans(data, data.train(), settings.k1(), seed), settings.k2(), seed);
        return new HierShrinkRouter(data, fitted(tree, settings), "fixed", tree);
    }

    /**
     * Fits on train and tunes K1, K2 and κ on dev (falls back to {@link #DEFAULT}, K1 capped, without dev prompts).
     *
     * @param data evaluation data
     * @param seed seed of the k-means++ draws
     */
    public static HierShrinkRouter fit(EvaluationData data, long seed) {
        try {
            return fit(data, seed, StageContext.silent(seed));
        } catch (CancelledException e) {
            throw new IllegalStateException("a silent context is never cancelled", e);
        }
    }

    /**
     * As {@link #fit(EvaluationData, long)}, checking {@code ctx} for cancellation between the (K1, K2) points of the
     * dev grid and inside the coarse k-means.
     *
     * @throws CancelledException when cancelled
     */
    public static HierShrinkRouter fit(EvaluationData data, long seed, StageContext ctx) throws CancelledException {
        ctx.checkCancelled();
        int[] train = data.train();
        EvaluationSplit dev = data.split(Split.DEV);
        if (dev.size() == 0) {
            Settings s = new Settings(EmbeddingClusters.cap(DEFAULT.k1(), train.length), DEFAULT.k2(), DEFAULT.kappa());
            Tree tree = Tree.build(data, EmbeddingClusters.kmeans(data, train, s.k1(), seed), s.k2(), seed);
            return new HierShrinkRouter(data, fitted(tree, s), "default: no dev prompts", tree);
        }
        int[] devRows = dev.rows();
        List<Candidate> candidates = new ArrayList<>();
        int lastK1 = 0;
        for (int kk1 : K1_GRID) {
            int k1 = EmbeddingClusters.cap(kk1, train.length);
            if (k1 == lastK1) {
                continue; // capped onto the previous K1
            }
            lastK1 = k1;
            KMeans.Result coarse = EmbeddingClusters.kmeans(data, train, k1, seed, ctx);
            for (int k2 : K2_GRID) {
                ctx.checkCancelled();
                Tree tree = Tree.build(data, coarse, k2, seed);
                int[] leaves = tree.leaves(data, devRows);
                for (double kappa : KAPPA_GRID) {
                    double q = EvaluationMetrics.qual(dev, choose(data, devRows, leaves, tree.estimates(kappa), 0));
                    candidates.add(new Candidate(fitted(tree, new Settings(k1, k2, kappa)), tree, q));
                }
            }
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.tree.leafCount())
                .thenComparingInt(c -> c.settings.k1())
                .thenComparingInt(c -> c.settings.k2())
                .thenComparing(c -> -c.settings.kappa()));
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.qual > best.qual + TIE || (Double.isNaN(best.qual) && !Double.isNaN(c.qual))) {
                best = c;
            }
        }
        return new HierShrinkRouter(data, best.settings, "dev-tuned", best.tree);
    }

    /** One point of the dev grid: its settings, fitted tree and dev Qual at λ = 0. */
    private record Candidate(Settings settings, Tree tree, double qual) {
    }

    /** The settings with K1 as fitted (k-means caps it at the number of training prompts). */
    private static Settings fitted(Tree tree, Settings s) {
        return new Settings(tree.coarseCount(), s.k2(), s.kappa());
    }

    /**
     * The empirical-Bayes shrunk mean (S + κ·prior) / (n + κ): the mean of {@code count} known scores summing to
     * {@code sum}, pulled toward {@code prior} with the weight of κ pseudo-observations. Equals the prior when
     * {@code count} = 0; NaN when the prior is NaN.
     *
     * @param sum S, the sum of the known scores
     * @param count n ≥ 0, the number of known scores
     * @param prior the parent mean
     * @param kappa κ > 0
     */
    static double shrunk(double sum, int count, double prior, double kappa) {
        if (count < 0 || !(kappa > 0)) {
            throw new IllegalArgumentException("need count >= 0 and kappa > 0, got " + count + ", " + kappa);
        }
        return (sum + kappa * prior) / (count + kappa);
    }

    /** The settings in use (K1 as fitted; K2 as the per-cluster maximum). */
    public Settings settings() {
        return settings;
    }

    /** The number of coarse clusters K1. */
    public int k1() {
        return settings.k1();
    }

    /** The maximum number of fine clusters per coarse cluster K2. */
    public int k2() {
        return settings.k2();
    }

    /** The shrinkage strength κ. */
    public double kappa() {
        return settings.kappa();
    }

    /** The number of fine (leaf) clusters over all coarse clusters. */
    public int leafCount() {
        return tree.leafCount();
    }

    /** The settings and where they come from, e.g. "K1 = 8, K2 = 4 (27 fine clusters), κ = 5 (dev-tuned)". */
    public String describe() {
        int leaves = tree.leafCount();
        return String.format(Locale.ROOT, "K1 = %d, K2 = %d (%d fine cluster%s), κ = %s (%s)", settings.k1(), settings.k2(),
                leaves, leaves == 1 ? "" : "s", kappaText(settings.kappa()), origin);
    }

    private static String kappaText(double kappa) {
        return kappa == Math.rint(kappa) ? Long.toString((long) kappa) : Double.toString(kappa);
    }

    /** The estimate μ2 per model of the fine cluster {@code row} falls in (for tests). */
    double[] estimate(int row) {
        int leaf = tree.leaf(data, row);
        int m = data.models();
        return Arrays.copyOfRange(estimates, leaf * m, (leaf + 1) * m);
    }

    @Override
    public String name() {
        return "HierShrink (2-level k-means)";
    }

    @Override
    public boolean hasCostKnob() {
        return true;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        int[] rows = split.rows();
        return choose(data, rows, leaves(rows), estimates, tolerance);
    }

    private static int[] choose(EvaluationData data, int[] rows, int[] leaves, double[] estimates, double tolerance) {
        int m = data.models();
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double[] est = Arrays.copyOfRange(estimates, leaves[i] * m, (leaves[i] + 1) * m);
            out[i] = ToleranceChoice.choose(est, data, rows[i], tolerance);
        }
        return out;
    }

    /** The fine cluster of each row; cached for the last rows asked (the curve routes one split many times). */
    private synchronized int[] leaves(int[] rows) {
        if (cachedRows == null || !Arrays.equals(cachedRows, rows)) {
            cachedLeaves = tree.leaves(data, rows);
            cachedRows = rows;
        }
        return cachedLeaves;
    }

    /**
     * The fitted two-level clustering with the sums and counts of known training scores of its clusters; κ only
     * enters in {@link #estimates}, so one tree serves every κ.
     */
    private static final class Tree {
        private final int m;
        private final float[] coarseCenters;
        private final double[] coarseNorms;
        private final float[][] fineCenters;
        private final double[][] fineNorms;
        private final int[] leafOffset;
        private final double[] global;
        private final double[] coarseSum;
        private final int[] coarseCount;
        private final double[] leafSum;
        private final int[] leafCountOf;

        private Tree(int m, int dim, float[] coarseCenters, float[][] fineCenters, int[] leafOffset, double[] global,
                double[] coarseSum, int[] coarseCount, double[] leafSum, int[] leafCountOf) {
            this.m = m;
            this.coarseCenters = coarseCenters;
            this.coarseNorms = EmbeddingClusters.squaredNorms(coarseCenters, dim);
            this.fineCenters = fineCenters;
            this.fineNorms = new double[fineCenters.length][];
            for (int c = 0; c < fineCenters.length; c++) {
                fineNorms[c] = EmbeddingClusters.squaredNorms(fineCenters[c], dim);
            }
            this.leafOffset = leafOffset;
            this.global = global;
            this.coarseSum = coarseSum;
            this.coarseCount = coarseCount;
            this.leafSum = leafSum;
            this.leafCountOf = leafCountOf;
        }

        /** Fine k-means inside every coarse cluster of {@code coarse} (fitted on {@code data.train()}) and the sums. */
        static Tree build(EvaluationData data, KMeans.Result coarse, int k2, long seed) {
            int[] train = data.train();
            int m = data.models();
            int d = data.dim();
            int k1 = coarse.k();
            int[] coarseOf = coarse.assignment();
            float[] coarseCenters = coarse.centers();
            List<List<Integer>> members = new ArrayList<>();
            for (int c = 0; c < k1; c++) {
                members.add(new ArrayList<>());
            }
            for (int i = 0; i < train.length; i++) {
                members.get(coarseOf[i]).add(i);
            }
            float[][] fineCenters = new float[k1][];
            int[] leafOffset = new int[k1 + 1];
            int[] leafOfTrain = new int[train.length];
            for (int c = 0; c < k1; c++) {
                List<Integer> mine = members.get(c);
                if (mine.isEmpty()) {
                    fineCenters[c] = Arrays.copyOfRange(coarseCenters, c * d, (c + 1) * d);
                    leafOffset[c + 1] = leafOffset[c] + 1;
                    continue;
                }
                int[] rows = new int[mine.size()];
                for (int t = 0; t < rows.length; t++) {
                    rows[t] = train[mine.get(t)];
                }
                KMeans.Result fine = EmbeddingClusters.kmeans(data, rows, EmbeddingClusters.cap(k2, rows.length), seed + 1 + c);
                fineCenters[c] = fine.centers();
                leafOffset[c + 1] = leafOffset[c] + fine.k();
                int[] fineOf = fine.assignment();
                for (int t = 0; t < rows.length; t++) {
                    leafOfTrain[mine.get(t)] = leafOffset[c] + fineOf[t];
                }
            }
            int leaves = leafOffset[k1];
            double[] globalSum = new double[m];
            int[] globalCount = new int[m];
            double[] coarseSum = new double[k1 * m];
            int[] coarseCount = new int[k1 * m];
            double[] leafSum = new double[leaves * m];
            int[] leafCount = new int[leaves * m];
            for (int i = 0; i < train.length; i++) {
                for (int j = 0; j < m; j++) {
                    float s = data.score(train[i], j);
                    if (Float.isNaN(s)) {
                        continue;
                    }
                    globalSum[j] += s;
                    globalCount[j]++;
                    coarseSum[coarseOf[i] * m + j] += s;
                    coarseCount[coarseOf[i] * m + j]++;
                    leafSum[leafOfTrain[i] * m + j] += s;
                    leafCount[leafOfTrain[i] * m + j]++;
                }
            }
            double[] global = new double[m];
            for (int j = 0; j < m; j++) {
                global[j] = globalCount[j] == 0 ? Double.NaN : globalSum[j] / globalCount[j];
            }
            return new Tree(m, d, coarseCenters, fineCenters, leafOffset, global, coarseSum, coarseCount, leafSum, leafCount);
        }

        int coarseCount() {
            return fineCenters.length;
        }

        int leafCount() {
            return leafOffset[leafOffset.length - 1];
        }

        /** μ2 of every leaf and model, row-major leaves × m, for shrinkage strength κ. */
        double[] estimates(double kappa) {
            double[] out = new double[leafCount() * m];
            for (int c = 0; c < coarseCount(); c++) {
                for (int j = 0; j < m; j++) {
                    double mu1 = shrunk(coarseSum[c * m + j], coarseCount[c * m + j], global[j], kappa);
                    for (int f = leafOffset[c]; f < leafOffset[c + 1]; f++) {
                        out[f * m + j] = shrunk(leafSum[f * m + j], leafCountOf[f * m + j], mu1, kappa);
                    }
                }
            }
            return out;
        }

        /** The leaf of one row: nearest coarse center, then nearest fine center inside it. */
        int leaf(EvaluationData data, int row) {
            int c = EmbeddingClusters.nearest(data, row, coarseCenters, coarseNorms);
            return leafOffset[c] + EmbeddingClusters.nearest(data, row, fineCenters[c], fineNorms[c]);
        }

        int[] leaves(EvaluationData data, int[] rows) {
            int[] out = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = leaf(data, rows[i]);
            }
            return out;
        }
    }
}

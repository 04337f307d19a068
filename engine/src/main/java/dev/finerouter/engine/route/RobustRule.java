package dev.finerouter.engine.route;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The default ("robust") routing rule: every model is scored by an estimate of its quality on the prompt in score
 * units, built only from statistics that are out of sample for the prompt, shrunk toward broader ones, with explicit
 * fallbacks validated on dev. For a prompt x with task probabilities p_t(x) from the task classifier, its k nearest
 * training prompts N_k(x) (by embedding cosine) and Stage-2's prediction Q̃(x, M):
 *
 * <ol>
 *   <li><b>General estimate</b> g_M: model M's mean known score over all training prompts (the best single model is
 *       its argmax).</li>
 *   <li><b>Task prior</b> π_M(x) = Σ_t w_t(x)·μ_{t,M} + (1 − Σ_t w_t(x))·g_M with w_t = p_t / max(1, Σ_t p_t): soft
 *       assignment to the tasks, the unassigned probability mass falls back to the general estimate. μ_{t,M} is
 *       model M's mean score over the training prompts weighted by the classifier's probability of t — the prompts
 *       the classifier assigns to t by their text, not the members whose outcomes built the task — shrunk toward
 *       g_M with strength κ: μ = (Σ p_i(t)·s_iM + κ·g_M) / (Σ p_i(t) + κ).</li>
 *   <li><b>Local estimate</b> L_M(x) = (Σ_{j ∈ N_k(x)} s_jM + β·π_M(x)) / (n_M + β), n_M = the neighbours with a
 *       known score for M: the neighbours' outcomes, shrunk toward the task prior — or, when the data carries labels
 *       (its benchmarks) and the tuner found them to route better, toward the labels' prior ({@link LabelPrior}).</li>
 *   <li><b>Estimate</b> E_M(x) = α·Q̃(x, M) + (1 − α)·L_M(x) (L alone when Q̃ is missing).</li>
 * </ol>
 * The router compares every model by expected utility E − λ/(1 − λ) · cost / C (C = {@code costScale}, set by the
 * tuner so that λ = 0.5 spends half-way between the λ = 0 and λ = 1 routings' dev cost, {@link
 * RobustRuleTuner#balancedCostScale}), under the policy's budget: λ = 0 is the argmax of E, λ = 1 the cheapest model
 * ({@link QualityRouter#routeByEstimate}). A task whose routing lost to the general estimate on dev
 * is <b>guarded</b>: its prompts are routed on g alone, with the reason kept; when the whole rule lost on dev, every
 * prompt is. k, β and α are chosen on dev ({@link RobustRuleTuner}). A model onboarded later
 * ({@code dev.finerouter.engine.onboard.ModelOnboarder}) was not part of that validation: where a fallback applies it
 * is not compared by its general estimate but as {@code fallbackMean} says (onboarding keeps guarded tasks to the
 * validated models).
 *
 * @param memory the remembered training prompts
 * @param k neighbours per prompt
 * @param beta shrinkage of the local estimate toward the task prior (pseudo-neighbours)
 * @param kappa shrinkage of the task statistics toward the general estimate (pseudo-prompts)
 * @param generalMean g_M per model (0 for a model with no known score)
 * @param taskMean μ_{t,M}, one row of models per task
 * @param guardReason per task, why its prompts are routed on the general estimate, or {@code null} when not guarded
 * @param globalFallbackReason why every prompt is routed on the general estimate, or {@code null}
 * @param costScale C: the cost that one score unit is traded against at λ = 0.5, > 0; NaN = each prompt's most
 *                  expensive model (rules written before the scale existed)
 * @param labelPrior when not {@code null}, the prior the local estimate is shrunk toward is the data labels' prior
 *                   ({@link LabelPrior}) instead of the task prior π (the tuner chose it on the left-out prompts)
 * @param fallbackMean {@code null}, or what the prompts that fall back are routed on instead of g: one row per task
 *                     (its guarded prompts) and a last row for the global fallback, each {@code null} (g) or one value
 *                     per model (NaN: the model is not compared there). Written by onboarding; a trained rule has none
 */
public record RobustRule(RouterMemory memory, int k, double beta, double kappa, float[] generalMean, float[][] taskMean,
                         List<String> guardReason, String globalFallbackReason, double costScale, LabelPrior labelPrior,
                         float[][] fallbackMean) {
    /**
     * Fewest remembered prompts with a known score of a model for the rule to estimate it when other models are scored
     * on more than twice as many ({@link #tooThinlyScored}; since stop 39). Such a model is treated as one with no
     * score: no local estimate and no general estimate of its own (g = 0), so the rule never chooses it. Its few scores
     * would make a winner's curse: on llmrouter-9model data where one model kept 12 of 1,199 training scores, the rule
     * sent a quarter of the test prompts to it on those scores (docs/results, "Stop 39"). Onboarding
     * ({@code finerouter onboard}) fills a new model's whole memory column with its pessimistic estimator, so an
     * onboarded model is estimated. The split step names such models.
     */
    public static final int MIN_SCORED_PROMPTS = 20;

    /**
     * Whether a model with {@code scored} known scores is too thinly scored for the rule to estimate, when the most
     * scored model has {@code mostScored}: fewer than {@value #MIN_SCORED_PROMPTS} and fewer than half of that. When
     * every model is scored on a few prompts (tiny data) they are compared as they are; none is much thinner.
     */
    public static boolean tooThinlyScored(int scored, int mostScored) {
        return scored < MIN_SCORED_PROMPTS && 2L * scored < mostScored;
    }

    /** {@link #tooThinlyScored} for every model of a memory. */
    static boolean[] thinlyScored(RouterMemory memory) {
        int[] scored = memory.scoredCounts();
        int most = Arrays.stream(scored).max().orElse(0);
        boolean[] out = new boolean[scored.length];
        for (int j = 0; j < scored.length; j++) {
            out[j] = tooThinlyScored(scored[j], most);
        }
        return out;
    }

    /** A rule whose fallbacks route on g. */
    public RobustRule(RouterMemory memory, int k, double beta, double kappa, float[] generalMean, float[][] taskMean,
                      List<String> guardReason, String globalFallbackReason, double costScale, LabelPrior labelPrior) {
        this(memory, k, beta, kappa, generalMean, taskMean, guardReason, globalFallbackReason, costScale, labelPrior, null);
    }

    /** A rule shrinking toward the task prior (no label prior). */
    public RobustRule(RouterMemory memory, int k, double beta, double kappa, float[] generalMean, float[][] taskMean,
                      List<String> guardReason, String globalFallbackReason, double costScale) {
        this(memory, k, beta, kappa, generalMean, taskMean, guardReason, globalFallbackReason, costScale, null);
    }

    public RobustRule {
        Objects.requireNonNull(memory, "memory");
        if (!Double.isNaN(costScale) && !(costScale > 0 && Double.isFinite(costScale))) {
            throw new IllegalArgumentException("robust rule needs a finite cost scale > 0 (or NaN), was " + costScale);
        }
        if (k <= 0 || !(beta >= 0) || !(kappa >= 0)) {
            throw new IllegalArgumentException("robust rule needs k > 0, beta >= 0 and kappa >= 0: k=" + k + ", beta=" + beta + ", kappa=" + kappa);
        }
        int m = memory.models();
        if (generalMean.length != m) {
            throw new IllegalArgumentException("general means for " + generalMean.length + " models, the memory has " + m);
        }
        for (float[] row : taskMean) {
            if (row.length != m) {
                throw new IllegalArgumentException("task means must have one value per model (" + m + ")");
            }
        }
        if (guardReason.size() != taskMean.length) {
            throw new IllegalArgumentException(guardReason.size() + " guard entries for " + taskMean.length + " tasks");
        }
        if (labelPrior != null && (labelPrior.models() != m || labelPrior.dimension() != memory.dimension())) {
            throw new IllegalArgumentException("the label prior covers " + labelPrior.models() + " models of dimension "
                    + labelPrior.dimension() + "; the memory has " + m + " models of dimension " + memory.dimension());
        }
        if (fallbackMean != null) {
            if (fallbackMean.length != taskMean.length + 1) {
                throw new IllegalArgumentException(fallbackMean.length + " fallback rows for " + taskMean.length + " tasks (one per task and one global)");
            }
            for (float[] row : fallbackMean) {
                if (row != null && row.length != m) {
                    throw new IllegalArgumentException("fallback rows must have one value per model (" + m + ")");
                }
            }
            fallbackMean = Arrays.stream(fallbackMean).map(r -> r == null ? null : r.clone()).toArray(float[][]::new);
        }
        generalMean = generalMean.clone();
        taskMean = Arrays.stream(taskMean).map(float[]::clone).toArray(float[][]::new);
        guardReason = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(guardReason)); // may hold nulls
    }

    /**
     * Task statistics from text-assigned training prompts, shrunk toward the general estimate.
     *
     * @param scores row-major n × m training scores (NaN = missing)
     * @param probabilities row-major n × tasks classifier probabilities of the same prompts
     * @param tasks number of tasks
     * @param generalMean g_M
     * @param kappa shrinkage strength
     * @return μ_{t,M}
     */
    public static float[][] taskMeans(float[] scores, float[] probabilities, int tasks, float[] generalMean, double kappa) {
        return shrunkMeans(taskSums(scores, probabilities, tasks, generalMean.length), generalMean, kappa);
    }

    /** μ_{t,M} from the sums of {@link #taskSums}: each shrunk toward g_M with κ pseudo-prompts ({@link #shrunk}). */
    static float[][] shrunkMeans(double[][][] sw, float[] generalMean, double kappa) {
        int tasks = sw[0].length;
        int m = generalMean.length;
        float[][] out = new float[tasks][m];
        for (int t = 0; t < tasks; t++) {
            for (int j = 0; j < m; j++) {
                out[t][j] = (float) shrunk(sw[0][t][j], sw[1][t][j], generalMean[j], kappa);
            }
        }
        return out;
    }

    /**
     * The sums behind {@link #taskMeans}: {@code [0][t][M]} = Σ_i p_i(t)·s_iM and {@code [1][t][M]} = Σ_i p_i(t) over
     * the prompts with a known score for M (the tuner takes one prompt's own terms out of them).
     */
    static double[][][] taskSums(float[] scores, float[] probabilities, int tasks, int m) {
        int n = tasks == 0 ? scores.length / m : probabilities.length / tasks;
        double[][] sum = new double[tasks][m];
        double[][] weight = new double[tasks][m];
        for (int i = 0; i < n; i++) {
            addToTaskSums(sum, weight, probabilities, i * tasks, scores, i * m);
        }
        return new double[][][] {sum, weight};
    }

    /**
     * Adds one prompt's terms to the sums of {@link #taskSums}: p(t)·s_M to {@code sum[t][M]} and p(t) to
     * {@code weight[t][M]} for every task with p(t) > 0 and every model with a known score. The one place these sums are
     * formed, so every caller that adds the prompts in the same order gets the same numbers.
     *
     * @param p the prompt's task probabilities from {@code pOffset}, {@code sum.length} of them
     * @param scores the prompt's scores from {@code sOffset}, {@code sum[0].length} of them (NaN = missing)
     */
    static void addToTaskSums(double[][] sum, double[][] weight, float[] p, int pOffset, float[] scores, int sOffset) {
        int tasks = sum.length;
        for (int t = 0; t < tasks; t++) {
            double pt = p[pOffset + t];
            if (pt <= 0) {
                continue;
            }
            int m = sum[t].length;
            for (int j = 0; j < m; j++) {
                float s = scores[sOffset + j];
                if (!Float.isNaN(s)) {
                    sum[t][j] += pt * s;
                    weight[t][j] += pt;
                }
            }
        }
    }

    /** μ = (sum + κ·g) / (weight + κ); g when both are 0. */
    static double shrunk(double sum, double weight, double general, double kappa) {
        double den = weight + kappa;
        return den == 0 ? general : (sum + kappa * general) / den;
    }

    /** g_M from the memory's scores, 0 for a model with none or too few ({@link #tooThinlyScored}). */
    public static float[] generalMeans(RouterMemory memory) {
        float[] g = memory.meanScores();
        boolean[] thin = thinlyScored(memory);
        for (int j = 0; j < g.length; j++) {
            if (Float.isNaN(g[j]) || thin[j]) {
                g[j] = 0; // as for a model with no score: it is never the general best (see MIN_SCORED_PROMPTS)
            }
        }
        return g;
    }

    /** The model with the highest general estimate (ties: lower index): the best single model of the training data. */
    public int generalBest() {
        int best = 0;
        for (int j = 1; j < generalMean.length; j++) {
            if (generalMean[j] > generalMean[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * The task prior π(x) of one prompt.
     *
     * @param probabilities the classifier's probabilities, one per task, from {@code offset}
     */
    public double[] prior(float[] probabilities, int offset) {
        return prior(probabilities, offset, taskMean, generalMean);
    }

    /** π(x) = Σ_t w_t·μ_t + (1 − Σ_t w_t)·g with w_t = p_t / max(1, Σ_t p_t), for given task statistics. */
    static double[] prior(float[] probabilities, int offset, float[][] taskMean, float[] generalMean) {
        int tasks = taskMean.length;
        int m = generalMean.length;
        double mass = 0;
        for (int t = 0; t < tasks; t++) {
            mass += probabilities[offset + t];
        }
        double scale = mass > 1 ? 1 / mass : 1;
        double[] out = new double[m];
        double rest = 1 - mass * scale;
        for (int j = 0; j < m; j++) {
            out[j] = rest * generalMean[j];
        }
        for (int t = 0; t < tasks; t++) {
            double w = probabilities[offset + t] * scale;
            if (w > 0) {
                for (int j = 0; j < m; j++) {
                    out[j] += w * taskMean[t][j];
                }
            }
        }
        return out;
    }

    /**
     * The local estimate L(x) from the first {@code kUsed} neighbours, shrunk toward {@code prior} with strength
     * {@code betaUsed} (the tuner passes other values than the rule's own). NaN for a model the memory scores too
     * thinly ({@link #tooThinlyScored}): it gets no estimate, so no routing compares it.
     *
     * @param neighbours remembered-prompt indices, best first, from {@code offset}
     * @param available how many neighbours are stored there
     */
    public double[] local(int[] neighbours, int offset, int available, int kUsed, double betaUsed, double[] prior) {
        int m = generalMean.length;
        boolean[] thin = thinlyScored(memory);
        int use = Math.min(kUsed, available);
        double[] sum = new double[m];
        int[] count = new int[m];
        for (int a = 0; a < use; a++) {
            int nb = neighbours[offset + a];
            for (int j = 0; j < m; j++) {
                float s = memory.score(nb, j);
                if (!Float.isNaN(s)) {
                    sum[j] += s;
                    count[j]++;
                }
            }
        }
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            double den = count[j] + betaUsed;
            out[j] = thin[j] ? Double.NaN : den == 0 ? prior[j] : (sum[j] + betaUsed * prior[j]) / den;
        }
        return out;
    }

    /** E = α·Q̃ + (1 − α)·L per model (L where Q̃ is NaN). */
    public static double[] blend(float[] predicted, int offset, double[] local, double alpha) {
        double[] out = new double[local.length];
        for (int j = 0; j < local.length; j++) {
            float q = predicted[offset + j];
            out[j] = Float.isNaN(q) ? local[j] : alpha * q + (1 - alpha) * local[j];
        }
        return out;
    }

    /** The general estimate as doubles (what guarded prompts are routed on). */
    public double[] general() {
        return doubles(generalMean);
    }

    private static double[] doubles(float[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = v[j];
        }
        return out;
    }

    /**
     * What a prompt of {@code task} (−1 = Others) is routed on when it falls back ({@link #fallbackReason} not
     * {@code null}): the fallback row of its scope when onboarding wrote one, g otherwise.
     */
    public double[] fallbackEstimate(int task) {
        float[] row = null;
        if (fallbackMean != null) {
            int scope = globalFallbackReason != null ? taskMean.length : task;
            row = scope >= 0 && scope <= taskMean.length ? fallbackMean[scope] : null;
        }
        return doubles(row == null ? generalMean : row);
    }

    /**
     * The model a prompt of {@code task} goes to at λ = 0 when it falls back: the highest {@link #fallbackEstimate}
     * among the models compared there (ties: lower index) — {@link #generalBest} unless onboarding wrote a row.
     */
    public int fallbackBest(int task) {
        double[] e = fallbackEstimate(task);
        int best = -1;
        for (int j = 0; j < e.length; j++) {
            if (!Double.isNaN(e[j]) && (best < 0 || e[j] > e[best])) {
                best = j;
            }
        }
        return Math.max(best, 0);
    }

    /** The same rule trading cost against score at another scale C ({@link RobustRuleTuner#balancedCostScale}). */
    public RobustRule withCostScale(double scale) {
        return new RobustRule(memory, k, beta, kappa, generalMean, taskMean, guardReason, globalFallbackReason, scale, labelPrior, fallbackMean);
    }

    /** The same rule with other fallback rows ({@code null}: every fallback routes on g). */
    public RobustRule withFallbackMean(float[][] rows) {
        return new RobustRule(memory, k, beta, kappa, generalMean, taskMean, guardReason, globalFallbackReason, costScale, labelPrior, rows);
    }

    /** Why a prompt of {@code task} (−1 = Others) is routed on the general estimate, or {@code null} when it is not. */
    public String fallbackReason(int task) {
        if (globalFallbackReason != null) {
            return globalFallbackReason;
        }
        return task >= 0 && task < guardReason.size() ? guardReason.get(task) : null;
    }

    /** Number of guarded tasks. */
    public int guardedTasks() {
        return (int) guardReason.stream().filter(Objects::nonNull).count();
    }

    /** The same rule shrinking toward {@code prior} ({@code null}: the task prior). */
    public RobustRule withLabelPrior(LabelPrior prior) {
        return new RobustRule(memory, k, beta, kappa, generalMean, taskMean, guardReason, globalFallbackReason, costScale, prior, fallbackMean);
    }

    /**
     * The same rule for a router with {@code extra} new tasks appended (drift acceptance): each new task's prior is the
     * general estimate (no text-assigned training prompts yet) and it is not guarded.
     */
    public RobustRule withAddedTasks(int extra) {
        float[][] means = Arrays.copyOf(taskMean, taskMean.length + extra);
        java.util.List<String> reasons = new java.util.ArrayList<>(guardReason);
        for (int i = taskMean.length; i < means.length; i++) {
            means[i] = generalMean.clone();
            reasons.add(null);
        }
        float[][] fallback = null;
        if (fallbackMean != null) {
            fallback = new float[means.length + 1][];
            System.arraycopy(fallbackMean, 0, fallback, 0, taskMean.length);
            fallback[means.length] = fallbackMean[taskMean.length];
        }
        return new RobustRule(memory, k, beta, kappa, generalMean, means, reasons, globalFallbackReason, costScale, labelPrior, fallback);
    }

    @Override
    public float[] generalMean() {
        return generalMean.clone();
    }

    @Override
    public float[][] taskMean() {
        return Arrays.stream(taskMean).map(float[]::clone).toArray(float[][]::new);
    }

    @Override
    public float[][] fallbackMean() {
        return fallbackMean == null ? null : Arrays.stream(fallbackMean).map(r -> r == null ? null : r.clone()).toArray(float[][]::new);
    }
}

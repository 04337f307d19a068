package dev.finerouter.engine.onboard;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.eval.ScoreInterval;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.train.TaskPrediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the router can say about a new model from its scores s_i on a few remembered training prompts (the set S,
 * n = |S|), with the estimators the router already uses for the models it was trained with.
 *
 * <p>Every estimate is <em>paired</em> and <em>pessimistic</em> (issue 21): the new model's scores s_i are compared with
 * an existing model's scores on the same prompts (the memory holds them), d_i = s_i − s_{r,i}, so the prompts' shared
 * difficulty cancels, and the estimate is the reference's level plus the shrunk mean difference minus one standard
 * error of it. From ≈ 10 scores per task a plain mean is noisy, and the router sends prompts to the new model wherever
 * its estimate came out high by luck (measured in docs/results/onboarding: onboarding lost Qual on routerdc-7model);
 * with the lower bound the new model wins a task only where the scores show it ahead, as the router's own guards
 * ask for one standard error.
 *
 * <ul>
 *   <li><b>General estimate</b> g_new = g_r + D − SE: r = the existing model with the highest g_M; D̂ = Σ_c w_c·d̄_c /
 *       Σ_c w_c, the post-stratified mean of d_i (d̄_c over the scored prompts of group c — a task by the classifier's
 *       assignment, or the prompts of no task —, w_c the group's share of all remembered prompts, over the groups with
 *       a scored prompt), so a plan that gives small tasks as many prompts as large ones does not tilt it; D = (n·D̂ +
 *       κ·(ḡ − g_r)) / (n + κ), shrunk toward the pool's mean level ḡ (the mean of the g_M) with the rule's κ
 *       pseudo-prompts; SE = √(v / (n + κ)), v the sample variance of the d_i (¼ with fewer than two). The plain
 *       stratified mean of the s_i (ĝ) is kept for display.</li>
 *   <li><b>Task estimates</b> μ_{t,new} = μ_{t,r_t} + Δ_t − SE_t, clamped to [0, 1]: r_t = the existing model with the
 *       highest μ_{t,M}; with p_i = p_i(t) the classifier's probabilities, Δ̂_t = Σ p_i·d_i / Σ p_i (d against r_t),
 *       Δ_t = (W·Δ̂_t + κ·D_t) / (W + κ) with W = Σ p_i and D_t the plain mean of d against r_t over all scored
 *       prompts; SE_t = √(v_t / (n_eff + κ) + (κ / (W + κ))²·v_t / n_t), v_t the variance of d against r_t over all
 *       scored prompts (n_t of them), n_eff = W² / Σ p_i² (the second term is the uncertainty of D_t itself).</li>
 *   <li><b>Stage-2 prediction</b> Q̃(x, new) = sigmoid(logit_D(x) + δ): the general adapter of the donor D, the existing
 *       model with the least mean squared difference to s_i on the prompts of S that D has a score for (ties: lower
 *       index; when no model shares a prompt with S, the model whose g_M is nearest g_new). δ solves
 *       mean_{i∈S} sigmoid(logit_D(x_i) + δ) = mean_{i∈S} s_{r,i} + D − SE (the general estimate's difference, on S's
 *       own prompts). Then per task, on the scored prompts the classifier assigns to t, δ_t solves the same equation
 *       from the moved predictions with target mean_{i∈S_t} s_{r_t,i} + Δ_t − SE_t: Q̃(x, new) = sigmoid(logit_D(x) +
 *       δ + δ_t(x)) for a prompt x of task t (the donor knows nothing of the new model's task pattern; δ_t puts it
 *       back). Targets are clamped to [0.001, 0.999]; without a reference score on the prompts the target is the plain
 *       mean shrunk toward the donor's with κ, as before.</li>
 * </ul>
 * For display, each task also gets the plain mean of its scored prompts with a 95% {@link ScoreInterval}.
 *
 * @param generalMean g_new
 * @param stratifiedMean ĝ, the post-stratified plain mean of the new model's scores (for display)
 * @param poolMean ḡ
 * @param scored n
 * @param kappa κ (the rule's)
 * @param taskMean μ_{t,new} per task
 * @param tasks per-task figures for display
 * @param donor D, a pool index
 * @param donorMse D's mean squared difference to the new scores on the shared prompts (NaN when none)
 * @param donorOverlap prompts of S that D has a score for
 * @param logitOffset δ
 * @param taskOffsets δ_t per task
 */
public record OnboardEstimate(float generalMean, double stratifiedMean, double poolMean, int scored, double kappa, float[] taskMean,
                              List<TaskEstimate> tasks, int donor, double donorMse, int donorOverlap, float logitOffset, float[] taskOffsets) {
    public OnboardEstimate {
        taskMean = taskMean.clone();
        taskOffsets = taskOffsets.clone();
        tasks = List.copyOf(tasks);
    }

    /**
     * One task's figures.
     *
     * @param task task id
     * @param summary its summary
     * @param observed the plain mean of the new model's scores on the scored prompts assigned to the task, with its 95%
     *                 interval ({@code n} = 0 when none is)
     * @param estimate μ_{t,new}
     * @param best the existing model with the highest μ_{t,M}
     * @param bestEstimate its μ_{t,M}
     * @param difference Δ_t, the shrunk paired difference to {@code best} (new − best)
     * @param standardError SE_t, subtracted from the estimate
     */
    public record TaskEstimate(int task, String summary, ScoreInterval observed, float estimate, int best, float bestEstimate, double difference,
                               double standardError) {
    }

    @Override
    public float[] taskMean() {
        return taskMean.clone();
    }

    @Override
    public float[] taskOffsets() {
        return taskOffsets.clone();
    }

    /**
     * The estimates for a new model.
     *
     * @param router the bundle's router (with its robust rule)
     * @param column the new model's score on each remembered prompt (NaN = not scored)
     * @param assignment the classifier's output on the remembered prompts ({@link OnboardPlanner#memoryTasks})
     */
    public static OnboardEstimate of(TrainedRouter router, float[] column, TaskPrediction assignment) throws EngineException {
        RobustRule rule = router.rule();
        RouterMemory memory = rule.memory();
        int tasks = router.tasks().size();
        double kappa = rule.kappa();
        float[] g = rule.generalMean();
        double poolMean = 0;
        for (float v : g) {
            poolMean += v;
        }
        poolMean /= g.length;
        int[] group = Arrays.stream(assignment.tasks()).map(t -> t < 0 ? tasks : t).toArray();
        int n = 0;
        for (float s : column) {
            n += Float.isNaN(s) ? 0 : 1;
        }
        double stratified = stratifiedMean(column, group, tasks + 1);
        int reference = argmax(g);
        Paired overall = Paired.of(column, memory, reference);
        float general;
        double generalTarget;
        if (overall.count() == 0) { // no reference score on the scored prompts: the plain estimate, shrunk
            general = (float) shrink(stratified, n, poolMean, kappa);
            generalTarget = Double.NaN;
        } else {
            double d = shrink(stratifiedMean(overall.differences(), group, tasks + 1), overall.count(), poolMean - g[reference], kappa);
            double lower = d - Math.sqrt(overall.variance() / (overall.count() + kappa));
            general = clamp01(g[reference] + lower);
            generalTarget = overall.referenceMean() + lower;
        }
        float[][] existing = rule.taskMean();
        float[][] plain = RobustRule.taskMeans(column, assignment.probabilities(), tasks, new float[] {general}, kappa);
        List<TaskEstimate> perTask = new ArrayList<>();
        float[] taskMean = new float[tasks];
        int[] taskReference = new int[tasks];
        Paired[] taskPairs = new Paired[tasks];
        for (int t = 0; t < tasks; t++) {
            int best = argmax(existing[t]);
            taskReference[t] = best;
            Paired all = Paired.of(column, memory, best);
            taskPairs[t] = all;
            Paired own = Paired.of(column, memory, best, assignment.probabilities(), tasks, t);
            double difference;
            double se;
            if (all.count() == 0) {
                taskMean[t] = plain[t][0];
                difference = taskMean[t] - existing[t][best];
                se = 0;
            } else {
                double w = own.weight();
                difference = (w * own.mean() + kappa * all.mean()) / (w + kappa);
                se = all.standardError(w, own.effectiveCount(), kappa);
                taskMean[t] = clamp01(existing[t][best] + difference - se);
            }
            float[] mine = new float[column.length];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = group[i] == t ? column[i] : Float.NaN;
            }
            perTask.add(new TaskEstimate(t, router.tasks().get(t).summary(), ScoreInterval.of(mine), taskMean[t], best, existing[t][best], difference, se));
        }
        Donor donor = donor(memory, column, g, general);
        float[] predicted = donorPredictions(router, column, donor.model());
        int[] scoredRows = new int[predicted.length];
        float[] scores = new float[predicted.length];
        for (int i = 0, k = 0; i < column.length; i++) {
            if (!Float.isNaN(column[i])) {
                scoredRows[k] = i;
                scores[k++] = column[i];
            }
        }
        float offset = (float) (Double.isNaN(generalTarget) ? logitOffset(predicted, scores, kappa) : logitOffsetTo(predicted, generalTarget));
        int[] taskOfScored = scoredTasks(column, assignment.tasks());
        float[] offsets = new float[tasks];
        for (int t = 0; t < tasks; t++) {
            offsets[t] = (float) taskOffset(predicted, scores, scoredRows, taskOfScored, t, offset, kappa, memory, taskReference[t], taskPairs[t]);
        }
        return new OnboardEstimate(general, stratified, poolMean, n, kappa, taskMean, perTask, donor.model(), donor.mse(), donor.overlap(),
                offset, offsets);
    }

    /**
     * δ_t: the correction of task t on top of δ, on the scored prompts S_t the classifier assigns to t (0 when there are
     * none). With reference scores on all of S_t, the target is mean_{i∈S_t} s_{r_t,i} + Δ − SE: Δ = (n_t·d̄_t + κ·D_t) /
     * (n_t + κ), the paired mean difference on S_t shrunk toward D_t (the mean difference to r_t over all scored
     * prompts), and SE as for the task estimates with n_t for n_eff; else the plain mean shrunk toward the moved
     * predictions with κ.
     *
     * @param all the paired differences to r_t over every scored prompt (count 0: no reference scores)
     */
    private static double taskOffset(float[] predicted, float[] scores, int[] rows, int[] taskOf, int t, double offset, double kappa,
                                     RouterMemory memory, int reference, Paired all) {
        int count = 0;
        for (int task : taskOf) {
            count += task == t ? 1 : 0;
        }
        if (count == 0) {
            return 0;
        }
        float[] q = new float[count];
        float[] s = new float[count];
        double referenceSum = 0;
        double differenceSum = 0;
        boolean referenced = all.count() > 0;
        for (int i = 0, k = 0; i < taskOf.length; i++) {
            if (taskOf[i] == t) {
                q[k] = (float) shifted(predicted[i], offset);
                s[k++] = scores[i];
                float r = memory.score(rows[i], reference);
                referenced &= !Float.isNaN(r);
                referenceSum += Float.isNaN(r) ? 0 : r;
                differenceSum += Float.isNaN(r) ? 0 : scores[i] - r;
            }
        }
        if (!referenced) {
            return logitOffset(q, s, kappa);
        }
        double difference = (differenceSum + kappa * all.mean()) / (count + kappa);
        double se = all.standardError(count, count, kappa);
        return logitOffsetTo(q, referenceSum / count + difference - se);
    }

    /** sigmoid(logit(p) + offset), p clipped to [1e-6, 1 − 1e-6]. */
    private static double shifted(float p, double offset) {
        double c = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return 1 / (1 + Math.exp(-(Math.log(c / (1 - c)) + offset)));
    }

    private static float clamp01(double v) {
        return (float) Math.min(1, Math.max(0, v));
    }

    /** The index of the largest value (ties: the lower index; NaN never wins). */
    static int argmax(float[] values) {
        int best = 0;
        for (int m = 1; m < values.length; m++) {
            if (values[m] > values[best] || Float.isNaN(values[best])) {
                best = m;
            }
        }
        return best;
    }

    /**
     * The paired differences d_i = s_i − s_{r,i} of the new model's scores ({@code column}, NaN = not scored) to
     * reference model r's remembered scores, optionally weighted by one task's classifier probabilities.
     *
     * @param differences d_i per remembered prompt (NaN where either score is missing)
     * @param count prompts with a difference
     * @param weight W = Σ w_i (= count unweighted)
     * @param mean Σ w_i·d_i / W (NaN when W = 0)
     * @param effectiveCount W² / Σ w_i²
     * @param variance the unweighted sample variance of the d_i (¼ with fewer than two)
     * @param referenceMean the unweighted mean of s_{r,i} over the same prompts
     */
    record Paired(float[] differences, int count, double weight, double mean, double effectiveCount, double variance, double referenceMean) {
        /** Unweighted. */
        static Paired of(float[] column, RouterMemory memory, int reference) {
            return of(column, memory, reference, null, 0, -1);
        }

        /**
         * The standard error of a difference estimated from {@code weight} (effective count {@code effectiveCount}) of
         * these prompts and shrunk toward this set's mean with κ pseudo-prompts: √(v / (n_eff + κ) + (κ / (W + κ))²·v /
         * count), the second term the uncertainty of the mean shrunk toward. Needs count ≥ 1.
         */
        double standardError(double weight, double effectiveCount, double kappa) {
            double share = kappa / (weight + kappa);
            return Math.sqrt(variance / (effectiveCount + kappa) + share * share * variance / count);
        }

        /** Weighted by task {@code task}'s probabilities (row-major n × tasks) when {@code probabilities} is given. */
        static Paired of(float[] column, RouterMemory memory, int reference, float[] probabilities, int tasks, int task) {
            float[] d = new float[column.length];
            Arrays.fill(d, Float.NaN);
            int count = 0;
            double w = 0;
            double w2 = 0;
            double wd = 0;
            double sum = 0;
            double sumSq = 0;
            double ref = 0;
            for (int i = 0; i < column.length; i++) {
                float r = memory.score(i, reference);
                if (Float.isNaN(column[i]) || Float.isNaN(r)) {
                    continue;
                }
                d[i] = column[i] - r;
                double wi = probabilities == null ? 1 : probabilities[i * tasks + task];
                count++;
                w += wi;
                w2 += wi * wi;
                wd += wi * d[i];
                sum += d[i];
                sumSq += (double) d[i] * d[i];
                ref += r;
            }
            double variance = count < 2 ? 0.25 : (sumSq - sum * sum / count) / (count - 1);
            return new Paired(d, count, w, w > 0 ? wd / w : Double.NaN, w2 > 0 ? w * w / w2 : 0, variance,
                    count == 0 ? Double.NaN : ref / count);
        }
    }

    /** The classifier's task of each scored prompt, in memory order. */
    private static int[] scoredTasks(float[] column, int[] taskOf) {
        int[] out = new int[column.length];
        int k = 0;
        for (int i = 0; i < column.length; i++) {
            if (!Float.isNaN(column[i])) {
                out[k++] = taskOf[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * ĝ: the mean of the scored entries of {@code column} per group, averaged with weights = each group's share of all rows,
     * over the groups with a scored entry; NaN when nothing is scored.
     *
     * @param group each row's group in [0, groups)
     */
    static double stratifiedMean(float[] column, int[] group, int groups) {
        double[] sum = new double[groups];
        int[] scored = new int[groups];
        int[] size = new int[groups];
        for (int i = 0; i < column.length; i++) {
            size[group[i]]++;
            if (!Float.isNaN(column[i])) {
                sum[group[i]] += column[i];
                scored[group[i]]++;
            }
        }
        double num = 0;
        double den = 0;
        for (int c = 0; c < groups; c++) {
            if (scored[c] > 0) {
                num += size[c] * (sum[c] / scored[c]);
                den += size[c];
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** (n·mean + κ·prior) / (n + κ); the prior when n = 0. */
    static double shrink(double mean, int n, double prior, double kappa) {
        return n + kappa == 0 || n == 0 ? prior : (n * mean + kappa * prior) / (n + kappa);
    }

    /**
     * The donor: least mean squared difference to the new scores over shared prompts.
     *
     * @param model its pool index
     * @param mse the mean squared difference (NaN when no model shares a prompt)
     * @param overlap shared prompts
     */
    record Donor(int model, double mse, int overlap) {
    }

    static Donor donor(RouterMemory memory, float[] column, float[] generalMeans, float newGeneral) {
        int best = -1;
        double bestMse = Double.POSITIVE_INFINITY;
        int bestOverlap = 0;
        for (int m = 0; m < memory.models(); m++) {
            double sum = 0;
            int overlap = 0;
            for (int i = 0; i < column.length; i++) {
                float s = memory.score(i, m);
                if (!Float.isNaN(column[i]) && !Float.isNaN(s)) {
                    sum += (s - column[i]) * (s - column[i]);
                    overlap++;
                }
            }
            if (overlap > 0 && sum / overlap < bestMse) {
                best = m;
                bestMse = sum / overlap;
                bestOverlap = overlap;
            }
        }
        if (best >= 0) {
            return new Donor(best, bestMse, bestOverlap);
        }
        int nearest = 0;
        for (int m = 1; m < generalMeans.length; m++) {
            if (Math.abs(generalMeans[m] - newGeneral) < Math.abs(generalMeans[nearest] - newGeneral)) {
                nearest = m;
            }
        }
        return new Donor(nearest, Double.NaN, 0);
    }

    /** The donor's general-adapter predictions on the scored prompts, in memory order (task −1: no task adapter). */
    private static float[] donorPredictions(TrainedRouter router, float[] column, int donor) throws EngineException {
        RouterMemory memory = router.rule().memory();
        int dim = memory.dimension();
        float[] all = memory.embeddings();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < column.length; i++) {
            if (!Float.isNaN(column[i])) {
                rows.add(i);
            }
        }
        float[] x = new float[rows.size() * dim];
        for (int k = 0; k < rows.size(); k++) {
            System.arraycopy(all, rows.get(k) * dim, x, k * dim, dim);
        }
        int[] noTask = new int[rows.size()];
        Arrays.fill(noTask, -1);
        float[] q = router.estimator().predict(x, rows.size(), noTask);
        int models = router.estimator().models();
        float[] out = new float[rows.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = q[k * models + donor];
        }
        return out;
    }

    /**
     * δ with mean_i sigmoid(logit(q_i) + δ) = (n·s̄ + κ·q̄) / (n + κ), by bisection on [−30, 30] (the left side is
     * increasing in δ); q_i are clipped to [1e-6, 1 − 1e-6] before the logit.
     *
     * @param predicted q_i, the donor's predictions on the scored prompts
     * @param scores s_i, the new model's scores on the same prompts
     */
    static double logitOffset(float[] predicted, float[] scores, double kappa) {
        int n = predicted.length;
        if (n == 0) {
            return 0;
        }
        double qMean = 0;
        double sMean = 0;
        for (int i = 0; i < n; i++) {
            qMean += Math.min(1 - 1e-6, Math.max(1e-6, predicted[i])) / n;
            sMean += scores[i] / (double) n;
        }
        return logitOffsetTo(predicted, (n * sMean + kappa * qMean) / (n + kappa));
    }

    /**
     * δ with mean_i sigmoid(logit(q_i) + δ) = {@code target} (clamped to [0.001, 0.999]), by bisection on [−30, 30]; 0
     * without predictions.
     */
    static double logitOffsetTo(float[] predicted, double target) {
        int n = predicted.length;
        if (n == 0) {
            return 0;
        }
        target = Math.min(0.999, Math.max(0.001, target));
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - 1e-6, Math.max(1e-6, predicted[i]));
            z[i] = Math.log(q / (1 - q));
        }
        double lo = -30;
        double hi = 30;
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            double mean = 0;
            for (double v : z) {
                mean += 1 / (1 + Math.exp(-(v + mid))) / n;
            }
            if (mean < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}

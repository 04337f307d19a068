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
 * <ul>
 *   <li><b>General estimate</b> g_new = (n·ĝ + κ·ḡ) / (n + κ): ĝ = Σ_c w_c·s̄_c / Σ_c w_c is the post-stratified mean
 *       of the scores (s̄_c the mean over the scored prompts of group c — a task by the classifier's assignment, or the
 *       prompts of no task —, w_c the share of all remembered prompts in c, over the groups with a scored prompt), so a
 *       plan that gives small tasks as many prompts as large ones does not tilt g_new toward the small tasks; it is
 *       shrunk toward ḡ, the mean of the pool's general estimates g_M, with the rule's κ pseudo-prompts. The g_M of the
 *       other models are means over every training prompt; this one is the best the n scores allow.</li>
 *   <li><b>Task estimates</b> μ_{t,new} = (Σ_{i∈S} p_i(t)·s_i + κ·g_new) / (Σ_{i∈S} p_i(t) + κ), exactly
 *       {@link RobustRule#taskMeans} on the new model's column (NaN outside S), p_i the classifier's probabilities.</li>
 *   <li><b>Stage-2 prediction</b> Q̃(x, new) = sigmoid(logit_D(x) + δ): the general adapter of the donor D, the existing
 *       model with the least mean squared difference to s_i on the prompts of S that D has a score for (ties: lower
 *       index; when no model shares a prompt with S, the model whose g_M is nearest g_new). δ solves
 *       mean_{i∈S} sigmoid(logit_D(x_i) + δ) = (n·s̄ + κ·q̄) / (n + κ), q̄ = mean_{i∈S} sigmoid(logit_D(x_i)): the
 *       donor's predictions are moved to the new model's mean on S, shrunk toward no move with κ pseudo-prompts. Then
 *       per task, the same equation on the scored prompts the classifier assigns to t, starting from the moved
 *       predictions, gives δ_t: Q̃(x, new) = sigmoid(logit_D(x) + δ + δ_t(x)) for a prompt x of task t (the donor knows
 *       nothing of the new model's task pattern; δ_t puts it back, shrunk toward δ alone).</li>
 * </ul>
 * For display, each task also gets the plain mean of its scored prompts with a 95% {@link ScoreInterval}.
 *
 * @param generalMean g_new
 * @param stratifiedMean ĝ, before shrinkage
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
     */
    public record TaskEstimate(int task, String summary, ScoreInterval observed, float estimate, int best, float bestEstimate) {
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
        float general = (float) shrink(stratified, n, poolMean, kappa);
        float[][] mu = RobustRule.taskMeans(column, assignment.probabilities(), tasks, new float[] {general}, kappa);
        float[][] existing = rule.taskMean();
        List<TaskEstimate> perTask = new ArrayList<>();
        float[] taskMean = new float[tasks];
        for (int t = 0; t < tasks; t++) {
            taskMean[t] = mu[t][0];
            float[] own = new float[column.length];
            for (int i = 0; i < own.length; i++) {
                own[i] = group[i] == t ? column[i] : Float.NaN;
            }
            int best = 0;
            for (int m = 1; m < existing[t].length; m++) {
                if (existing[t][m] > existing[t][best]) {
                    best = m;
                }
            }
            perTask.add(new TaskEstimate(t, router.tasks().get(t).summary(), ScoreInterval.of(own), taskMean[t], best, existing[t][best]));
        }
        Donor donor = donor(memory, column, g, general);
        float[] predicted = donorPredictions(router, column, donor.model());
        float[] scores = new float[predicted.length];
        for (int i = 0, k = 0; i < column.length; i++) {
            if (!Float.isNaN(column[i])) {
                scores[k++] = column[i];
            }
        }
        float offset = (float) logitOffset(predicted, scores, kappa);
        return new OnboardEstimate(general, stratified, poolMean, n, kappa, taskMean, perTask, donor.model(), donor.mse(), donor.overlap(),
                offset, taskOffsets(predicted, scores, scoredTasks(column, assignment.tasks()), tasks, offset, kappa));
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
     * δ_t per task: {@link #logitOffset} on the scored prompts the classifier assigns to t, starting from the donor's
     * predictions already moved by δ, so δ_t is the task's correction on top of δ, shrunk toward none with κ; 0 for a
     * task without a scored prompt.
     *
     * @param predicted the donor's predictions q_i on the scored prompts
     * @param taskOf the task of each scored prompt (−1 = none)
     */
    static float[] taskOffsets(float[] predicted, float[] scores, int[] taskOf, int tasks, double offset, double kappa) {
        float[] out = new float[tasks];
        for (int t = 0; t < tasks; t++) {
            int count = 0;
            for (int task : taskOf) {
                count += task == t ? 1 : 0;
            }
            float[] q = new float[count];
            float[] s = new float[count];
            for (int i = 0, k = 0; i < taskOf.length; i++) {
                if (taskOf[i] == t) {
                    double p = Math.min(1 - 1e-6, Math.max(1e-6, predicted[i]));
                    q[k] = (float) (1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + offset))));
                    s[k++] = scores[i];
                }
            }
            out[t] = (float) logitOffset(q, s, kappa);
        }
        return out;
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
        double[] z = new double[n];
        double qMean = 0;
        double sMean = 0;
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - 1e-6, Math.max(1e-6, predicted[i]));
            z[i] = Math.log(q / (1 - q));
            qMean += q / n;
            sMean += scores[i] / (double) n;
        }
        double target = (n * sMean + kappa * qMean) / (n + kappa);
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

package dev.finerouter.engine.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The routing rule of the method: for a prompt of task t, over t's candidates (all models for Others),
 * Q_final(M) = α · norm(Q̃(p, M)) + (1 − α) · norm(Q̄_t(M)), then the cost policy picks a model.
 *
 * <ul>
 *   <li><b>norm</b> is min-max over the compared models. When all compared values are equal (or only one model is
 *       compared) every normalised value is 1, so that term does not prefer anyone. A NaN value (no prediction, no
 *       median) normalises to 0.</li>
 *   <li><b>Tolerance</b> λ: the admissible set is every compared model with Q_final ≥ (1 − λ) · max Q_final; the
 *       cheapest admissible model wins (ties: higher Q_final, then lower index). λ = 0 gives the argmax.</li>
 *   <li><b>Budget</b>: models costing more than {@code maxCostPerCall} are not admissible. When none is within budget
 *       the cheapest compared model is chosen and the reason says so.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class QualityRouter {
    private QualityRouter() {
    }

    /**
     * Routes one prompt.
     *
     * @param task the prompt's task, or −1 for Others
     * @param compared model indices to compare (the task's candidates, or all models); non-empty
     * @param predicted Q̃ per model in the pool (indexed by model)
     * @param taskMedian Q̄_t per model in the pool (indexed by model)
     * @param cost cost of one call per model in the pool (indexed by model)
     * @param policy α, tolerance, budget
     */
    public static RoutingDecision route(int task, int[] compared, float[] predicted, float[] taskMedian, double[] cost,
                                        RoutingPolicy policy) {
        if (compared.length == 0) {
            throw new IllegalArgumentException("no model to compare");
        }
        double[] q = new double[compared.length];
        double[] prior = new double[compared.length];
        for (int i = 0; i < compared.length; i++) {
            q[i] = predicted[compared[i]];
            prior[i] = taskMedian[compared[i]];
        }
        double[] qNorm = minMax(q);
        double[] priorNorm = minMax(prior);
        List<ModelScore> scores = new ArrayList<>(compared.length);
        double best = Double.NEGATIVE_INFINITY;
        int bestIndex = -1;
        for (int i = 0; i < compared.length; i++) {
            double fin = policy.alpha() * qNorm[i] + (1 - policy.alpha()) * priorNorm[i];
            int m = compared[i];
            boolean withinBudget = policy.maxCostPerCall() == null || cost[m] <= policy.maxCostPerCall();
            scores.add(new ModelScore(m, q[i], prior[i], qNorm[i], priorNorm[i], fin, cost[m], withinBudget));
            if (fin > best) {
                best = fin;
                bestIndex = i;
            }
        }
        double threshold = (1 - policy.tolerance()) * best;
        int chosen = -1;
        for (int i = 0; i < compared.length; i++) {
            ModelScore s = scores.get(i);
            if (!s.withinBudget() || s.finalScore() < threshold - 1e-12) {
                continue;
            }
            if (chosen < 0 || isBetterCheaper(s, scores.get(chosen))) {
                chosen = i;
            }
        }
        String reason;
        int bestModel = compared[bestIndex];
        if (chosen < 0) {
            chosen = 0;
            for (int i = 1; i < compared.length; i++) {
                if (isBetterCheaper(scores.get(i), scores.get(chosen))) {
                    chosen = i;
                }
            }
            reason = String.format(Locale.ROOT, "no compared model is within the budget of %.6g per call: chose the cheapest",
                    policy.maxCostPerCall());
        } else if (compared[chosen] == bestModel) {
            reason = String.format(Locale.ROOT, "highest Q_final %.3f among %d compared models (α = %.2f)", best,
                    compared.length, policy.alpha());
        } else {
            reason = String.format(Locale.ROOT,
                    "cheapest model with Q_final %.3f ≥ (1 − λ) × best %.3f (λ = %.2f%s): saves %.3g per call against the best",
                    scores.get(chosen).finalScore(), best, policy.tolerance(),
                    policy.maxCostPerCall() == null ? "" : ", within budget", cost[bestModel] - scores.get(chosen).cost());
        }
        return new RoutingDecision(compared[chosen], task, scores, bestModel, reason);
    }

    /**
     * Routes one prompt on quality estimates in score units ({@link RobustRule}) by expected utility: every model within
     * the budget is compared and the highest U_M = E_M − μ(λ) · cost_M / C wins, with μ(λ) = λ / (1 − λ) the price
     * of one unit of cost in score units and C the cost scale (the most expensive model's mean cost per prompt; a
     * non-finite C means this prompt's most expensive model). λ = 0 is the argmax of E (ties: cheaper, then lower
     * index); λ = 1 is the cheapest model (ties: higher estimate). Trading score against cost linearly makes every λ
     * a point of the best cost–quality trade-off the estimates allow (the Lagrangian of "best quality at a given
     * budget"), across prompts as well: a long prompt, dearer on every model, moves to a cheap model first. A NaN
     * estimate is never chosen unless every estimate is NaN. Without any model within the budget the cheapest model
     * is chosen.
     *
     * @param task the prompt's task, or −1 for Others
     * @param estimate E per model (pool order)
     * @param predicted Q̃ per model, recorded in the explanation (may hold NaN)
     * @param local the data-driven estimate per model, recorded in the explanation
     * @param cost cost of one call per model
     * @param costScale C (> 0), or NaN for this prompt's highest cost
     * @param policy tolerance and budget (α was applied by the caller)
     * @param fallbackReason when the estimate is the general fallback, why; {@code null} otherwise
     */
    public static RoutingDecision routeByEstimate(int task, double[] estimate, double[] predicted, double[] local, double[] cost,
                                                  double costScale, RoutingPolicy policy, String fallbackReason) {
        int m = estimate.length;
        if (m == 0) {
            throw new IllegalArgumentException("no model to compare");
        }
        List<ModelScore> scores = new ArrayList<>(m);
        int bestIndex = -1;
        double maxCost = 0;
        for (int j = 0; j < m; j++) {
            boolean withinBudget = policy.maxCostPerCall() == null || cost[j] <= policy.maxCostPerCall();
            scores.add(new ModelScore(j, predicted[j], local[j], predicted[j], local[j], estimate[j], cost[j], withinBudget));
            if (!Double.isNaN(estimate[j]) && (bestIndex < 0 || estimate[j] > estimate[bestIndex])) {
                bestIndex = j;
            }
            maxCost = Math.max(maxCost, cost[j]);
        }
        boolean anyEstimate = bestIndex >= 0;
        if (!anyEstimate) {
            bestIndex = 0;
        }
        double lambda = policy.tolerance();
        double scale = Double.isFinite(costScale) && costScale > 0 ? costScale : maxCost;
        double price = lambda >= 1 || scale <= 0 ? 0 : lambda / (1 - lambda) / scale;
        int chosen = -1;
        double chosenUtility = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            ModelScore s = scores.get(j);
            if (!s.withinBudget() || (anyEstimate && Double.isNaN(s.finalScore()))) {
                continue;
            }
            if (lambda >= 1 || !anyEstimate) {
                if (chosen < 0 || isBetterCheaper(s, scores.get(chosen))) {
                    chosen = j;
                }
                continue;
            }
            double u = s.finalScore() - price * s.cost();
            if (chosen < 0 || u > chosenUtility + 1e-12
                    || (Math.abs(u - chosenUtility) <= 1e-12 && isBetterCheaper(s, scores.get(chosen)))) {
                chosen = j;
                chosenUtility = u;
            }
        }
        double best = estimate[bestIndex];
        String reason;
        if (chosen < 0) {
            chosen = 0;
            for (int j = 1; j < m; j++) {
                if (isBetterCheaper(scores.get(j), scores.get(chosen))) {
                    chosen = j;
                }
            }
            reason = String.format(Locale.ROOT, "no model is within the budget of %.6g per call: chose the cheapest", policy.maxCostPerCall());
        } else if (chosen == bestIndex) {
            reason = String.format(Locale.ROOT, "highest estimated quality %.3f of %d models", best, m);
        } else if (lambda >= 1) {
            reason = String.format(Locale.ROOT, "cheapest model%s (λ = 1): estimated quality %.3f against the best %.3f, saves %.3g per call",
                    policy.maxCostPerCall() == null ? "" : " within budget", scores.get(chosen).finalScore(), best,
                    cost[bestIndex] - scores.get(chosen).cost());
        } else {
            reason = String.format(Locale.ROOT,
                    "best quality for the cost at λ = %.2f: estimated quality %.3f against the best %.3f, saves %.3g per call%s",
                    lambda, scores.get(chosen).finalScore(), best, cost[bestIndex] - scores.get(chosen).cost(),
                    policy.maxCostPerCall() == null ? "" : " (within budget)");
        }
        if (fallbackReason != null) {
            reason = reason + "; routed on the general estimate: " + fallbackReason;
        }
        return new RoutingDecision(chosen, task, scores, bestIndex, reason);
    }

    private static boolean isBetterCheaper(ModelScore a, ModelScore b) {
        if (a.cost() != b.cost()) {
            return a.cost() < b.cost();
        }
        if (a.finalScore() != b.finalScore()) {
            return a.finalScore() > b.finalScore();
        }
        return a.model() < b.model();
    }

    /** Min-max normalisation as documented above: equal values give 1, NaN gives 0. */
    static double[] minMax(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                out[i] = 0;
            } else if (max > min) {
                out[i] = (values[i] - min) / (max - min);
            } else {
                out[i] = 1;
            }
        }
        return out;
    }
}

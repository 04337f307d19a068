package dev.finerouter.engine.route;

/**
 * One compared model in a routing decision: the numbers that decided it.
 *
 * @param model model index in the pool
 * @param predicted Q̃: predicted quality for this prompt (NaN when no prediction)
 * @param taskMedian Q̄_t: median quality of this model on the task's training prompts (NaN when unknown)
 * @param predictedNorm min-max normalised Q̃ over the compared models
 * @param taskMedianNorm min-max normalised Q̄_t over the compared models
 * @param finalScore Q_final = α·predictedNorm + (1 − α)·taskMedianNorm
 * @param cost cost of one call
 * @param withinBudget whether the cost is within the policy's budget
 */
public record ModelScore(int model, double predicted, double taskMedian, double predictedNorm, double taskMedianNorm,
                         double finalScore, double cost, boolean withinBudget) {
}

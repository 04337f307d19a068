package dev.finerouter.engine.train;

/**
 * How well task assignments match held-out labels.
 *
 * @param prompts number of evaluated prompts
 * @param macroF1 mean over classes (every task plus Others) of F1 = 2TP / (2TP + FP + FN); a class counts when it
 *     occurs in the labels or in the predictions
 * @param accuracy share of prompts whose assignment equals the label (a task, or Others for Others)
 * @param assignedShare share of prompts assigned a task rather than Others (paper: 71%)
 * @param threshold the probability threshold used
 */
public record ClassifierMetrics(int prompts, double macroF1, double accuracy, double assignedShare, float threshold) {
}

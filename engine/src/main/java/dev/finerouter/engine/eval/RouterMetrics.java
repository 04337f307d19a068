package dev.finerouter.engine.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one routing of a split (see {@link EvaluationMetrics} for the definitions).
 *
 * @param prompts prompts routed
 * @param scoredPrompts prompts whose routed model has a known true score (the quality means are over these)
 * @param skippedMissing prompts whose routed model's true score is missing: left out of every quality mean, never
 *                       counted as 0 (their cost still counts)
 * @param perBenchmark mean quality per benchmark label, labels in sorted order (labels without a scored prompt are
 *                     absent)
 * @param ave macro average of {@code perBenchmark} ("Ave"), NaN when empty
 * @param qual mean quality over all scored prompts ("Qual"), NaN when none
 * @param totalCost Σ cost of the routed calls over all prompts
 * @param costPerPrompt totalCost / prompts
 * @param share fraction of prompts routed to each model (indexed by model)
 * @param assignedQual Qual over prompts the router assigned to a task, NaN when the router exposes no tasks or none
 * @param othersQual Qual over prompts the router put in Others, NaN when the router exposes no tasks or none
 * @param assignedPrompts prompts assigned to a task (0 when no tasks are exposed)
 * @param othersPrompts prompts in Others (0 when no tasks are exposed)
 */
public record RouterMetrics(int prompts, int scoredPrompts, int skippedMissing, Map<String, Double> perBenchmark,
                            double ave, double qual, double totalCost, double costPerPrompt, double[] share,
                            double assignedQual, double othersQual, int assignedPrompts, int othersPrompts) {
    /** Validates and copies. */
    public RouterMetrics {
        Objects.requireNonNull(perBenchmark, "perBenchmark");
        if (prompts < 0 || scoredPrompts < 0 || skippedMissing < 0 || scoredPrompts + skippedMissing != prompts) {
            throw new IllegalArgumentException("scored + skipped must equal prompts");
        }
        if (assignedPrompts < 0 || othersPrompts < 0) {
            throw new IllegalArgumentException("negative counts");
        }
        perBenchmark = Collections.unmodifiableMap(new LinkedHashMap<>(perBenchmark));
        share = share.clone();
    }

    /** A copy of the shares. */
    @Override
    public double[] share() {
        return share.clone();
    }

    /** Whether the router exposed per-prompt tasks. */
    public boolean hasTasks() {
        return assignedPrompts + othersPrompts > 0;
    }
}

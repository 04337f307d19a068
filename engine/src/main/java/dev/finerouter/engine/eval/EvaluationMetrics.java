package dev.finerouter.engine.eval;

import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@link RouterMetrics} of a routing from the dataset's true scores.
 *
 * <ul>
 *   <li><b>Quality</b> of a prompt = the true score Q*(p, routed model). When that score is missing (NaN) the prompt
 *       is skipped in every quality mean and counted in {@code skippedMissing}; it is never read as 0.</li>
 *   <li><b>Per benchmark</b>: mean quality over the scored prompts of each label; <b>Ave</b> = unweighted mean over
 *       labels (macro, as the paper's "Ave"); <b>Qual</b> = mean over all scored prompts (micro).</li>
 *   <li><b>Cost</b>: Σ cost(prompt, routed model) over all routed prompts (skipped ones included: the call was
 *       made); per-prompt cost = total / prompts.</li>
 *   <li><b>Share</b>: fraction of prompts routed to each model.</li>
 *   <li><b>Assigned vs Others</b> (only when tasks are given): Qual restricted to prompts with task ≥ 0 resp. −1.</li>
 * </ul>
 */
public final class EvaluationMetrics {
    private EvaluationMetrics() {
    }

    /** Metrics of a routing without per-prompt tasks. */
    public static RouterMetrics of(EvaluationSplit split, int[] choices) {
        return of(split, choices, null);
    }

    /**
     * Metrics of a routing.
     *
     * @param split the routed prompts
     * @param choices model per prompt, in split order
     * @param tasks task per prompt (−1 = Others), or {@code null}
     */
    public static RouterMetrics of(EvaluationSplit split, int[] choices, int[] tasks) {
        EvaluationData data = split.data();
        int n = split.size();
        int m = data.models();
        if (choices.length != n || (tasks != null && tasks.length != n)) {
            throw new IllegalArgumentException("one choice (and task) per prompt expected: " + n);
        }
        Map<String, double[]> byLabel = new TreeMap<>();
        double sum = 0;
        int scored = 0;
        double cost = 0;
        double[] share = new double[m];
        double[] assigned = new double[2];
        double[] others = new double[2];
        int assignedPrompts = 0;
        int othersPrompts = 0;
        for (int i = 0; i < n; i++) {
            int row = split.row(i);
            int model = choices[i];
            if (model < 0 || model >= m) {
                throw new IllegalArgumentException("choice " + model + " for prompt " + i + " is not a model index");
            }
            cost += data.cost(row, model);
            share[model] += 1.0 / n;
            if (tasks != null) {
                if (tasks[i] >= 0) {
                    assignedPrompts++;
                } else {
                    othersPrompts++;
                }
            }
            float q = data.score(row, model);
            if (Float.isNaN(q)) {
                continue;
            }
            scored++;
            sum += q;
            double[] acc = byLabel.computeIfAbsent(data.label(row), k -> new double[2]);
            acc[0] += q;
            acc[1]++;
            if (tasks != null) {
                double[] group = tasks[i] >= 0 ? assigned : others;
                group[0] += q;
                group[1]++;
            }
        }
        Map<String, Double> perBenchmark = new TreeMap<>();
        double macro = 0;
        for (Map.Entry<String, double[]> e : byLabel.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            perBenchmark.put(e.getKey(), mean);
            macro += mean;
        }
        double ave = perBenchmark.isEmpty() ? Double.NaN : macro / perBenchmark.size();
        double qual = scored == 0 ? Double.NaN : sum / scored;
        return new RouterMetrics(n, scored, n - scored, perBenchmark, ave, qual, cost, n == 0 ? Double.NaN : cost / n,
                share, mean(assigned), mean(others), assignedPrompts, othersPrompts);
    }

    /** Qual of a routing (the tuning objective of the baselines on dev). */
    public static double qual(EvaluationSplit split, int[] choices) {
        return of(split, choices).qual();
    }

    private static double mean(double[] acc) {
        return acc[1] == 0 ? Double.NaN : acc[0] / acc[1];
    }
}

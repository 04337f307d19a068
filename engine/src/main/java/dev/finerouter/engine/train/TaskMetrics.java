package dev.finerouter.engine.train;

import java.util.HashMap;
import java.util.Map;

/** Macro-F1, accuracy and assigned share of task assignments; Others (−1) is a class of its own. */
final class TaskMetrics {
    private TaskMetrics() {
    }

    static ClassifierMetrics compute(int[] truth, int[] predicted, float threshold) {
        int n = truth.length;
        if (n == 0) {
            return new ClassifierMetrics(0, Double.NaN, Double.NaN, Double.NaN, threshold);
        }
        Map<Integer, int[]> counts = new HashMap<>(); // class -> {tp, fp, fn}
        int correct = 0;
        int assigned = 0;
        for (int i = 0; i < n; i++) {
            int t = truth[i];
            int p = predicted[i];
            if (p != PromptTasks.OTHERS) {
                assigned++;
            }
            if (t == p) {
                correct++;
                counts.computeIfAbsent(t, k -> new int[3])[0]++;
            } else {
                counts.computeIfAbsent(p, k -> new int[3])[1]++;
                counts.computeIfAbsent(t, k -> new int[3])[2]++;
            }
        }
        double sum = 0;
        for (int[] c : counts.values()) {
            sum += 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]);
        }
        return new ClassifierMetrics(n, sum / counts.size(), (double) correct / n, (double) assigned / n, threshold);
    }

    /** Assignments of rows of probabilities at a threshold: the best task when it reaches the threshold, else Others. */
    static int[] assign(float[] probabilities, int n, int taskCount, float threshold) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            float bestP = -1f;
            for (int t = 0; t < taskCount; t++) {
                float p = probabilities[i * taskCount + t];
                if (p > bestP) {
                    bestP = p;
                    best = t;
                }
            }
            out[i] = best >= 0 && bestP >= threshold ? best : PromptTasks.OTHERS;
        }
        return out;
    }

    /**
     * The threshold in {0.00, 0.01, ..., 0.99} maximising macro-F1 (tasks and Others) on labelled prompts; ties go to the
     * lowest threshold. 0.5 when there are no prompts.
     */
    static float chooseThreshold(float[] probabilities, int[] truth, int taskCount) {
        if (truth.length == 0) {
            return 0.5f;
        }
        float best = 0.5f;
        double bestF1 = -1;
        for (int step = 0; step < 100; step++) {
            float th = step / 100f;
            double f1 = compute(truth, assign(probabilities, truth.length, taskCount, th), th).macroF1();
            if (f1 > bestF1) {
                bestF1 = f1;
                best = th;
            }
        }
        return best;
    }
}

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
        int[] best = new int[n];
        float[] bestP = new float[n];
        argmax(probabilities, n, taskCount, best, bestP);
        return assign(best, bestP, threshold);
    }

    private static int[] assign(int[] best, float[] bestP, float threshold) {
        int[] out = new int[best.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = best[i] >= 0 && bestP[i] >= threshold ? best[i] : PromptTasks.OTHERS;
        }
        return out;
    }

    private static void argmax(float[] probabilities, int n, int taskCount, int[] best, float[] bestP) {
        for (int i = 0; i < n; i++) {
            int arg = -1;
            float max = -1f;
            for (int t = 0; t < taskCount; t++) {
                float p = probabilities[i * taskCount + t];
                if (p > max) {
                    max = p;
                    arg = t;
                }
            }
            best[i] = arg;
            bestP[i] = max;
        }
    }

    /**
     * The threshold in {0.00, 0.01, ..., 0.99} maximising macro-F1 (tasks and Others) on labelled prompts; ties go to the
     * lowest threshold. 0.5 when there are no prompts.
     */
    static float chooseThreshold(float[] probabilities, int[] truth, int taskCount) {
        int n = truth.length;
        if (n == 0) {
            return 0.5f;
        }
        int[] best = new int[n];
        float[] bestP = new float[n];
        argmax(probabilities, n, taskCount, best, bestP);
        float chosen = 0.5f;
        double bestF1 = -1;
        for (int step = 0; step < 100; step++) {
            float th = step / 100f;
            double f1 = compute(truth, assign(best, bestP, th), th).macroF1();
            if (f1 > bestF1) {
                bestF1 = f1;
                chosen = th;
            }
        }
        return chosen;
    }
}

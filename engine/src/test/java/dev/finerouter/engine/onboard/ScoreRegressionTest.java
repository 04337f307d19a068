package dev.finerouter.engine.onboard;

import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreRegressionTest {
    private static final int M = 3;
    private static final int TASKS = 4;

    /** 60 remembered prompts × 3 models with 0/1 scores (a few unknown), tasks 0–3 and none. */
    private static RouterMemory memory(SplittableRandom r, int n) {
        float[] scores = new float[n * M];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = r.nextInt(12) == 0 ? Float.NaN : r.nextInt(2);
        }
        return new RouterMemory(new float[n], n, 1, scores, M);
    }

    private static int[] tasks(SplittableRandom r, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(TASKS + 1) - 1;
        }
        return t;
    }

    /** The chosen (λ, f), its coefficients and its leave-one-out error are those of dense ridge fits done the slow way. */
    @Test
    void matchesDenseRidgeAndBruteForceLeaveOneOut() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 60;
        RouterMemory memory = memory(r, n);
        int[] taskOf = tasks(r, n);
        float[] general = RobustRule.generalMeans(memory);
        float[] column = new float[n];
        for (int i = 0; i < n; i++) {
            column[i] = i % 3 == 2 ? Float.NaN : (float) Math.min(1, Math.max(0, 0.6 * ScoreRegression.x(memory, i, 1, general)
                    + (taskOf[i] == 2 ? 0.3 : 0) + 0.2 * r.nextDouble()));
        }
        ScoreRegression.Fit fit = ScoreRegression.fit(column, memory, taskOf, TASKS, general);
        assertNotNull(fit);
        assertEquals(40, fit.prompts());

        double bestMse = Double.POSITIVE_INFINITY;
        double[] bestCoef = null;
        double bestLambda = 0;
        double bestFactor = 0;
        for (double lambda : ScoreRegression.LAMBDA_GRID) {
            for (double f : ScoreRegression.TASK_FACTOR_GRID) {
                double sse = 0;
                for (int out = 0; out < n; out++) {
                    if (Float.isNaN(column[out])) {
                        continue;
                    }
                    double[] coef = dense(column, memory, taskOf, general, lambda, f, out);
                    double e = column[out] - predict(coef, memory, out, taskOf[out], general);
                    sse += e * e;
                }
                double mse = sse / 40;
                if (mse < bestMse - 1e-15) {
                    bestMse = mse;
                    bestLambda = lambda;
                    bestFactor = f;
                    bestCoef = dense(column, memory, taskOf, general, lambda, f, -1);
                }
            }
        }
        assertEquals(bestLambda, fit.lambda());
        assertEquals(bestFactor, fit.taskFactor());
        assertEquals(Math.sqrt(bestMse), fit.looRmse(), 1e-9);
        for (int a = 0; a <= M; a++) {
            assertEquals(bestCoef[a], fit.theta()[a], 1e-9, "θ" + a);
        }
        for (int t = 0; t < TASKS; t++) {
            assertEquals(bestCoef[M + 1 + t], fit.delta()[t], 1e-9, "δ" + t);
        }
        float[] filled = ScoreRegression.imputed(fit, column, memory, taskOf, general);
        for (int i = 0; i < n; i++) {
            double expected = Float.isNaN(column[i]) ? Math.min(1, Math.max(0, predict(bestCoef, memory, i, taskOf[i], general))) : column[i];
            assertEquals(expected, filled[i], 1e-6, "prompt " + i);
        }
        // the residuals kept are y minus the clamped prediction of a fit without the prompt, at the chosen (λ, f)
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(column[i])) {
                assertTrue(Float.isNaN(fit.looResidual()[i]), "prompt " + i + " was not scored");
                continue;
            }
            double[] without = dense(column, memory, taskOf, general, bestLambda, bestFactor, i);
            double expected = column[i] - Math.min(1, Math.max(0, predict(without, memory, i, taskOf[i], general)));
            assertEquals(expected, fit.looResidual()[i], 1e-5, "residual of prompt " + i);
        }
    }

    /**
     * A new model whose scores go with model 1's (0.2 + 0.6·s_1, and 0.2 more on task 2) is recovered: weight, task
     * offset and every unscored prompt, from a quarter of the prompts scored.
     */
    @Test
    void aModelThatFollowsAnotherIsImputedFromIt() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 400;
        RouterMemory memory = memory(r, n);
        int[] taskOf = tasks(r, n);
        float[] general = RobustRule.generalMeans(memory);
        float[] truth = new float[n];
        float[] column = new float[n];
        for (int i = 0; i < n; i++) {
            truth[i] = (float) (0.2 + 0.6 * ScoreRegression.x(memory, i, 1, general) + (taskOf[i] == 2 ? 0.2 : 0));
            column[i] = i % 4 == 0 ? truth[i] : Float.NaN; // 100 scored prompts
        }
        ScoreRegression.Fit fit = ScoreRegression.fit(column, memory, taskOf, TASKS, general);
        assertEquals(0.1, fit.lambda(), "noise-free: the least penalty leaves the least error");
        assertEquals(0.6, fit.theta()[2], 0.02, "weight of model 1");
        assertEquals(0, fit.theta()[1], 0.02, "weight of model 0");
        assertEquals(0, fit.theta()[3], 0.02, "weight of model 2");
        assertEquals(0.2, fit.delta()[2] - fit.delta()[0], 0.02, "task 2's offset over task 0's");
        float[] filled = ScoreRegression.imputed(fit, column, memory, taskOf, general);
        for (int i = 0; i < n; i++) {
            assertEquals(truth[i], filled[i], 0.03, "prompt " + i);
        }
    }

    /** Too few scored prompts: no fit, and the column is left as it is. */
    @Test
    void tooFewScoredPromptsGiveNoFit() {
        SplittableRandom r = new SplittableRandom(3);
        RouterMemory memory = memory(r, 30);
        int[] taskOf = tasks(r, 30);
        float[] column = new float[30];
        java.util.Arrays.fill(column, Float.NaN);
        for (int i = 0; i < ScoreRegression.MIN_PROMPTS - 1; i++) {
            column[i] = 1;
        }
        float[] general = RobustRule.generalMeans(memory);
        assertNull(ScoreRegression.fit(column, memory, taskOf, TASKS, general));
        assertArrayEquals(column, ScoreRegression.imputed(null, column, memory, taskOf, general));
        assertTrue(ModelOnboarder.memoryColumnNote(null).startsWith("task reference mapped"));
    }

    /** Dense ridge with features (1, x, one-hot task), intercept free, fitted without prompt {@code out} (−1: all). */
    private static double[] dense(float[] column, RouterMemory memory, int[] taskOf, float[] general, double lambda, double f, int out) {
        int p = 1 + M + TASKS;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < column.length; i++) {
            if (Float.isNaN(column[i]) || i == out) {
                continue;
            }
            double[] z = features(memory, i, taskOf[i], general);
            for (int u = 0; u < p; u++) {
                for (int v = 0; v < p; v++) {
                    a[u][v] += z[u] * z[v];
                }
                a[u][p] += z[u] * column[i];
            }
        }
        for (int u = 1; u < p; u++) {
            a[u][u] += u <= M ? lambda : f * lambda;
        }
        for (int c = 0; c < p; c++) { // Gauss-Jordan with partial pivoting
            int piv = c;
            for (int k = c + 1; k < p; k++) {
                if (Math.abs(a[k][c]) > Math.abs(a[piv][c])) {
                    piv = k;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int k = 0; k < p; k++) {
                if (k != c) {
                    double q = a[k][c] / a[c][c];
                    for (int j = c; j <= p; j++) {
                        a[k][j] -= q * a[c][j];
                    }
                }
            }
        }
        double[] coef = new double[p];
        for (int c = 0; c < p; c++) {
            coef[c] = a[c][p] / a[c][c];
        }
        return coef;
    }

    private static double[] features(RouterMemory memory, int i, int task, float[] general) {
        double[] z = new double[1 + M + TASKS];
        z[0] = 1;
        for (int j = 0; j < M; j++) {
            z[j + 1] = ScoreRegression.x(memory, i, j, general);
        }
        if (task >= 0) {
            z[1 + M + task] = 1;
        }
        return z;
    }

    private static double predict(double[] coef, RouterMemory memory, int i, int task, float[] general) {
        double[] z = features(memory, i, task, general);
        double v = 0;
        for (int a = 0; a < z.length; a++) {
            v += coef[a] * z[a];
        }
        return v;
    }
}

package dev.finerouter.engine.onboard;

import dev.finerouter.engine.route.RouterMemory;

import java.util.Arrays;

/**
 * The new model's score on every remembered prompt, predicted from what is known of that prompt: the existing models'
 * scores of it and its task. Fitted on the scored prompts by ridge regression,
 *
 * <pre>  s_new(i) = b + Σ_M w_M·x_iM + δ_{t(i)} + ε_i</pre>
 *
 * with x_iM = model M's score of prompt i (g_M where unknown), δ_t an offset per task (none for a prompt of no task),
 * the intercept b free, the weights penalised with λ·Σ w² and the offsets with f·λ·Σ δ². The new model is thereby
 * described by how its outcomes go with the existing models' outcomes on the same prompts (collaborative filtering: a
 * model that solves what a strong model solves, plus the arithmetic prompts that it misses, gets exactly that
 * column) and where it differs task by task, instead of by one reference model per task.
 *
 * <p>(λ, f) is chosen from {@link #LAMBDA_GRID} × {@link #TASK_FACTOR_GRID} by the exact leave-one-out squared
 * error over the scored prompts (closed form: e_i / (1 − h_ii)); nothing else is looked at. The offsets are profiled
 * out, so one fit costs O(n·m² + m³) for n scored prompts and m existing models, whatever the number of tasks: with
 * D_t = n_t + f·λ, C_t = Σ_{i ∈ t} z_i (z_i = (1, x_i)), S = Σ z_i z_iᵀ + diag(0, λ…) − Σ_t C_t C_tᵀ / D_t, the
 * coefficients are θ = S⁻¹ (Σ z_i y_i − Σ_t C_t Y_t / D_t) (Y_t = Σ_{i ∈ t} y_i), δ_t = (Y_t − C_tᵀ θ) / D_t, and
 * the hat values h_ii = u_iᵀ S⁻¹ u_i + 1/D_t with u_i = z_i − C_t / D_t (z_i and no 1/D term for a prompt of no task).
 * Predictions are clamped to [0, 1], the score range. (Subtracting one standard error of each prediction, as
 * {@link OnboardEstimate} does for the task means, was tried on the dev prompts of both shared sets and lost there.)
 *
 * <p>Chosen on the dev prompts of both shared sets, against the one-reference mapping it replaces (stop 31,
 * docs/results/onboarding).
 */
final class ScoreRegression {
    /**
     * Penalties on the models' weights tried (scores in [0, 1]). Up to 300: with ≈ 240 scored prompts λ = 30 was the
     * largest tried in the first version and two of the 16 held-out models of the shared sets stopped there.
     */
    static final double[] LAMBDA_GRID = {0.1, 0.3, 1, 3, 10, 30, 100, 300};
    /** Task-offset penalty as a multiple of λ; the last one all but removes the offsets. */
    static final double[] TASK_FACTOR_GRID = {1, 10, 1e6};
    /** Fewest scored prompts to fit on; below it the caller keeps its simpler estimate. */
    static final int MIN_PROMPTS = 10;

    /**
     * A fitted regression.
     *
     * @param lambda the chosen λ
     * @param taskFactor the chosen f
     * @param looRmse root of the mean leave-one-out squared error at (λ, f)
     * @param prompts scored prompts fitted on
     * @param theta (b, w_1 … w_m)
     * @param delta δ_t per task (0 for a task without scored prompts)
     * @param looResidual per remembered prompt, the scored prompts' y − (clamped leave-one-out prediction), NaN for
     *                    the others: how far the fit is off on a prompt it did not see
     */
    record Fit(double lambda, double taskFactor, double looRmse, int prompts, double[] theta, double[] delta, float[] looResidual) {
        Fit {
            theta = theta.clone();
            delta = delta.clone();
            looResidual = looResidual.clone();
        }

        /** The clamped prediction for remembered prompt i. */
        float predict(RouterMemory memory, int i, int task, float[] general) {
            double v = theta[0];
            for (int j = 0; j < general.length; j++) {
                v += theta[j + 1] * x(memory, i, j, general);
            }
            if (task >= 0) {
                v += delta[task];
            }
            return (float) Math.min(1, Math.max(0, v));
        }
    }

    private ScoreRegression() {
    }

    /** x_iM: M's score of prompt i, its general mean where unknown. */
    static float x(RouterMemory memory, int i, int model, float[] general) {
        float s = memory.score(i, model);
        return Float.isNaN(s) ? general[model] : s;
    }

    /**
     * Fits on the prompts with a known score in {@code column}.
     *
     * @param column the new model's scores per remembered prompt (NaN = not scored)
     * @param memory the existing models' scores
     * @param taskOf each remembered prompt's task (−1 = none)
     * @param tasks number of tasks
     * @param general g_M of the existing models (for their unknown scores)
     * @return the fit, or {@code null} with fewer than {@value #MIN_PROMPTS} scored prompts
     */
    static Fit fit(float[] column, RouterMemory memory, int[] taskOf, int tasks, float[] general) {
        int m = general.length;
        int p = m + 1;
        int n = 0;
        for (float v : column) {
            if (!Float.isNaN(v)) {
                n++;
            }
        }
        if (n < MIN_PROMPTS) {
            return null;
        }
        double[][] z = new double[n][p];
        double[] y = new double[n];
        int[] t = new int[n];
        int r = 0;
        for (int i = 0; i < column.length; i++) {
            if (Float.isNaN(column[i])) {
                continue;
            }
            z[r][0] = 1;
            for (int j = 0; j < m; j++) {
                z[r][j + 1] = x(memory, i, j, general);
            }
            y[r] = column[i];
            t[r++] = taskOf[i];
        }
        double[][] zz = new double[p][p];
        double[] zy = new double[p];
        double[][] c = new double[tasks][p];
        double[] yt = new double[tasks];
        int[] nt = new int[tasks];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                zy[a] += z[i][a] * y[i];
                for (int b = 0; b < p; b++) {
                    zz[a][b] += z[i][a] * z[i][b];
                }
            }
            if (t[i] >= 0) {
                nt[t[i]]++;
                yt[t[i]] += y[i];
                for (int a = 0; a < p; a++) {
                    c[t[i]][a] += z[i][a];
                }
            }
        }
        Fit best = null;
        double bestMse = Double.POSITIVE_INFINITY;
        for (double lambda : LAMBDA_GRID) {
            for (double f : TASK_FACTOR_GRID) {
                double[] d = new double[tasks];
                double[][] s = new double[p][p];
                double[] rhs = zy.clone();
                for (int a = 0; a < p; a++) {
                    s[a] = zz[a].clone();
                    if (a > 0) {
                        s[a][a] += lambda;
                    }
                }
                for (int k = 0; k < tasks; k++) {
                    d[k] = nt[k] + f * lambda;
                    if (nt[k] == 0) {
                        continue;
                    }
                    for (int a = 0; a < p; a++) {
                        rhs[a] -= c[k][a] * yt[k] / d[k];
                        for (int b = 0; b < p; b++) {
                            s[a][b] -= c[k][a] * c[k][b] / d[k];
                        }
                    }
                }
                double[][] chol = cholesky(s);
                if (chol == null) {
                    continue;
                }
                double[] theta = solve(chol, rhs);
                double[] delta = new double[tasks];
                for (int k = 0; k < tasks; k++) {
                    if (nt[k] > 0) {
                        delta[k] = (yt[k] - dot(c[k], theta)) / d[k];
                    }
                }
                double sse = 0;
                double[] u = new double[p];
                double[] residual = new double[n];
                for (int i = 0; i < n; i++) {
                    double fitted = dot(z[i], theta) + (t[i] >= 0 ? delta[t[i]] : 0);
                    for (int a = 0; a < p; a++) {
                        u[a] = t[i] >= 0 ? z[i][a] - c[t[i]][a] / d[t[i]] : z[i][a];
                    }
                    double[] v = forward(chol, u);
                    double h = dot(v, v) + (t[i] >= 0 ? 1 / d[t[i]] : 0);
                    double e = (y[i] - fitted) / Math.max(1e-9, 1 - h);
                    sse += e * e;
                    residual[i] = y[i] - Math.min(1, Math.max(0, y[i] - e));
                }
                double mse = sse / n;
                if (mse < bestMse - 1e-15) {
                    bestMse = mse;
                    float[] looResidual = new float[column.length];
                    Arrays.fill(looResidual, Float.NaN);
                    for (int i = 0, row = 0; i < column.length; i++) {
                        if (!Float.isNaN(column[i])) {
                            looResidual[i] = (float) residual[row++];
                        }
                    }
                    best = new Fit(lambda, f, Math.sqrt(mse), n, theta, delta, looResidual);
                }
            }
        }
        return best;
    }

    /**
     * The new model's memory column: its scores where scored, the fit's prediction elsewhere (NaN stays where the
     * fit is {@code null}).
     */
    static float[] imputed(Fit fit, float[] column, RouterMemory memory, int[] taskOf, float[] general) {
        float[] out = column.clone();
        if (fit == null) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            if (Float.isNaN(out[i])) {
                out[i] = fit.predict(memory, i, taskOf[i], general);
            }
        }
        return out;
    }

    /** Lower-triangular L with L·Lᵀ = a, or {@code null} when a is not positive definite. */
    static double[][] cholesky(double[][] a) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    /** v with L·v = b. */
    static double[] forward(double[][] l, double[] b) {
        int p = b.length;
        double[] v = new double[p];
        for (int i = 0; i < p; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * v[k];
            }
            v[i] = sum / l[i][i];
        }
        return v;
    }

    /** x with L·Lᵀ·x = b. */
    static double[] solve(double[][] l, double[] b) {
        double[] v = forward(l, b);
        int p = v.length;
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double sum = v[i];
            for (int k = i + 1; k < p; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** For messages: "λ 1, f 10, leave-one-out RMSE 0.412 on 240 prompts". */
    static String describe(Fit fit) {
        return fit == null ? "none" : String.format(java.util.Locale.ROOT, "λ %s, task factor %s, leave-one-out RMSE %.3f on %d prompts",
                trim(fit.lambda()), trim(fit.taskFactor()), fit.looRmse(), fit.prompts());
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? Long.toString((long) v) : Double.toString(v);
    }
}

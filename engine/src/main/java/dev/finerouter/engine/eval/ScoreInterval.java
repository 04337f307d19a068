package dev.finerouter.engine.eval;

/**
 * A model's mean score over a task's prompts with a 95% interval: the Wilson score interval when every score is 0
 * or 1 (a proportion; well-behaved near 0 and 1 and for small n), otherwise mean ± 1.96 · s / √n (normal
 * approximation, sample standard deviation), clipped to [0, 1].
 *
 * @param n scored prompts
 * @param mean mean score (NaN when n = 0)
 * @param low lower end of the 95% interval (NaN when n = 0)
 * @param high upper end (NaN when n = 0)
 * @param binary whether every score is 0 or 1
 */
public record ScoreInterval(int n, double mean, double low, double high, boolean binary) {
    /** The two-sided 95% normal quantile. */
    static final double Z = 1.959963984540054;

    /** The interval of the present scores in {@code scores} (NaN = missing, skipped). */
    public static ScoreInterval of(float[] scores) {
        int n = 0;
        double sum = 0;
        boolean binary = true;
        for (float s : scores) {
            if (!Float.isNaN(s)) {
                n++;
                sum += s;
                binary &= s == 0f || s == 1f;
            }
        }
        if (n == 0) {
            return new ScoreInterval(0, Double.NaN, Double.NaN, Double.NaN, binary);
        }
        double mean = sum / n;
        if (binary) {
            double z2 = Z * Z;
            double centre = (mean + z2 / (2 * n)) / (1 + z2 / n);
            double half = Z / (1 + z2 / n) * Math.sqrt(mean * (1 - mean) / n + z2 / (4.0 * n * n));
            return new ScoreInterval(n, mean, Math.max(0, centre - half), Math.min(1, centre + half), true);
        }
        double ss = 0;
        for (float s : scores) {
            if (!Float.isNaN(s)) {
                ss += (s - mean) * (s - mean);
            }
        }
        double half = n < 2 ? 0 : Z * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new ScoreInterval(n, mean, Math.max(0, mean - half), Math.min(1, mean + half), false);
    }
}

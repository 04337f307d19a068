package dev.finerouter.engine.model;

import java.util.function.IntPredicate;

/**
 * Two routings' outcomes compared on the same prompts: d_i = a_i − b_i over the prompts where both true scores are
 * known (a missing score is NaN and skips the prompt, never 0), with the mean of d, its standard error sd(d)/√n
 * (0 for n ≤ 1) and n. Comparing on the same prompts removes the prompts' own difficulty from the noise, so a gap is
 * measured against the spread of the differences, not of the scores. The robust rule's guards, fallback and α rule
 * judge dev routings with it; the evaluation reports every router's test difference to the best single model and to
 * the router under test with it.
 *
 * @param mean mean of d (NaN without paired prompts)
 * @param se its standard error (NaN without paired prompts)
 * @param n paired prompts
 */
public record PairedDifference(double mean, double se, int n) {
    /** Nothing compared. */
    public static final PairedDifference NONE = new PairedDifference(Double.NaN, Double.NaN, 0);

    /** Validates. */
    public PairedDifference {
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n);
        }
    }

    /** A true score per prompt index (NaN = unknown). */
    @FunctionalInterface
    public interface Score {
        /** The score of prompt {@code i}. */
        float at(int i);
    }

    /** Whether a lost: the mean is below zero by more than one standard error. */
    public boolean lost() {
        return n > 0 && mean < 0 && mean + se < 0;
    }

    /**
     * Whether the test split tells this difference from noise: its mean is more than two standard errors from zero
     * (and not zero: a routing identical on every prompt has se 0 and is no difference).
     */
    public boolean beyondTwoStandardErrors() {
        return n > 1 && mean != 0 && Math.abs(mean) > 2 * se;
    }

    /** "+1.23 ± 0.45": mean ± standard error on the Qual scale (×100) with two decimals; "–" without paired prompts. */
    public String formatted() {
        return n == 0 ? "–" : String.format(java.util.Locale.ROOT, "%+.2f ± %.2f", 100 * mean, 100 * se);
    }

    /** d_i = a[i] − b[i] over the indices where both are known. */
    public static PairedDifference of(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " outcomes against " + b.length);
        }
        return of(a.length, i -> a[i], i -> b[i], i -> true);
    }

    /**
     * d_i = a(i) − b(i) over the indices below {@code n} that {@code in} accepts and where both are known, summed in
     * index order (the float difference, widened).
     */
    public static PairedDifference of(int n, Score a, Score b, IntPredicate in) {
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!in.test(i)) {
                continue;
            }
            float x = a.at(i);
            float y = b.at(i);
            if (Float.isNaN(x) || Float.isNaN(y)) {
                continue;
            }
            double d = x - y;
            sum += d;
            sumSq += d * d;
            count++;
        }
        if (count == 0) {
            return NONE;
        }
        double mean = sum / count;
        double var = count > 1 ? Math.max(0, (sumSq - count * mean * mean) / (count - 1)) : 0;
        return new PairedDifference(mean, Math.sqrt(var / count), count);
    }
}

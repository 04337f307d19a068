package dev.finerouter.engine.graph;

import dev.finerouter.engine.knob.Knobs;

/**
 * Rank-biased overlap of two finite rankings (Webber, Moffat &amp; Zobel 2010), extrapolated variant RBO_ext for
 * two lists of the same length k (their eq. 32):
 *
 * <pre>
 *   RBO_ext(S, T, p) = (X_k / k) · p^k + ((1 − p) / p) · Σ_{d=1..k} (X_d / d) · p^d
 * </pre>
 *
 * where X_d is the size of the overlap of the two depth-d prefixes. It assumes the agreement seen at depth k
 * continues forever, so two identical lists score exactly 1 and two disjoint lists score 0. Preference rankings are
 * full permutations of the same models, so X_k = k and the tail term p^k is a floor: with m models every pair scores
 * at least p^m (for example 0.8^11 ≈ 0.09, 0.9^11 ≈ 0.31).
 *
 * <p>Persistence p: {@link #DEFAULT_PERSISTENCE}. Lists must contain distinct non-negative integers; elements may
 * differ between the lists. Ties are not handled here: a ranking is already a strict order
 * (see {@link PreferenceRanking} for the tie rule), so RBO compares positions only. Instances are immutable and
 * thread-safe.
 */
public final class RankBiasedOverlap {
    /**
     * Default persistence p = 0.8 (the top 5 positions carry 67% of the weight, the top 10 89%).
     *
     * <p>Why not the common 0.9: preference rankings are full permutations, so RBO_ext ≥ p^m. With the paper's
     * m = 11 models and p = 0.9 the floor is 0.31, two exactly reversed rankings still score 0.48 and no pair of
     * uniformly random rankings falls below τ = 0.4, so the paper's filter would drop nothing. With p = 0.8 the floor
     * is 0.09, reversed rankings score 0.22, a top-two swap scores 0.80, random pairs average 0.42 and about half of
     * them fall below τ = 0.4: the threshold then separates "agree more than chance" from "less" (measured with
     * 20,000 random permutations of 11 models).
     * Defined as the knob {@link Knobs#RBO_PERSISTENCE}.
     */
    public static final double DEFAULT_PERSISTENCE = Knobs.RBO_PERSISTENCE.defaultValue();

    private final double p;

    /**
     * Creates the measure for persistence {@code p}.
     *
     * @throws IllegalArgumentException unless 0 &lt; p &lt; 1
     */
    public RankBiasedOverlap(double p) {
        if (!Knobs.RBO_PERSISTENCE.accepts(p)) {
            throw new IllegalArgumentException("persistence must be in (0, 1), got " + p);
        }
        this.p = p;
    }

    /** The persistence p. */
    public double persistence() {
        return p;
    }

    /** RBO_ext of two preference rankings (their full orders). */
    public double similarity(PreferenceRanking a, PreferenceRanking b) {
        return similarity(a.raw(), b.raw());
    }

    /**
     * RBO_ext of two equal-length lists of distinct non-negative integers.
     *
     * @throws IllegalArgumentException when the lengths differ, a list is empty, or an element repeats or is negative
     */
    public double similarity(int[] s, int[] t) {
        int k = s.length;
        if (k == 0 || t.length != k) {
            throw new IllegalArgumentException("RBO_ext needs two non-empty lists of equal length, got " + s.length + " and " + t.length);
        }
        int max = 0;
        for (int i = 0; i < k; i++) {
            if (s[i] < 0 || t[i] < 0) {
                throw new IllegalArgumentException("negative element");
            }
            max = Math.max(max, Math.max(s[i], t[i]));
        }
        // seen[x]: bit 1 = seen in s, bit 2 = seen in t
        byte[] seen = new byte[max + 1];
        int overlap = 0;
        double sum = 0;
        double pd = 1;
        for (int d = 1; d <= k; d++) {
            int x = s[d - 1];
            int y = t[d - 1];
            if ((seen[x] & 1) != 0 || (seen[y] & 2) != 0) {
                throw new IllegalArgumentException("repeated element in a list");
            }
            seen[x] |= 1;
            seen[y] |= 2;
            if (x == y) {
                overlap++;
            } else {
                if ((seen[x] & 2) != 0) {
                    overlap++;
                }
                if ((seen[y] & 1) != 0) {
                    overlap++;
                }
            }
            pd *= p;
            sum += (double) overlap / d * pd;
        }
        return (double) overlap / k * pd + (1 - p) / p * sum;
    }

    @Override
    public String toString() {
        return "RBO_ext[p=" + p + "]";
    }
}

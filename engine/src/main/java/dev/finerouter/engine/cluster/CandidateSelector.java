package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.PreferenceRanking;

/**
 * Picks a task's candidate models (method step 11). Cov(L) = share of the task's prompts whose top model π_p[0] is
 * in L; models are added in fused-rank order until Cov(L) ≥ δ.
 *
 * <p>π_p[0] follows {@link PreferenceRanking}'s tie rule (the lowest-index model among tied best scores). Prompts
 * without any known score have no top model and are left out of the coverage (numerator and denominator); when no
 * member has one, the task gets its single best fused model with coverage NaN.
 */
public final class CandidateSelector {
    private final double delta;

    /**
     * Creates the selector.
     *
     * @param delta coverage target in (0, 1]
     */
    public CandidateSelector(double delta) {
        if (!(delta > 0 && delta <= 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1], got " + delta);
        }
        this.delta = delta;
    }

    /**
     * Selects candidates.
     *
     * @param rankings rankings of all prompts
     * @param members the task's prompts
     * @param fused the task's fused ranking
     */
    public CandidateSelection select(PreferenceRanking[] rankings, int[] members, PreferenceRanking fused) {
        int m = fused.size();
        int[] topCount = new int[m];
        int counted = 0;
        for (int p : members) {
            if (rankings[p].hasKnownTop()) {
                topCount[rankings[p].top()]++;
                counted++;
            }
        }
        if (counted == 0) {
            return new CandidateSelection(new int[] {fused.top()}, new double[] {Double.NaN});
        }
        int[] cand = new int[m];
        double[] cov = new double[m];
        int covered = 0;
        int n = 0;
        while (n < m) {
            int model = fused.modelAt(n);
            covered += topCount[model];
            cand[n] = model;
            cov[n] = (double) covered / counted;
            n++;
            // covered / counted >= delta, with a tolerance against rounding of delta * counted
            if (covered >= delta * counted - 1e-9) {
                break;
            }
        }
        return new CandidateSelection(java.util.Arrays.copyOf(cand, n), java.util.Arrays.copyOf(cov, n));
    }
}

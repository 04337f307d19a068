package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.PreferenceRanking;

/**
 * Picks a task's candidate models (method step 11). Cov(L) = share of the task's prompts whose top model π_p[0] is
 * in L; models are added in fused-rank order until Cov(L) ≥ δ.
 *
 * <p>Ties: every model sharing a prompt's best score counts as its top ({@link PreferenceRanking#isTiedTop}), so with
 * 0/1 correctness scores a prompt three models solve is covered by any of them. Prompts that prefer no model — no
 * known score, or every model sharing the best score (all solve it, or all fail) — are left out of the coverage
 * (numerator and denominator); when no member prefers any model, the task gets its single best fused model with
 * coverage NaN.
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
        int counted = 0;
        for (int p : members) {
            if (rankings[p].isInformative()) {
                counted++;
            }
        }
        if (counted == 0) {
            return new CandidateSelection(new int[] {fused.top()}, new double[] {Double.NaN});
        }
        // A prompt is covered once any model sharing its best score is in the list (ties: every tied model is "its top").
        boolean[] covered = new boolean[rankings.length];
        int coveredCount = 0;
        int[] cand = new int[m];
        double[] cov = new double[m];
        int n = 0;
        while (n < m) {
            int model = fused.modelAt(n);
            for (int p : members) {
                if (!covered[p] && rankings[p].isInformative() && rankings[p].isTiedTop(model)) {
                    covered[p] = true;
                    coveredCount++;
                }
            }
            cand[n] = model;
            cov[n] = (double) coveredCount / counted;
            n++;
            // coveredCount / counted >= delta, with a tolerance against rounding of delta * counted
            if (coveredCount >= delta * counted - 1e-9) {
                break;
            }
        }
        return new CandidateSelection(java.util.Arrays.copyOf(cand, n), java.util.Arrays.copyOf(cov, n));
    }
}

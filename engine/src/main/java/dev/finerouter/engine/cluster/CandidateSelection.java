package dev.finerouter.engine.cluster;

/**
 * The candidate models of a task and the coverage reached after each addition.
 *
 * @param candidates model indices in fused-rank order
 * @param coverageSteps {@code coverageSteps[i]} = Cov of the first i+1 candidates, in [0, 1] (NaN when no member has
 *     a known score)
 */
public record CandidateSelection(int[] candidates, double[] coverageSteps) {
    /** Validates and copies. */
    public CandidateSelection {
        if (candidates.length == 0 || candidates.length != coverageSteps.length) {
            throw new IllegalArgumentException("one coverage value per candidate, at least one candidate");
        }
        candidates = candidates.clone();
        coverageSteps = coverageSteps.clone();
    }

    /** A copy of the candidates. */
    @Override
    public int[] candidates() {
        return candidates.clone();
    }

    /** A copy of the coverage steps. */
    @Override
    public double[] coverageSteps() {
        return coverageSteps.clone();
    }

    /** Coverage of the whole candidate list. */
    public double finalCoverage() {
        return coverageSteps[coverageSteps.length - 1];
    }

    /** Equality by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CandidateSelection c && java.util.Arrays.equals(candidates, c.candidates)
                && java.util.Arrays.equals(coverageSteps, c.coverageSteps);
    }

    /** Hash by content. */
    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(candidates) + java.util.Arrays.hashCode(coverageSteps);
    }

    /** A short description. */
    @Override
    public String toString() {
        return "CandidateSelection[" + java.util.Arrays.toString(candidates) + ", coverage "
                + java.util.Arrays.toString(coverageSteps) + "]";
    }
}

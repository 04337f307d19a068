package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.PreferenceRanking;

/**
 * One discovered task: its prompts and what routing needs from Stage 1. Arrays are copied in and out.
 *
 * @param id task id, 0.. (tasks are numbered by size descending)
 * @param memberIndices the task's prompts (row indices), ascending
 * @param fusedRanking the MRR-fused ranking of the members
 * @param mrrValues MRR per model index
 * @param candidates candidate models L_t in fused-rank order
 * @param coverageSteps coverage after each candidate was added
 * @param centerEmbedding element-wise median of the members' embeddings, L2-normalised
 * @param medianScorePerModel Q̄_t: per model, the median of the members' known scores, NaN if none is known
 */
public record DiscoveredTask(int id, int[] memberIndices, PreferenceRanking fusedRanking, double[] mrrValues,
        int[] candidates, double[] coverageSteps, float[] centerEmbedding, float[] medianScorePerModel) {

    /** Validates and copies. */
    public DiscoveredTask {
        if (id < 0 || memberIndices.length == 0 || fusedRanking == null) {
            throw new IllegalArgumentException("a task needs an id >= 0, members and a ranking");
        }
        int m = fusedRanking.size();
        if (mrrValues.length != m || medianScorePerModel.length != m) {
            throw new IllegalArgumentException("per-model arrays must have " + m + " entries");
        }
        if (candidates.length == 0 || candidates.length != coverageSteps.length) {
            throw new IllegalArgumentException("one coverage step per candidate, at least one candidate");
        }
        memberIndices = memberIndices.clone();
        mrrValues = mrrValues.clone();
        candidates = candidates.clone();
        coverageSteps = coverageSteps.clone();
        centerEmbedding = centerEmbedding.clone();
        medianScorePerModel = medianScorePerModel.clone();
    }

    /** Number of prompts. */
    public int size() {
        return memberIndices.length;
    }

    /** A copy of the members. */
    @Override
    public int[] memberIndices() {
        return memberIndices.clone();
    }

    /** A copy of the MRR values. */
    @Override
    public double[] mrrValues() {
        return mrrValues.clone();
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

    /** A copy of the center. */
    @Override
    public float[] centerEmbedding() {
        return centerEmbedding.clone();
    }

    /** A copy of Q̄_t per model. */
    @Override
    public float[] medianScorePerModel() {
        return medianScorePerModel.clone();
    }

    /** Equality by content, arrays included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoveredTask t && id == t.id && fusedRanking.equals(t.fusedRanking)
                && java.util.Arrays.equals(memberIndices, t.memberIndices) && java.util.Arrays.equals(mrrValues, t.mrrValues)
                && java.util.Arrays.equals(candidates, t.candidates) && java.util.Arrays.equals(coverageSteps, t.coverageSteps)
                && java.util.Arrays.equals(centerEmbedding, t.centerEmbedding)
                && java.util.Arrays.equals(medianScorePerModel, t.medianScorePerModel);
    }

    /** Hash by content. */
    @Override
    public int hashCode() {
        return 31 * (31 * id + java.util.Arrays.hashCode(memberIndices)) + java.util.Arrays.hashCode(candidates);
    }

    /** A short description. */
    @Override
    public String toString() {
        return "DiscoveredTask[id=" + id + ", size=" + memberIndices.length + ", candidates="
                + java.util.Arrays.toString(candidates) + "]";
    }
}

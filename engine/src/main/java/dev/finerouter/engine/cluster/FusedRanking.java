package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.PreferenceRanking;

/**
 * The MRR-fused ranking of a group and the MRR value of every model (indexed by model).
 *
 * @param ranking models by MRR descending, ties by model index ascending
 * @param mrr MRR_C(M) per model index
 */
public record FusedRanking(PreferenceRanking ranking, double[] mrr) {
    /** Validates and copies. */
    public FusedRanking {
        if (ranking == null || mrr == null || mrr.length != ranking.size()) {
            throw new IllegalArgumentException("ranking and mrr must cover the same models");
        }
        mrr = mrr.clone();
    }

    /** A copy of the MRR values. */
    @Override
    public double[] mrr() {
        return mrr.clone();
    }

    /** MRR of one model. */
    public double mrrOf(int model) {
        return mrr[model];
    }

    /** Equality by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FusedRanking f && ranking.equals(f.ranking) && java.util.Arrays.equals(mrr, f.mrr);
    }

    /** Hash by content. */
    @Override
    public int hashCode() {
        return 31 * ranking.hashCode() + java.util.Arrays.hashCode(mrr);
    }

    /** A short description. */
    @Override
    public String toString() {
        return "FusedRanking[" + ranking + ", mrr=" + java.util.Arrays.toString(mrr) + "]";
    }
}

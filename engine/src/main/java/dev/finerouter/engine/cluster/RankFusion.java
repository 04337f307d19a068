package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.PreferenceRanking;
import dev.finerouter.engine.knob.Knobs;

/**
 * Mean-reciprocal-rank fusion of the rankings of a group C (method step 9):
 *
 * <pre>
 *   MRR_C(M) = (1/|C|) · Σ_{p∈C} 1 / (rank_{π_p}(M) + ε),   rank from 1, ε = 60 by default
 * </pre>
 *
 * Tied models take their tie group's mean rank ({@link PreferenceRanking#fractionalRank}), so a tie inside one prompt
 * favours no model. The fused ranking sorts models by MRR_C descending, ties by model index ascending. Missing scores take part as
 * ranked by {@link PreferenceRanking} (last). Immutable and thread-safe.
 */
public final class RankFusion {
    /** The paper's ε ({@link Knobs#EPSILON}). */
    public static final double DEFAULT_EPSILON = Knobs.EPSILON.defaultValue();

    private final double epsilon;

    /**
     * Creates the fusion.
     *
     * @param epsilon ε ≥ 0
     */
    public RankFusion(double epsilon) {
        Knobs.EPSILON.require(epsilon);
        this.epsilon = epsilon;
    }

    /** The ε. */
    public double epsilon() {
        return epsilon;
    }

    /**
     * Fuses the rankings of the given members.
     *
     * @param rankings rankings of all nodes, all of the same size
     * @param members indices into {@code rankings}, at least one
     * @throws IllegalArgumentException when members is empty or sizes differ
     */
    public FusedRanking fuse(PreferenceRanking[] rankings, int[] members) {
        if (members.length == 0) {
            throw new IllegalArgumentException("cannot fuse an empty group");
        }
        int m = rankings[members[0]].size();
        double[] sum = new double[m];
        for (int p : members) {
            PreferenceRanking r = rankings[p];
            if (r.size() != m) {
                throw new IllegalArgumentException("rankings differ in size");
            }
            for (int model = 0; model < m; model++) {
                sum[model] += 1.0 / (r.fractionalRank(model) + epsilon);
            }
        }
        for (int i = 0; i < m; i++) {
            sum[i] /= members.length;
        }
        return new FusedRanking(PreferenceRanking.ofValues(sum), sum);
    }

    /** Fuses all given rankings. */
    public FusedRanking fuseAll(PreferenceRanking... rankings) {
        int[] all = new int[rankings.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return fuse(rankings, all);
    }
}

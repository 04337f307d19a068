package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.RankBiasedOverlap;

/**
 * Settings of Stage-1 task discovery; {@link #defaults()} gives the paper's values.
 *
 * @param k neighbours per node in every kNN graph (paper 5)
 * @param tau RBO threshold: edges with RBO &lt; τ are dropped (paper 0.4)
 * @param levels number of clustering levels ℓ, including the first on prompts (paper 3)
 * @param delta coverage a task's candidate list must reach (paper 0.8)
 * @param epsilon the ε of MRR fusion (paper 60)
 * @param rboPersistence RBO persistence p (our choice 0.8, see {@link RankBiasedOverlap})
 * @param minTaskSize communities with fewer prompts go to "Others" (our choice 5)
 * @param leidenResolution modularity resolution γ (1 = standard modularity)
 * @param leidenIterations maximum Leiden iterations; stops earlier once an iteration changes nothing
 */
public record Stage1Config(int k, double tau, int levels, double delta, double epsilon, double rboPersistence,
        int minTaskSize, double leidenResolution, int leidenIterations) {

    /** Validates every field. */
    public Stage1Config {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (!(tau >= 0 && tau <= 1)) {
            throw new IllegalArgumentException("tau must be in [0, 1], got " + tau);
        }
        if (levels < 1) {
            throw new IllegalArgumentException("levels must be >= 1, got " + levels);
        }
        if (!(delta > 0 && delta <= 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1], got " + delta);
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
        if (!(rboPersistence > 0 && rboPersistence < 1)) {
            throw new IllegalArgumentException("rboPersistence must be in (0, 1), got " + rboPersistence);
        }
        if (minTaskSize < 1) {
            throw new IllegalArgumentException("minTaskSize must be >= 1, got " + minTaskSize);
        }
        if (!(leidenResolution > 0) || !Double.isFinite(leidenResolution)) {
            throw new IllegalArgumentException("leidenResolution must be positive, got " + leidenResolution);
        }
        if (leidenIterations < 1) {
            throw new IllegalArgumentException("leidenIterations must be >= 1, got " + leidenIterations);
        }
    }

    /** The paper's defaults plus ours: k 5, τ 0.4, ℓ 3, δ 0.8, ε 60, p 0.8, min size 5, γ 1, 50 iterations. */
    public static Stage1Config defaults() {
        return new Stage1Config(5, 0.4, 3, 0.8, 60, RankBiasedOverlap.DEFAULT_PERSISTENCE, 5, 1.0, 50);
    }

    /** This config with another τ. */
    public Stage1Config withTau(double newTau) {
        return new Stage1Config(k, newTau, levels, delta, epsilon, rboPersistence, minTaskSize, leidenResolution, leidenIterations);
    }

    /** This config with another number of levels. */
    public Stage1Config withLevels(int newLevels) {
        return new Stage1Config(k, tau, newLevels, delta, epsilon, rboPersistence, minTaskSize, leidenResolution, leidenIterations);
    }

    /** This config with another coverage target δ. */
    public Stage1Config withDelta(double newDelta) {
        return new Stage1Config(k, tau, levels, newDelta, epsilon, rboPersistence, minTaskSize, leidenResolution, leidenIterations);
    }

    /** This config with another minimum task size. */
    public Stage1Config withMinTaskSize(int newMin) {
        return new Stage1Config(k, tau, levels, delta, epsilon, rboPersistence, newMin, leidenResolution, leidenIterations);
    }
}

package dev.finerouter.engine.whatif;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.knob.Knobs;
import dev.finerouter.engine.route.RoutingPolicy;

/**
 * One what-if setting: the routing knobs (α, tolerance λ), the candidate coverage δ and the task-shaping Stage-1
 * knobs (τ, k, ℓ). α and λ re-decide from cached predictions, δ re-selects candidates, τ/k/ℓ change the tasks
 * themselves and therefore need a retrained classifier and estimator.
 *
 * @param alpha weight of Q̃ against Q̄, in [0, 1]
 * @param tolerance cost tolerance λ, in [0, 1]
 * @param delta coverage target of the candidate sets, in (0, 1]
 * @param tau RBO threshold of the task graph, in [0, 1]
 * @param k neighbours per node of the kNN graph, ≥ 1
 * @param levels clustering levels ℓ, ≥ 1
 */
public record TuningSettings(double alpha, double tolerance, double delta, double tau, int k, int levels) {
    /** The paper's values: α 0.5, λ 0, δ 0.8, τ 0.4, k 5, ℓ 3. */
    public static final TuningSettings PAPER = of(RoutingPolicy.PAPER, Stage1Config.defaults());

    /** Validates every field against its knob's range. */
    public TuningSettings {
        new RoutingPolicy(alpha, tolerance, null);
        if (!Knobs.DELTA.accepts(delta)) {
            throw new IllegalArgumentException("δ must be in (0, 1], was " + delta);
        }
        if (!Knobs.TAU.accepts(tau)) {
            throw new IllegalArgumentException("τ must be in [0, 1], was " + tau);
        }
        if (!Knobs.K.accepts(k) || !Knobs.LEVELS.accepts(levels)) {
            throw new IllegalArgumentException("k and ℓ must be at least 1, were " + k + " and " + levels);
        }
    }

    /** The setting of a policy and a Stage-1 configuration. */
    public static TuningSettings of(RoutingPolicy policy, Stage1Config stage1) {
        return new TuningSettings(policy.alpha(), policy.tolerance(), stage1.delta(), stage1.tau(), stage1.k(), stage1.levels());
    }

    /** The routing policy (no budget). */
    public RoutingPolicy policy() {
        return new RoutingPolicy(alpha, tolerance, null);
    }

    /** {@code base} with this setting's τ, k, ℓ and δ (everything else kept). */
    public Stage1Config stage1(Stage1Config base) {
        return base.toBuilder().k(k).tau(tau).levels(levels).delta(delta).build();
    }

    /** Whether the tasks differ from {@code trained}'s (τ, k or ℓ changed): the classifier and estimator are stale. */
    public boolean changesTasks(TuningSettings trained) {
        return tau != trained.tau || k != trained.k || levels != trained.levels;
    }

    /** Whether the kNN graph differs from {@code trained}'s (k changed): no re-clustering from the cached graph. */
    public boolean changesGraph(TuningSettings trained) {
        return k != trained.k;
    }

    /** This setting with another α. */
    public TuningSettings withAlpha(double v) {
        return new TuningSettings(v, tolerance, delta, tau, k, levels);
    }

    /** This setting with another λ. */
    public TuningSettings withTolerance(double v) {
        return new TuningSettings(alpha, v, delta, tau, k, levels);
    }

    /** This setting with another δ. */
    public TuningSettings withDelta(double v) {
        return new TuningSettings(alpha, tolerance, v, tau, k, levels);
    }

    /** This setting with another τ. */
    public TuningSettings withTau(double v) {
        return new TuningSettings(alpha, tolerance, delta, v, k, levels);
    }

    /** This setting with another k. */
    public TuningSettings withK(int v) {
        return new TuningSettings(alpha, tolerance, delta, tau, v, levels);
    }

    /** This setting with another ℓ. */
    public TuningSettings withLevels(int v) {
        return new TuningSettings(alpha, tolerance, delta, tau, k, v);
    }
}

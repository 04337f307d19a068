package dev.finerouter.engine.cluster;

import dev.finerouter.engine.knob.Knobs;

/**
 * Settings of Stage-1 task discovery; {@link #defaults()} gives the defaults of {@link Knobs} (the paper's values where
 * it gives one). Build a changed one with {@link #builder()} or {@code defaults().withTau(…)}; the constructor validates
 * every field against its knob's range.
 *
 * @param k neighbours per node in every kNN graph ({@link Knobs#K})
 * @param tau RBO threshold: edges with RBO &lt; τ are dropped ({@link Knobs#TAU})
 * @param levels number of clustering levels ℓ, including the first on prompts ({@link Knobs#LEVELS})
 * @param delta coverage a task's candidate list must reach ({@link Knobs#DELTA})
 * @param epsilon the ε of MRR fusion ({@link Knobs#EPSILON})
 * @param rboPersistence RBO persistence p ({@link Knobs#RBO_PERSISTENCE})
 * @param minTaskSize communities with fewer prompts go to "Others" ({@link Knobs#MIN_TASK_SIZE})
 * @param leidenResolution modularity resolution γ, 1 = standard modularity ({@link Knobs#LEIDEN_RESOLUTION})
 * @param leidenIterations maximum Leiden iterations; stops earlier once an iteration changes nothing
 *                         ({@link Knobs#LEIDEN_ITERATIONS})
 */
public record Stage1Config(int k, double tau, int levels, double delta, double epsilon, double rboPersistence,
        int minTaskSize, double leidenResolution, int leidenIterations) {

    private static final Stage1Config DEFAULTS = new Stage1Config(Knobs.K.intDefault(), Knobs.TAU.defaultValue(),
            Knobs.LEVELS.intDefault(), Knobs.DELTA.defaultValue(), Knobs.EPSILON.defaultValue(), Knobs.RBO_PERSISTENCE.defaultValue(),
            Knobs.MIN_TASK_SIZE.intDefault(), Knobs.LEIDEN_RESOLUTION.defaultValue(), Knobs.LEIDEN_ITERATIONS.intDefault());

    /** Validates every field against its knob's range. */
    public Stage1Config {
        Knobs.K.require(k);
        Knobs.TAU.require(tau);
        Knobs.LEVELS.require(levels);
        Knobs.DELTA.require(delta);
        Knobs.EPSILON.require(epsilon);
        Knobs.RBO_PERSISTENCE.require(rboPersistence);
        Knobs.MIN_TASK_SIZE.require(minTaskSize);
        Knobs.LEIDEN_RESOLUTION.require(leidenResolution);
        Knobs.LEIDEN_ITERATIONS.require(leidenIterations);
    }

    /** The knobs' defaults: k 5, τ 0.4, ℓ 3, δ 0.8, ε 60 (the paper's), p 0.8, min size 5, γ 1, 50 iterations (ours). */
    public static Stage1Config defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This config with another τ. */
    public Stage1Config withTau(double newTau) {
        return toBuilder().tau(newTau).build();
    }

    /** This config with another number of levels. */
    public Stage1Config withLevels(int newLevels) {
        return toBuilder().levels(newLevels).build();
    }

    /** This config with another coverage target δ. */
    public Stage1Config withDelta(double newDelta) {
        return toBuilder().delta(newDelta).build();
    }

    /** This config with another minimum task size. */
    public Stage1Config withMinTaskSize(int newMin) {
        return toBuilder().minTaskSize(newMin).build();
    }

    /** Builds a {@link Stage1Config} field by field; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int k;
        private double tau;
        private int levels;
        private double delta;
        private double epsilon;
        private double rboPersistence;
        private int minTaskSize;
        private double leidenResolution;
        private int leidenIterations;

        private Builder(Stage1Config from) {
            k = from.k;
            tau = from.tau;
            levels = from.levels;
            delta = from.delta;
            epsilon = from.epsilon;
            rboPersistence = from.rboPersistence;
            minTaskSize = from.minTaskSize;
            leidenResolution = from.leidenResolution;
            leidenIterations = from.leidenIterations;
        }

        /** Sets {@link Stage1Config#k()}. */
        public Builder k(int v) {
            k = v;
            return this;
        }

        /** Sets {@link Stage1Config#tau()}. */
        public Builder tau(double v) {
            tau = v;
            return this;
        }

        /** Sets {@link Stage1Config#levels()}. */
        public Builder levels(int v) {
            levels = v;
            return this;
        }

        /** Sets {@link Stage1Config#delta()}. */
        public Builder delta(double v) {
            delta = v;
            return this;
        }

        /** Sets {@link Stage1Config#epsilon()}. */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** Sets {@link Stage1Config#rboPersistence()}. */
        public Builder rboPersistence(double v) {
            rboPersistence = v;
            return this;
        }

        /** Sets {@link Stage1Config#minTaskSize()}. */
        public Builder minTaskSize(int v) {
            minTaskSize = v;
            return this;
        }

        /** Sets {@link Stage1Config#leidenResolution()}. */
        public Builder leidenResolution(double v) {
            leidenResolution = v;
            return this;
        }

        /** Sets {@link Stage1Config#leidenIterations()}. */
        public Builder leidenIterations(int v) {
            leidenIterations = v;
            return this;
        }

        /** The config; {@link IllegalArgumentException} if a field is out of its knob's range. */
        public Stage1Config build() {
            return new Stage1Config(k, tau, levels, delta, epsilon, rboPersistence, minTaskSize, leidenResolution, leidenIterations);
        }
    }
}

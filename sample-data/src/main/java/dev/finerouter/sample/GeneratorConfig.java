package dev.finerouter.sample;

import java.util.Locale;

/**
 * Settings of the synthetic generator. Everything the output depends on is here, so {@link #describe()} identifies a
 * dataset (its SHA-256 is the dataset's fingerprint).
 *
 * @param seed the seed of every random choice
 * @param prompts number of prompts, 1..10,000,000
 * @param missingRate probability that one (prompt, model) score is left out, in [0, 0.5]
 * @param noise standard deviation of per-(prompt, model) logit noise, in [0, 5]
 * @param difficultySpread standard deviation of per-prompt difficulty around its sub-task's mean, in [0, 5]
 */
public record GeneratorConfig(long seed, int prompts, double missingRate, double noise, double difficultySpread) {
    /** Default number of prompts (the checked-in sample's size). */
    public static final int DEFAULT_PROMPTS = 3000;
    /** Default seed (the checked-in sample's seed). */
    public static final long DEFAULT_SEED = 42;
    /** Default share of missing scores: 1%, enough to exercise missing-score handling. */
    public static final double DEFAULT_MISSING_RATE = 0.01;
    /** Default logit noise. */
    public static final double DEFAULT_NOISE = 0.4;
    /** Default per-prompt difficulty spread. */
    public static final double DEFAULT_DIFFICULTY_SPREAD = 0.9;
    /** Version of the generator's algorithm; bump it when the output for a given config changes. */
    public static final String GENERATOR_VERSION = "1";

    /** Validates every setting; throws {@link IllegalArgumentException} naming the bad one. */
    public GeneratorConfig {
        if (prompts < 1 || prompts > 10_000_000) {
            throw new IllegalArgumentException("prompts must be in 1..10,000,000, was " + prompts);
        }
        if (!(missingRate >= 0 && missingRate <= 0.5)) {
            throw new IllegalArgumentException("missingRate must be in [0, 0.5], was " + missingRate);
        }
        if (!(noise >= 0 && noise <= 5)) {
            throw new IllegalArgumentException("noise must be in [0, 5], was " + noise);
        }
        if (!(difficultySpread >= 0 && difficultySpread <= 5)) {
            throw new IllegalArgumentException("difficultySpread must be in [0, 5], was " + difficultySpread);
        }
    }

    /** The defaults: seed 42, 3,000 prompts, 1% missing. */
    public static GeneratorConfig defaults() {
        return of(DEFAULT_SEED, DEFAULT_PROMPTS);
    }

    /** A config with the given seed and size and default everything else. */
    public static GeneratorConfig of(long seed, int prompts) {
        return new GeneratorConfig(seed, prompts, DEFAULT_MISSING_RATE, DEFAULT_NOISE, DEFAULT_DIFFICULTY_SPREAD);
    }

    /** A canonical one-line description of this config and the generator version. */
    public String describe() {
        return String.format(Locale.ROOT, "finerouter-synthetic v%s seed=%d prompts=%d missingRate=%s noise=%s difficultySpread=%s",
                GENERATOR_VERSION, seed, prompts, missingRate, noise, difficultySpread);
    }
}

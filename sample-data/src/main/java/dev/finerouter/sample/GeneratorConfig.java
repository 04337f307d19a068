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
 * @param models size of the pool: the first {@code models} profiles of {@link ModelCatalog}, 1..{@value ModelCatalog#AVAILABLE}
 *               ({@value ModelCatalog#DEFAULT_MODELS} by default)
 */
public record GeneratorConfig(long seed, int prompts, double missingRate, double noise, double difficultySpread, int models) {
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
        if (models < 1 || models > ModelCatalog.AVAILABLE) {
            throw new IllegalArgumentException("models must be in 1.." + ModelCatalog.AVAILABLE + ", was " + models);
        }
    }

    /** A config with the default pool of {@value ModelCatalog#DEFAULT_MODELS} models. */
    public GeneratorConfig(long seed, int prompts, double missingRate, double noise, double difficultySpread) {
        this(seed, prompts, missingRate, noise, difficultySpread, ModelCatalog.DEFAULT_MODELS);
    }

    /** This config with a pool of the first {@code models} profiles of the catalog. */
    public GeneratorConfig withModels(int models) {
        return new GeneratorConfig(seed, prompts, missingRate, noise, difficultySpread, models);
    }

    /** The defaults: seed 42, 3,000 prompts, 1% missing. */
    public static GeneratorConfig defaults() {
        return of(DEFAULT_SEED, DEFAULT_PROMPTS);
    }

    /** A config with the given seed and size and default everything else. */
    public static GeneratorConfig of(long seed, int prompts) {
        return new GeneratorConfig(seed, prompts, DEFAULT_MISSING_RATE, DEFAULT_NOISE, DEFAULT_DIFFICULTY_SPREAD);
    }

    /**
     * A canonical one-line description of this config and the generator version. The pool size is named only when it
     * is not the default, so the default pool's description (the checked-in sample's README and every fingerprint
     * made before the pool size was a setting) is unchanged.
     */
    public String describe() {
        return String.format(Locale.ROOT, "finerouter-synthetic v%s seed=%d prompts=%d missingRate=%s noise=%s difficultySpread=%s",
                GENERATOR_VERSION, seed, prompts, missingRate, noise, difficultySpread)
                + (models == ModelCatalog.DEFAULT_MODELS ? "" : " models=" + models);
    }
}

package dev.finerouter.sample;

import java.util.SplittableRandom;

/**
 * Draws quality scores from latent abilities: a prompt has a difficulty d, a model has an ability a on the prompt's
 * sub-task, and z = {@link #SCALE}·(a − d) + noise. A binary sub-task scores 1 with probability sigmoid(z), else 0;
 * a continuous one scores sigmoid(z) rounded to 3 decimals. Gaussian draws use Box–Muller on the given stream so the
 * output does not depend on the JDK's Gaussian algorithm.
 */
public final class ScoreSimulator {
    /** Steepness of the ability–difficulty logistic. */
    public static final double SCALE = 1.3;

    private ScoreSimulator() {
    }

    /** One score in [0, 1]. */
    public static float score(ScoreKind kind, double ability, double difficulty, double noise, SplittableRandom rng) {
        double z = SCALE * (ability - difficulty) + noise * gaussian(rng);
        double p = sigmoid(z);
        if (kind == ScoreKind.BINARY) {
            return rng.nextDouble() < p ? 1f : 0f;
        }
        return (float) (Math.round(p * 1000.0) / 1000.0);
    }

    /** A standard normal draw (Box–Muller, one value per call). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}

package dev.finerouter.engine.train;

import dev.finerouter.engine.knob.Knobs;

/**
 * Hyperparameters of the {@link TaskClassifier}. Immutable; validated on construction.
 *
 * @param projectionDim output dimension of the trainable prompt projection e(p); equal to the embedding dimension
 *     it starts as the identity
 * @param epochs maximum training epochs (paper: 10)
 * @param learningRate AdamW learning rate (the paper's 2e-5 fine-tunes a pretrained 400M encoder; our layers start
 *     from scratch on frozen embeddings and need a larger rate)
 * @param batchSize prompts per mini-batch
 * @param weightDecay AdamW decoupled weight decay (not applied to biases)
 * @param patience epochs without dev-loss improvement before stopping
 * @param seed seed of initialisation and shuffling
 */
public record ClassifierConfig(int projectionDim, int epochs, float learningRate, int batchSize, float weightDecay,
                               int patience, long seed) {
    /** Validates every field. */
    public ClassifierConfig {
        if (projectionDim <= 0) {
            throw new IllegalArgumentException("projectionDim must be positive");
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive");
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0");
        }
        if (patience <= 0) {
            throw new IllegalArgumentException("patience must be positive");
        }
    }

    /** Defaults: projection 384, {@link Knobs#EPOCHS} (10) epochs, lr 1e-3, batch 256, weight decay 1e-4, patience 3. */
    public static ClassifierConfig defaults(long seed) {
        return new ClassifierConfig(384, Knobs.EPOCHS.intDefault(), 1e-3f, 256, 1e-4f, 3, seed);
    }

    /** A copy with another number of epochs. */
    public ClassifierConfig withEpochs(int value) {
        return new ClassifierConfig(projectionDim, value, learningRate, batchSize, weightDecay, patience, seed);
    }

    /** A copy with another projection dimension. */
    public ClassifierConfig withProjectionDim(int value) {
        return new ClassifierConfig(value, epochs, learningRate, batchSize, weightDecay, patience, seed);
    }

    /** A copy with another learning rate. */
    public ClassifierConfig withLearningRate(float value) {
        return new ClassifierConfig(projectionDim, epochs, value, batchSize, weightDecay, patience, seed);
    }

    /** A copy with another batch size. */
    public ClassifierConfig withBatchSize(int value) {
        return new ClassifierConfig(projectionDim, epochs, learningRate, value, weightDecay, patience, seed);
    }

    /** A copy with another seed. */
    public ClassifierConfig withSeed(long value) {
        return new ClassifierConfig(projectionDim, epochs, learningRate, batchSize, weightDecay, patience, value);
    }
}

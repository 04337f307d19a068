package dev.finerouter.engine.train;

import dev.finerouter.engine.knob.Knobs;

/**
 * Hyperparameters of the {@link QualityEstimator} (Stage 2). Immutable; validated on construction. Paper defaults
 * where the paper gives one: model-ID embedding 512, general adapter hidden 512, 10 + 10 epochs.
 *
 * @param encoderDim output dimension of the trainable encoder layer on top of the frozen prompt embedding
 * @param modelEmbeddingDim dimension of the learned model-ID embedding (paper: 512)
 * @param generalHidden hidden width of each model's general adapter (paper: 512)
 * @param taskHidden hidden width of each (task, candidate) adapter; the paper gives none. Memory: pairs × (encoderDim ×
 *     taskHidden + 2 taskHidden + 1) floats, e.g. 1,180 pairs × 384 × 128 ≈ 58 M floats ≈ 230 MB
 * @param phase1Epochs maximum epochs of phase 1 (encoder layer, model embedding, general adapters; paper: 10)
 * @param phase2Epochs maximum epochs of phase 2 per task (task adapters; paper: 10); 0 skips phase 2
 * @param learningRate AdamW learning rate of phase 1
 * @param taskLearningRate AdamW learning rate of phase 2
 * @param batchSize prompts per mini-batch
 * @param weightDecay AdamW decoupled weight decay (not applied to biases)
 * @param patience epochs without dev-MSE improvement before stopping (per phase; per task in phase 2)
 * @param seed seed of initialisation and shuffling
 */
public record EstimatorConfig(int encoderDim, int modelEmbeddingDim, int generalHidden, int taskHidden,
                              int phase1Epochs, int phase2Epochs, float learningRate, float taskLearningRate,
                              int batchSize, float weightDecay, int patience, long seed) {
    /** Validates every field. */
    public EstimatorConfig {
        positive("encoderDim", encoderDim);
        positive("modelEmbeddingDim", modelEmbeddingDim);
        positive("generalHidden", generalHidden);
        positive("taskHidden", taskHidden);
        positive("phase1Epochs", phase1Epochs);
        if (phase2Epochs < 0) {
            throw new IllegalArgumentException("phase2Epochs must be >= 0");
        }
        rate("learningRate", learningRate);
        rate("taskLearningRate", taskLearningRate);
        positive("batchSize", batchSize);
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0");
        }
        positive("patience", patience);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void rate(String name, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + value);
        }
    }

    /**
     * Defaults: encoder 384, model embedding 512, general hidden 512, task hidden 128, 10 + 10 epochs ({@link Knobs#EPOCHS}), lr 1e-3 for both
     * phases, batch 256, weight decay 1e-4, patience 3.
     */
    public static EstimatorConfig defaults(long seed) {
        return new EstimatorConfig(384, 512, 512, 128, Knobs.EPOCHS.intDefault(), Knobs.EPOCHS.intDefault(), 1e-3f, 1e-3f, 256, 1e-4f, 3,
                seed);
    }

    /** A copy with other layer sizes. */
    public EstimatorConfig withSizes(int encoder, int modelEmbedding, int general, int task) {
        return new EstimatorConfig(encoder, modelEmbedding, general, task, phase1Epochs, phase2Epochs, learningRate, taskLearningRate,
                batchSize, weightDecay, patience, seed);
    }

    /** A copy with other epoch limits. */
    public EstimatorConfig withEpochs(int phase1, int phase2) {
        return new EstimatorConfig(encoderDim, modelEmbeddingDim, generalHidden, taskHidden, phase1, phase2, learningRate, taskLearningRate,
                batchSize, weightDecay, patience, seed);
    }

    /** A copy with other learning rates. */
    public EstimatorConfig withLearningRates(float phase1, float phase2) {
        return new EstimatorConfig(encoderDim, modelEmbeddingDim, generalHidden, taskHidden, phase1Epochs, phase2Epochs, phase1, phase2,
                batchSize, weightDecay, patience, seed);
    }

    /** A copy with another batch size. */
    public EstimatorConfig withBatchSize(int value) {
        return new EstimatorConfig(encoderDim, modelEmbeddingDim, generalHidden, taskHidden, phase1Epochs, phase2Epochs, learningRate,
                taskLearningRate, value, weightDecay, patience, seed);
    }

    /** A copy with another patience. */
    public EstimatorConfig withPatience(int value) {
        return new EstimatorConfig(encoderDim, modelEmbeddingDim, generalHidden, taskHidden, phase1Epochs, phase2Epochs, learningRate,
                taskLearningRate, batchSize, weightDecay, value, seed);
    }

    /** A copy with another seed. */
    public EstimatorConfig withSeed(long value) {
        return new EstimatorConfig(encoderDim, modelEmbeddingDim, generalHidden, taskHidden, phase1Epochs, phase2Epochs, learningRate,
                taskLearningRate, batchSize, weightDecay, patience, value);
    }
}

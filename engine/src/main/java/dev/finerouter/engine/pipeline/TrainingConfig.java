package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.train.ClassifierConfig;
import dev.finerouter.engine.train.DeviceChoice;
import dev.finerouter.engine.train.EstimatorConfig;

import java.util.Objects;

/**
 * Settings of Stage 2 (classifier and quality estimator).
 *
 * @param classifier task classifier hyperparameters
 * @param estimator quality estimator hyperparameters
 * @param device where to train
 * @param classifierHoldout share of the training prompts held out (seeded) to stop the classifier early, choose its
 *                          threshold and report its macro-F1 on cluster labels it did not see; in (0, 0.5]
 */
public record TrainingConfig(ClassifierConfig classifier, EstimatorConfig estimator, DeviceChoice device, double classifierHoldout) {
    public TrainingConfig {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(device, "device");
        if (!(classifierHoldout > 0 && classifierHoldout <= 0.5)) {
            throw new IllegalArgumentException("classifierHoldout must be in (0, 0.5], was " + classifierHoldout);
        }
    }

    /** Paper-style defaults with every seed set to {@code seed}, automatic device, 10% hold-out. */
    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(ClassifierConfig.defaults(seed), EstimatorConfig.defaults(seed), DeviceChoice.AUTO, 0.1);
    }
}

package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.route.RouterPreset;
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
 * @param preset which routing rule the router gets: {@link RouterPreset#ROBUST} (default; tuned on dev) or the paper's
 * @param chooseLevels with the robust preset, choose the number of clustering levels ℓ on train/dev among 1 … the Stage-1
 *                     setting's ℓ ({@link RouterTrainingPipeline}, decision 0013); otherwise ℓ is used as given
 */
public record TrainingConfig(ClassifierConfig classifier, EstimatorConfig estimator, DeviceChoice device, double classifierHoldout,
                             RouterPreset preset, boolean chooseLevels) {
    public TrainingConfig {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(device, "device");
        if (!(classifierHoldout > 0 && classifierHoldout <= 0.5)) {
            throw new IllegalArgumentException("classifierHoldout must be in (0, 0.5], was " + classifierHoldout);
        }
    }

    /** ℓ as given. */
    public TrainingConfig(ClassifierConfig classifier, EstimatorConfig estimator, DeviceChoice device, double classifierHoldout,
                          RouterPreset preset) {
        this(classifier, estimator, device, classifierHoldout, preset, false);
    }

    /** The default (robust) preset, ℓ as given. */
    public TrainingConfig(ClassifierConfig classifier, EstimatorConfig estimator, DeviceChoice device, double classifierHoldout) {
        this(classifier, estimator, device, classifierHoldout, RouterPreset.ROBUST);
    }

    /** Paper-style network settings with every seed set to {@code seed}, automatic device, 10% hold-out, robust rule, ℓ as given. */
    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(ClassifierConfig.defaults(seed), EstimatorConfig.defaults(seed), DeviceChoice.AUTO, 0.1);
    }

    /** This configuration with another preset. */
    public TrainingConfig withPreset(RouterPreset newPreset) {
        return new TrainingConfig(classifier, estimator, device, classifierHoldout, newPreset, chooseLevels);
    }

    /** This configuration choosing ℓ on train/dev (robust preset only) or not. */
    public TrainingConfig withChooseLevels(boolean choose) {
        return new TrainingConfig(classifier, estimator, device, classifierHoldout, preset, choose);
    }

    /** Whether ℓ is chosen on train/dev: asked for, and the robust preset. */
    public boolean searchesLevels() {
        return chooseLevels && preset == RouterPreset.ROBUST;
    }
}

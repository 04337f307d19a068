package dev.finerouter.cli;

import dev.finerouter.engine.knob.Knobs;
import dev.finerouter.engine.pipeline.TrainingConfig;
import picocli.CommandLine.Option;

/** {@code --epochs} of the commands that train a router ({@code train}, {@code eval}, {@code bench whatif}). */
final class EpochsOption {
    @Option(names = "--epochs", description = "Epochs of each training phase (paper: " + Knobs.Default.EPOCHS + ").")
    Integer epochs;

    /**
     * {@code base} with every training phase capped at {@code --epochs}, or {@code base} itself without the option.
     *
     * @throws IllegalArgumentException when the number is not positive (the caller words the error)
     */
    TrainingConfig applyTo(TrainingConfig base) {
        if (epochs == null) {
            return base;
        }
        return new TrainingConfig(base.classifier().withEpochs(epochs), base.estimator().withEpochs(epochs, epochs), base.device(),
                base.classifierHoldout(), base.preset(), base.chooseLevels());
    }
}

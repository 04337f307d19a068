package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.DeviceChoice;

/**
 * A router trained on {@link ToyRoutingData} (40 prompts per group: 4 dev and 4 test each, ℓ = 1, 15 epochs, seed 42,
 * no stage cache), trained once per test JVM for the tests that need some trained router.
 */
public final class ToyRouter {
    /** The seed of discovery and training. */
    public static final long SEED = 42;
    private static TrainingResult trained;

    private ToyRouter() {
    }

    /** The trained router with its Stage-1 result (trained on first use). */
    public static synchronized TrainingResult trained() throws EngineException {
        if (trained == null) {
            var data = ToyRoutingData.create(40, i -> i % 10 == 0 ? Split.TEST : i % 10 == 1 ? Split.DEV : Split.TRAIN);
            PipelineConfig config = PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(1));
            DiscoveryResult stage1 = new DiscoveryPipeline(null, PipelineListener.NONE).run(data, config, StageContext.silent(SEED));
            TrainingConfig d = TrainingConfig.defaults(SEED);
            TrainingConfig quick = new TrainingConfig(d.classifier().withEpochs(15), d.estimator().withEpochs(15, 5), DeviceChoice.CPU, 0.1);
            trained = new RouterTrainingPipeline(null, PipelineListener.NONE).train(stage1, quick, StageContext.silent(SEED));
        }
        return trained;
    }
}

package dev.finerouter.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.Random;
import java.util.Set;

/**
 * Phase 1 of the quality estimator: trains the encoder layer, the model-ID embedding and the general adapters on all
 * training prompts with MSE on present scores only; early stopping on dev MSE.
 */
final class GeneralAdapterTrainer {
    private GeneralAdapterTrainer() {
    }

    /** Fresh phase-1 parameters; each model's output bias starts at the logit of its mean known training score. */
    static ParameterSet init(EstimatorConfig c, int inputDim, PromptScores train, Random random) {
        int models = train.models();
        int h = c.encoderDim();
        int m = c.modelEmbeddingDim();
        int hidden = c.generalHidden();
        ParameterSet.Builder b = ParameterSet.builder();
        PromptEncoder.init(b, "encoder", inputDim, h, random, true);
        b.xavier(MixtureForward.MODEL_EMBEDDING, models, m, random, models, m);
        b.xavier(MixtureForward.G_W1E, h + m, hidden, random, h, (long) models * hidden);
        b.xavier(MixtureForward.G_W1M, h + m, hidden, random, models, m, hidden);
        b.zeros(MixtureForward.G_B1, models, hidden);
        b.xavier(MixtureForward.G_W2, hidden, 1, random, models, hidden);
        float[] bias = new float[models];
        for (int k = 0; k < models; k++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < train.n(); i++) {
                float v = train.scores()[i * models + k];
                if (!Float.isNaN(v)) {
                    sum += v;
                    count++;
                }
            }
            double mean = count == 0 ? 0.5 : Math.min(0.99, Math.max(0.01, sum / count));
            bias[k] = (float) Math.log(mean / (1 - mean));
        }
        b.putOwned(MixtureForward.G_B2, bias, models);
        return b.build();
    }

    /** Predicted scores (batch × M) of raw embeddings (batch × inputDim). */
    static NDArray predict(TrainableParameters p, NDArray x) {
        NDArray encoded = PromptEncoder.forward(x, p.get(MixtureForward.ENC_W), p.get(MixtureForward.ENC_B));
        return Activation.sigmoid(MixtureForward.generalLogits(encoded, p));
    }

    /**
     * Runs phase 1 and returns the best epoch's parameters (all of them trainable).
     *
     * @param progressFrom progress fraction at the start
     * @param progressTo progress fraction at the end
     */
    static ParameterSet train(EstimatorConfig c, ParameterSet init, PromptScores train, PromptScores dev, TrainingDevice device,
                              StageContext context, Random random, double progressFrom, double progressTo) throws EngineException {
        int dim = train.dim();
        int models = train.models();
        ParameterSet best = init;
        long started = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(device.device(), TorchEngine.NAME)) {
            TrainableParameters params = new TrainableParameters(manager, init, Set.copyOf(init.names()));
            EarlyStopping stopping = new EarlyStopping(c.patience());
            int batches = Batches.count(train.n(), c.batchSize());
            for (int epoch = 0; epoch < c.phase1Epochs(); epoch++) {
                int[] order = Batches.permutation(train.n(), random);
                double lossSum = 0;
                long entries = 0;
                for (int b = 0; b < batches; b++) {
                    context.checkCancelled();
                    int from = b * c.batchSize();
                    int to = Math.min(train.n(), from + c.batchSize());
                    float[] maskValues = new float[(to - from) * models];
                    float[] target = Batches.scores(train.scores(), models, order, from, to, null, maskValues);
                    long count = Batches.ones(maskValues);
                    if (count == 0) {
                        continue;
                    }
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = manager.create(Batches.rows(train.embeddings(), dim, order, from, to), new Shape(to - from, dim));
                        NDArray y = manager.create(target, new Shape(to - from, models));
                        NDArray mask = manager.create(maskValues, new Shape(to - from, models));
                        try (GradientCollector collector = TorchEngine.get().newGradientCollector()) {
                            NDArray loss = MixtureForward.maskedMse(predict(params, x), y, mask, count);
                            collector.backward(loss);
                            lossSum += loss.getFloat() * count;
                            entries += count;
                        }
                        params.step(c.learningRate(), c.weightDecay());
                    }
                    double fraction = (epoch + (b + 1.0) / batches) / c.phase1Epochs();
                    context.progress(progressFrom + (progressTo - progressFrom) * fraction,
                            "quality estimator phase 1, epoch " + (epoch + 1) + "/" + c.phase1Epochs());
                }
                double devMse = devMse(manager, params, dev);
                boolean improved = stopping.record(epoch, devMse);
                if (improved) {
                    best = params.snapshot();
                }
                context.log(String.format("quality estimator phase 1 epoch %d/%d: train MSE %.5f, dev MSE %.5f%s (%.1f s)", epoch + 1,
                        c.phase1Epochs(), lossSum / Math.max(1, entries), devMse, improved ? " *" : "", (System.nanoTime() - started) / 1e9));
                if (stopping.shouldStop()) {
                    context.log("quality estimator phase 1: early stop, keeping epoch " + (stopping.bestEpoch() + 1));
                    break;
                }
            }
        }
        return best;
    }

    /** Masked MSE of the general adapters on {@code data}, NaN when it has no known score. */
    static double devMse(NDManager manager, TrainableParameters params, PromptScores data) {
        double sum = 0;
        long entries = 0;
        for (int from = 0; from < data.n(); from += PromptEncoder.CHUNK) {
            int to = Math.min(data.n(), from + PromptEncoder.CHUNK);
            float[] maskValues = new float[(to - from) * data.models()];
            float[] target = Batches.scores(data.scores(), data.models(), null, from, to, null, maskValues);
            long count = Batches.ones(maskValues);
            if (count == 0) {
                continue;
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = manager.create(Batches.range(data.embeddings(), data.dim(), from, to), new Shape(to - from, data.dim()));
                NDArray y = manager.create(target, new Shape(to - from, data.models()));
                NDArray mask = manager.create(maskValues, new Shape(to - from, data.models()));
                sum += MixtureForward.maskedMse(predict(params, x), y, mask, count).getFloat() * count;
                entries += count;
            }
        }
        return entries == 0 ? Double.NaN : sum / entries;
    }
}

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
 * Phase 2 of the quality estimator: with the encoder layer, model embedding and general adapters frozen, trains the
 * adapters of each task's candidates on the prompts labelled with that task. Tasks are independent problems, so each
 * is trained on its own (own optimiser state, own early stopping on the dev prompts labelled with it; without such dev
 * prompts all epochs run). The frozen encoding and general logits of a task's prompts are computed once per task.
 *
 * <p>A task adapter is residual: its output layer starts at zero, so before training it predicts exactly what the
 * general adapter predicts, and a task with few prompts cannot do much worse than the general adapter.
 */
final class TaskAdapterTrainer {
    private TaskAdapterTrainer() {
    }

    static ParameterSet train(EstimatorConfig c, ParameterSet phase1, int[][] candidates, PromptScores train, PromptScores dev,
                              TrainingDevice device, StageContext context, double progressFrom, double progressTo) throws EngineException {
        ParameterSet.Builder result = phase1.toBuilder();
        int tasks = candidates.length;
        long started = System.nanoTime();
        int trained = 0;
        try (NDManager manager = NDManager.newBaseManager(device.device(), TorchEngine.NAME)) {
            TrainableParameters frozen = new TrainableParameters(manager, phase1, Set.of());
            for (int t = 0; t < tasks; t++) {
                context.checkCancelled();
                int[] cols = candidates[t];
                if (cols.length == 0) {
                    continue;
                }
                ParameterSet init = init(c, t, cols.length, phase1);
                int[] trainRows = rowsOf(train.tasks(), t);
                int[] devRows = rowsOf(dev.tasks(), t);
                ParameterSet best = init;
                if (trainRows.length > 0) {
                    try (NDManager taskManager = manager.newSubManager()) {
                        best = trainTask(c, t, cols, init, frozen, taskManager, train, trainRows, dev, devRows, context);
                    }
                    trained++;
                }
                for (String name : best.names()) {
                    result.putOwned(name, best.raw(name), best.shape(name));
                }
                context.progress(progressFrom + (progressTo - progressFrom) * (t + 1.0) / tasks,
                        "quality estimator phase 2, task " + (t + 1) + "/" + tasks);
            }
        }
        context.log(String.format("quality estimator phase 2: %d of %d tasks had training prompts (%.1f s)", trained, tasks,
                (System.nanoTime() - started) / 1e9));
        return result.build();
    }

    /** Fresh residual adapters of task t: Glorot first layer, zero output layer. */
    static ParameterSet init(EstimatorConfig c, int task, int candidates, ParameterSet phase1) {
        int h = (int) phase1.shape(MixtureForward.ENC_W)[1];
        int hidden = c.taskHidden();
        Random random = new Random(c.seed() ^ (0x9E3779B97F4A7C15L * (task + 1)));
        return ParameterSet.builder()
                .xavier(MixtureForward.taskW1(task), h, hidden, random, h, (long) candidates * hidden)
                .zeros(MixtureForward.taskB1(task), candidates, hidden)
                .zeros(MixtureForward.taskW2(task), candidates, hidden)
                .zeros(MixtureForward.taskB2(task), candidates)
                .build();
    }

    private static ParameterSet trainTask(EstimatorConfig c, int t, int[] cols, ParameterSet init, TrainableParameters frozen, NDManager manager,
                                          PromptScores train, int[] trainRows, PromptScores dev, int[] devRows, StageContext context)
            throws EngineException {
        int h = (int) init.shape(MixtureForward.taskW1(t))[0];
        int width = cols.length;
        TaskData trainData = TaskData.of(manager, frozen, train, trainRows, cols);
        TaskData devData = TaskData.of(manager, frozen, dev, devRows, cols);
        Random random = new Random(c.seed() ^ (0xC2B2AE3D27D4EB4FL * (t + 1)));
        TrainableParameters params = new TrainableParameters(manager, init, Set.copyOf(init.names()));
        EarlyStopping stopping = new EarlyStopping(c.patience());
        ParameterSet best = init;
        int n = trainRows.length;
        for (int epoch = 0; epoch < c.phase2Epochs(); epoch++) {
            int[] order = Batches.permutation(n, random);
            for (int from = 0; from < n; from += c.batchSize()) {
                context.checkCancelled();
                int to = Math.min(n, from + c.batchSize());
                float[] maskValues = new float[(to - from) * width];
                float[] target = Batches.scores(trainData.targets, width, order, from, to, null, maskValues);
                long count = Batches.ones(maskValues);
                if (count == 0) {
                    continue;
                }
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray e = manager.create(Batches.rows(trainData.encoded, h, order, from, to), new Shape(to - from, h));
                    NDArray base = manager.create(Batches.rows(trainData.baseLogits, width, order, from, to), new Shape(to - from, width));
                    NDArray y = manager.create(target, new Shape(to - from, width));
                    NDArray mask = manager.create(maskValues, new Shape(to - from, width));
                    try (GradientCollector collector = TorchEngine.get().newGradientCollector()) {
                        NDArray loss = MixtureForward.maskedMse(predict(params, t, e, base), y, mask, count);
                        collector.backward(loss);
                    }
                    params.step(c.taskLearningRate(), c.weightDecay());
                }
            }
            boolean improved = stopping.record(epoch, devMse(manager, params, t, devData, h, width));
            if (improved) {
                best = params.snapshot();
            }
            if (stopping.shouldStop()) {
                break;
            }
        }
        return best;
    }

    private static NDArray predict(TrainableParameters p, int t, NDArray encoded, NDArray baseLogits) {
        NDArray residual = MixtureForward.taskResidual(encoded, p.get(MixtureForward.taskW1(t)), p.get(MixtureForward.taskB1(t)),
                p.get(MixtureForward.taskW2(t)), p.get(MixtureForward.taskB2(t)));
        return Activation.sigmoid(baseLogits.add(residual));
    }

    private static double devMse(NDManager manager, TrainableParameters params, int t, TaskData data, int h, int width) {
        int n = data.rows;
        float[] maskValues = new float[n * width];
        float[] target = Batches.scores(data.targets, width, null, 0, n, null, maskValues);
        long count = Batches.ones(maskValues);
        if (count == 0) {
            return Double.NaN;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray e = manager.create(data.encoded, new Shape(n, h));
            NDArray base = manager.create(data.baseLogits, new Shape(n, width));
            NDArray y = manager.create(target, new Shape(n, width));
            NDArray mask = manager.create(maskValues, new Shape(n, width));
            return MixtureForward.maskedMse(predict(params, t, e, base), y, mask, count).getFloat();
        }
    }

    private static int[] rowsOf(int[] tasks, int t) {
        int count = 0;
        for (int x : tasks) {
            if (x == t) {
                count++;
            }
        }
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] == t) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /** One task's prompts after the frozen part: encodings, general logits of its candidates, and their scores. */
    private record TaskData(int rows, float[] encoded, float[] baseLogits, float[] targets) {
        static TaskData of(NDManager manager, TrainableParameters frozen, PromptScores data, int[] rows, int[] cols) {
            int n = rows.length;
            int dim = data.dim();
            int width = cols.length;
            float[] x = Batches.rows(data.embeddings(), dim, rows, 0, n);
            float[] encoded = PromptEncoder.encodeAll(manager, frozen.get(MixtureForward.ENC_W), frozen.get(MixtureForward.ENC_B), x, n, dim);
            int h = n == 0 ? 0 : encoded.length / n;
            float[] base = new float[n * width];
            float[] targets = new float[n * width];
            for (int from = 0; from < n; from += PromptEncoder.CHUNK) {
                int to = Math.min(n, from + PromptEncoder.CHUNK);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray e = manager.create(Batches.range(encoded, h, from, to), new Shape(to - from, h));
                    float[] logits = MixtureForward.generalLogits(e, frozen).toFloatArray();
                    int models = logits.length / (to - from);
                    for (int i = from; i < to; i++) {
                        for (int k = 0; k < width; k++) {
                            base[i * width + k] = logits[(i - from) * models + cols[k]];
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < width; k++) {
                    targets[i * width + k] = data.scores()[rows[i] * data.models() + cols[k]];
                }
            }
            return new TaskData(n, encoded, base, targets);
        }
    }
}

package dev.finerouter.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Stage 1's task classifier (method step 13): a bilinear matching score {@code s(p, t) = e(p)ᵀ W v_t + b_t} between a
 * trainable projection {@code e(p)} of the prompt's frozen sentence embedding and a task vector {@code v_t} initialised
 * from the embedding of the task's summary; all of e, W, v and the per-task bias b are trained with multi-label binary
 * cross-entropy (target 1 for the prompt's task, all zeros for Others prompts). The bias starts at the log-odds of the
 * task's share of training prompts and calibrates the many negatives.
 *
 * <p>A prompt is assigned its most probable task when {@code sigmoid(s)} reaches the threshold chosen on the dev split
 * (maximum macro-F1 over tasks plus Others, see {@link TaskMetrics}), otherwise Others (−1).
 *
 * <p>Weights live in a {@link ParameterSet}. Training runs in DJL PyTorch; {@link #predict} runs in plain Java arrays
 * ({@link ClassifierHeads}, built once per instance on first use and shared by all threads), so predictions hold no
 * native memory and an instance needs no closing.
 */
public final class TaskClassifier {
    static final String FORMAT = "finerouter-task-classifier";
    static final int FORMAT_VERSION = 1;
    static final String PARAMS_FILE = "classifier.params";
    static final String JSON_FILE = "classifier.json";

    private static final String ENC_W = "encoder.weight";
    private static final String ENC_B = "encoder.bias";
    private static final String BILINEAR = "bilinear.weight";
    private static final String TASKS = "task.vectors";
    private static final String TASK_BIAS = "task.bias";

    private final ClassifierConfig config;
    private final int inputDim;
    private final int taskCount;
    private final float threshold;
    private final ParameterSet parameters;
    /** {@link #heads()}, built lazily; derived from the final fields, so the instance stays immutable in effect. */
    private volatile ClassifierHeads heads;

    private TaskClassifier(ClassifierConfig config, int inputDim, int taskCount, float threshold, ParameterSet parameters) {
        this.config = config;
        this.inputDim = inputDim;
        this.taskCount = taskCount;
        this.threshold = threshold;
        this.parameters = parameters;
    }

    /**
     * Trains a classifier and chooses its threshold on {@code dev}.
     *
     * @param config hyperparameters
     * @param taskVectors embeddings of the task summaries, row-major taskCount × dim (initial task vectors)
     * @param taskCount number of tasks
     * @param train labelled training prompts (labels in [0, taskCount) or −1)
     * @param dev labelled dev prompts for early stopping and the threshold (may be empty: no early stopping, threshold 0.5)
     * @param device where to train
     * @param context progress, cancellation, log
     * @return the trained classifier (the best epoch's weights on dev loss)
     * @throws EngineException when cancelled or PyTorch fails
     */
    public static TaskClassifier train(ClassifierConfig config, float[] taskVectors, int taskCount, PromptTasks train, PromptTasks dev,
                                       TrainingDevice device, StageContext context) throws EngineException {
        Objects.requireNonNull(config, "config");
        int dim = train.dim();
        if (taskCount <= 0 || taskVectors.length != (long) taskCount * dim) {
            throw new IllegalArgumentException("task vectors must be " + taskCount + " x " + dim);
        }
        if (dev.dim() != dim) {
            throw new IllegalArgumentException("dev embeddings have dimension " + dev.dim() + ", train " + dim);
        }
        if (train.maxTaskPlusOne() > taskCount || dev.maxTaskPlusOne() > taskCount) {
            throw new IllegalArgumentException("a task label is >= taskCount " + taskCount);
        }
        TorchEngine.seed(config.seed());
        Random random = new Random(config.seed());
        ParameterSet init = initialParameters(config, dim, taskCount, taskVectors, train, random);
        ParameterSet best = init;
        long started = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(device.device(), TorchEngine.NAME)) {
            TrainableParameters params = new TrainableParameters(manager, init, Set.copyOf(init.names()));
            EarlyStopping stopping = new EarlyStopping(config.patience());
            int batches = Batches.count(train.n(), config.batchSize());
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int[] order = Batches.permutation(train.n(), random);
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    context.checkCancelled();
                    int from = b * config.batchSize();
                    int to = Math.min(train.n(), from + config.batchSize());
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = manager.create(Batches.rows(train.embeddings(), dim, order, from, to), new Shape(to - from, dim));
                        NDArray y = manager.create(targets(train.tasks(), order, from, to, taskCount), new Shape(to - from, taskCount));
                        try (GradientCollector collector = TorchEngine.get().newGradientCollector()) {
                            NDArray loss = bce(logits(params, x), y);
                            collector.backward(loss);
                            lossSum += loss.getFloat() * (to - from);
                        }
                        params.step(config.learningRate(), config.weightDecay());
                    }
                    context.progress((epoch + (b + 1.0) / batches) / config.epochs(), "task classifier epoch " + (epoch + 1) + "/" + config.epochs());
                }
                double devLoss = dev.n() == 0 ? Double.NaN : devLoss(manager, params, dev, taskCount);
                boolean improved = stopping.record(epoch, devLoss);
                if (improved) {
                    best = params.snapshot();
                }
                context.log(String.format("task classifier epoch %d/%d: train BCE %.5f, dev BCE %.5f%s (%.1f s)", epoch + 1, config.epochs(),
                        lossSum / Math.max(1, train.n()), devLoss, improved ? " *" : "", (System.nanoTime() - started) / 1e9));
                if (stopping.shouldStop()) {
                    context.log("task classifier: early stop, keeping epoch " + (stopping.bestEpoch() + 1));
                    break;
                }
            }
        }
        TaskClassifier untuned = new TaskClassifier(config, dim, taskCount, 0.5f, best);
        float threshold = dev.n() == 0 ? 0.5f
                : TaskMetrics.chooseThreshold(untuned.predictTorch(dev.embeddings(), dev.n()).probabilities(), dev.tasks(), taskCount);
        TaskClassifier result = new TaskClassifier(config, dim, taskCount, threshold, best);
        if (dev.n() > 0) {
            ClassifierMetrics m = result.evaluate(dev);
            context.log(String.format("task classifier: threshold %.2f, dev macro-F1 %.4f, accuracy %.4f, assigned %.1f%%",
                    threshold, m.macroF1(), m.accuracy(), 100 * m.assignedShare()));
        }
        return result;
    }

    private static ParameterSet initialParameters(ClassifierConfig config, int dim, int taskCount, float[] taskVectors, PromptTasks train, Random random) {
        ParameterSet.Builder b = ParameterSet.builder();
        int h = config.projectionDim();
        PromptEncoder.init(b, "encoder", dim, h, random, true);
        if (h == dim) {
            float[] w = new float[h * dim];
            for (int i = 0; i < h; i++) {
                w[i * dim + i] = 1f;
            }
            b.putOwned(BILINEAR, w, h, dim);
        } else {
            b.xavier(BILINEAR, h, dim, random, h, dim);
        }
        b.put(TASKS, taskVectors, taskCount, dim);
        int[] counts = new int[taskCount];
        for (int t : train.tasks()) {
            if (t >= 0) {
                counts[t]++;
            }
        }
        float[] bias = new float[taskCount];
        for (int t = 0; t < taskCount; t++) {
            double share = (counts[t] + 0.5) / (train.n() + 1.0);
            bias[t] = (float) Math.log(share / (1 - share));
        }
        b.putOwned(TASK_BIAS, bias, taskCount);
        return b.build();
    }

    private static float[] targets(int[] tasks, int[] order, int from, int to, int taskCount) {
        float[] y = new float[(to - from) * taskCount];
        for (int i = from; i < to; i++) {
            int t = tasks[order[i]];
            if (t >= 0) {
                y[(i - from) * taskCount + t] = 1f;
            }
        }
        return y;
    }

    static NDArray logits(TrainableParameters p, NDArray x) {
        NDArray e = PromptEncoder.forward(x, p.get(ENC_W), p.get(ENC_B));
        return e.matMul(p.get(BILINEAR)).matMul(p.get(TASKS).transpose()).add(p.get(TASK_BIAS));
    }

    /** Mean binary cross-entropy with logits, in the numerically stable form max(s,0) − s·y + log(1 + e^−|s|). */
    static NDArray bce(NDArray logits, NDArray y) {
        return Activation.relu(logits).sub(logits.mul(y)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    private static double devLoss(NDManager manager, TrainableParameters params, PromptTasks dev, int taskCount) {
        double sum = 0;
        int[] identity = new int[dev.n()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        for (int from = 0; from < dev.n(); from += PromptEncoder.CHUNK) {
            int to = Math.min(dev.n(), from + PromptEncoder.CHUNK);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = manager.create(Batches.range(dev.embeddings(), dev.dim(), from, to), new Shape(to - from, dev.dim()));
                NDArray y = manager.create(targets(dev.tasks(), identity, from, to, taskCount), new Shape(to - from, taskCount));
                sum += bce(logits(params, x), y).getFloat() * (to - from);
            }
        }
        return sum / dev.n();
    }

    /**
     * Assigns tasks to prompts.
     *
     * @param embeddings row-major n × inputDim sentence embeddings
     * @param n number of prompts
     * @return the assigned task (or −1) and all task probabilities of each prompt
     * @throws EngineException never in practice (plain Java arithmetic); kept for callers written against the DJL path
     */
    public TaskPrediction predict(float[] embeddings, int n) throws EngineException {
        if (embeddings.length != (long) n * inputDim) {
            throw new IllegalArgumentException("expected " + n + " x " + inputDim + " embeddings, got " + embeddings.length + " values");
        }
        float[] probabilities = heads().probabilities(embeddings, n);
        return new TaskPrediction(TaskMetrics.assign(probabilities, n, taskCount, threshold), probabilities, taskCount);
    }

    /** Prompts whose task probabilities {@link #predictTasks} holds at a time. */
    static final int TASKS_CHUNK = 4096;

    /**
     * The assigned task (or −1) of each prompt, as {@link #predict}{@code .tasks()} gives it, without keeping every
     * prompt's probabilities: they are computed {@value #TASKS_CHUNK} prompts at a time (each prompt's on its own, so
     * the result is the same), which keeps memory at chunk × tasks floats instead of n × tasks — 3.6 GB for the
     * paper's 224k training prompts and 4,045 tasks.
     *
     * @param embeddings row-major n × inputDim sentence embeddings
     * @param n number of prompts
     */
    public int[] predictTasks(float[] embeddings, int n) {
        return predictTasks(embeddings, n, TASKS_CHUNK);
    }

    /** As {@link #predictTasks(float[], int)} with the chunk given. */
    int[] predictTasks(float[] embeddings, int n, int chunk) {
        if (embeddings.length != (long) n * inputDim) {
            throw new IllegalArgumentException("expected " + n + " x " + inputDim + " embeddings, got " + embeddings.length + " values");
        }
        int[] out = new int[n];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            float[] part = java.util.Arrays.copyOfRange(embeddings, from * inputDim, to * inputDim);
            int[] tasks = TaskMetrics.assign(heads().probabilities(part, to - from), to - from, taskCount, threshold);
            System.arraycopy(tasks, 0, out, from, tasks.length);
        }
        return out;
    }

    /**
     * The inference form of the weights, built on first use and then shared by every call (and every thread):
     * no native memory and no copy of the weights per prediction.
     */
    ClassifierHeads heads() {
        ClassifierHeads h = heads;
        if (h == null) {
            synchronized (this) {
                h = heads;
                if (h == null) {
                    h = ClassifierHeads.of(parameters, ENC_W, ENC_B, BILINEAR, TASKS, TASK_BIAS, inputDim, taskCount);
                    heads = h;
                }
            }
        }
        return h;
    }

    /**
     * {@link #predict} computed by DJL PyTorch, the training code's forward pass: used to choose the threshold at the end
     * of training (so trained classifiers are exactly what they were before the array path) and as the reference the
     * array path is tested against. Copies all weights into a native manager per call: not for serving.
     */
    TaskPrediction predictTorch(float[] embeddings, int n) throws EngineException {
        if (embeddings.length != (long) n * inputDim) {
            throw new IllegalArgumentException("expected " + n + " x " + inputDim + " embeddings, got " + embeddings.length + " values");
        }
        TorchEngine.get();
        float[] probabilities = new float[n * taskCount];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            TrainableParameters params = new TrainableParameters(manager, parameters, Set.of());
            for (int from = 0; from < n; from += PromptEncoder.CHUNK) {
                int to = Math.min(n, from + PromptEncoder.CHUNK);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = manager.create(Batches.range(embeddings, inputDim, from, to), new Shape(to - from, inputDim));
                    float[] p = Activation.sigmoid(logits(params, x)).toFloatArray();
                    System.arraycopy(p, 0, probabilities, from * taskCount, p.length);
                }
            }
        }
        return new TaskPrediction(TaskMetrics.assign(probabilities, n, taskCount, threshold), probabilities, taskCount);
    }

    /**
     * Compares predictions with held-out labels.
     *
     * @throws EngineException when PyTorch fails
     */
    public ClassifierMetrics evaluate(PromptTasks labelled) throws EngineException {
        return TaskMetrics.compute(labelled.tasks(), predict(labelled.embeddings(), labelled.n()).tasks(), threshold);
    }

    /**
     * This classifier with more tasks, without retraining: the new tasks' vectors v_t are appended to the task matrix
     * (the method initialises v_t with the task's center, so a center from the same description space fits) and their
     * biases to the bias vector; encoder, bilinear map, threshold and the old tasks stay as they are.
     *
     * @param vectors row-major k × d task vectors, d = the task vectors' dimension
     * @param biases one bias per new task
     * @return a classifier of {@code taskCount() + k} tasks
     * @throws IllegalArgumentException when the shapes do not fit
     */
    public TaskClassifier withAddedTasks(float[] vectors, float[] biases) {
        long[] shape = parameters.shape(TASKS);
        int d = (int) shape[1];
        int k = biases.length;
        if (vectors.length != k * d) {
            throw new IllegalArgumentException("expected " + k + " task vectors of dimension " + d + ", got " + vectors.length + " values");
        }
        float[] oldVectors = parameters.values(TASKS);
        float[] newVectors = Arrays.copyOf(oldVectors, oldVectors.length + vectors.length);
        System.arraycopy(vectors, 0, newVectors, oldVectors.length, vectors.length);
        float[] oldBias = parameters.values(TASK_BIAS);
        float[] newBias = Arrays.copyOf(oldBias, oldBias.length + k);
        System.arraycopy(biases, 0, newBias, oldBias.length, k);
        ParameterSet p = parameters.toBuilder().put(TASKS, newVectors, taskCount + k, d).put(TASK_BIAS, newBias, taskCount + k).build();
        return new TaskClassifier(config, inputDim, taskCount + k, threshold, p);
    }

    /** The task vectors' dimension (the description embedding's). */
    public int taskVectorDim() {
        return (int) parameters.shape(TASKS)[1];
    }

    /** The task biases b_t. */
    public float[] taskBiases() {
        return parameters.values(TASK_BIAS);
    }

    /** Writes {@value #JSON_FILE} and {@value #PARAMS_FILE} into {@code dir}. */
    public void save(Path dir) throws EngineException {
        ParameterIO.write(parameters, dir.resolve(PARAMS_FILE));
        ModelFiles.writeJson(dir.resolve(JSON_FILE), new Saved(FORMAT, FORMAT_VERSION, config, inputDim, taskCount, threshold));
    }

    /** Reads a classifier written by {@link #save}. */
    public static TaskClassifier load(Path dir) throws EngineException {
        Path json = dir.resolve(JSON_FILE);
        Saved saved = ModelFiles.readJson(json, Saved.class);
        ModelFiles.requireFormat(json, saved.format(), saved.version(), FORMAT, FORMAT_VERSION);
        ParameterSet params = ParameterIO.read(dir.resolve(PARAMS_FILE));
        for (String name : new String[] {ENC_W, ENC_B, BILINEAR, TASKS, TASK_BIAS}) {
            if (!params.contains(name)) {
                throw new EngineException(dir.resolve(PARAMS_FILE) + " lacks " + name, "train again or use a complete bundle", null);
            }
        }
        return new TaskClassifier(saved.config(), saved.inputDim(), saved.taskCount(), saved.threshold(), params);
    }

    /** The JSON side file. */
    record Saved(String format, int version, ClassifierConfig config, int inputDim, int taskCount, float threshold) {
    }

    /** The hyperparameters it was trained with. */
    public ClassifierConfig config() {
        return config;
    }

    /** Embedding dimension expected by {@link #predict}. */
    public int inputDim() {
        return inputDim;
    }

    /** Number of tasks. */
    public int taskCount() {
        return taskCount;
    }

    /** The probability a task must reach to be assigned. */
    public float threshold() {
        return threshold;
    }

    /** The trained weights. */
    public ParameterSet parameters() {
        return parameters;
    }
}

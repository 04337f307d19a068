package dev.finerouter.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Stage 2's task-aware quality estimator, a mixture of experts predicting Q̃(p, M) in [0, 1] for every model.
 *
 * <ul>
 *   <li>Prompt encoder: the frozen sentence embedding followed by a trainable dense layer with GELU ({@link PromptEncoder}).</li>
 *   <li>Model-ID embedding E (dim {@link EstimatorConfig#modelEmbeddingDim()}, paper 512).</li>
 *   <li>General adapter per model k: a 2-layer MLP (hidden 512) on the concatenation [e(p) ; E_k], sigmoid output.</li>
 *   <li>Task adapter per (task t, candidate k ∈ L_t): a 2-layer MLP on e(p) whose output is added to the general
 *       adapter's logit (residual, zero-initialised; E is frozen in phase 2, so its part of the input is a constant
 *       absorbed in the adapter's bias).</li>
 * </ul>
 * Phase 1 trains encoder layer, E and general adapters on all training prompts; phase 2 freezes them and trains task
 * adapters on the prompts labelled with each task. Both minimise MSE on present scores only (NaN = missing is masked)
 * and stop early on dev MSE. {@link #predict} uses a task adapter when the model is a candidate of the prompt's task and
 * the general adapter otherwise (only general adapters for task −1).
 *
 * <p>Weights live in a {@link ParameterSet}. Training runs in DJL PyTorch; {@link #predict} runs in plain Java arrays
 * ({@link EstimatorHeads}, built once per instance on first use and shared by all threads), so predictions hold no
 * native memory and an instance needs no closing.
 */
public final class QualityEstimator {
    static final String FORMAT = "finerouter-quality-estimator";
    static final int FORMAT_VERSION = 1;
    static final String PARAMS_FILE = "estimator.params";
    static final String JSON_FILE = "estimator.json";

    private final EstimatorConfig config;
    private final int inputDim;
    private final int models;
    private final int[][] candidates;
    private final ParameterSet parameters;
    /** {@link #heads()}, built lazily; derived from the final fields, so the instance stays immutable in effect. */
    private volatile EstimatorHeads heads;

    private QualityEstimator(EstimatorConfig config, int inputDim, int models, int[][] candidates, ParameterSet parameters) {
        this.config = config;
        this.inputDim = inputDim;
        this.models = models;
        this.candidates = deepCopy(candidates);
        this.parameters = parameters;
    }

    /**
     * Trains both phases.
     *
     * @param config hyperparameters
     * @param candidates candidate models L_t of each task t (model column indices); its length is the number of tasks
     * @param train training prompts with scores and the classifier's task labels
     * @param dev dev prompts (may be empty: no early stopping)
     * @param device where to train
     * @param context progress (phase 1: 0–0.5, phase 2: 0.5–1 of the fraction), cancellation per batch, log per epoch
     * @return the trained estimator
     * @throws EngineException when cancelled or PyTorch fails
     */
    public static QualityEstimator train(EstimatorConfig config, int[][] candidates, PromptScores train, PromptScores dev,
                                         TrainingDevice device, StageContext context) throws EngineException {
        Objects.requireNonNull(config, "config");
        validate(candidates, train.models());
        if (dev.dim() != train.dim() || dev.models() != train.models()) {
            throw new IllegalArgumentException("dev has shape dim " + dev.dim() + " × models " + dev.models() + ", train " + train.dim() + " × " + train.models());
        }
        checkTasks(train.tasks(), candidates.length);
        checkTasks(dev.tasks(), candidates.length);
        TorchEngine.seed(config.seed());
        Random random = new Random(config.seed());
        ParameterSet init = GeneralAdapterTrainer.init(config, train.dim(), train, random);
        double split = config.phase2Epochs() == 0 ? 1.0 : 0.5;
        context.log("quality estimator on " + device.description() + ": " + train.n() + " train prompts, " + train.models() + " models, "
                + candidates.length + " tasks, " + init.size() + " phase-1 parameters");
        ParameterSet phase1 = GeneralAdapterTrainer.train(config, init, train, dev, device, context, random, 0.0, split);
        ParameterSet all = config.phase2Epochs() == 0 ? phase1
                : TaskAdapterTrainer.train(config, phase1, candidates, train, dev, device, context, split, 1.0);
        return new QualityEstimator(config, train.dim(), train.models(), candidates, all);
    }

    /**
     * Predicts Q̃ for every prompt and model.
     *
     * @param promptEmbeddingsRowMajor n × inputDim sentence embeddings
     * @param n number of prompts
     * @param taskOfPrompt each prompt's task, or −1 (Others: general adapters only)
     * @return row-major n × models predicted scores in [0, 1]
     * @throws EngineException never in practice (plain Java arithmetic); kept for callers written against the DJL path
     */
    public float[] predict(float[] promptEmbeddingsRowMajor, int n, int[] taskOfPrompt) throws EngineException {
        new PromptTasks(promptEmbeddingsRowMajor, n, inputDim, taskOfPrompt);
        checkTasks(taskOfPrompt, candidates.length);
        return heads().predict(promptEmbeddingsRowMajor, n, taskOfPrompt);
    }

    /**
     * The inference form of the weights, built on first use and then shared by every call (and every thread):
     * no native memory and no copy of the weights per prediction.
     */
    EstimatorHeads heads() {
        EstimatorHeads h = heads;
        if (h == null) {
            synchronized (this) {
                h = heads;
                if (h == null) {
                    h = EstimatorHeads.of(parameters, inputDim, models, candidates);
                    heads = h;
                }
            }
        }
        return h;
    }

    /**
     * {@link #predict} computed by DJL PyTorch, the training code's forward pass: the reference the array path is tested
     * against. Opens (and closes) a native manager holding a copy of all weights per call, so it is slow and not for
     * serving.
     */
    float[] predictTorch(float[] promptEmbeddingsRowMajor, int n, int[] taskOfPrompt) throws EngineException {
        new PromptTasks(promptEmbeddingsRowMajor, n, inputDim, taskOfPrompt);
        checkTasks(taskOfPrompt, candidates.length);
        TorchEngine.get();
        float[] out = new float[n * models];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            TrainableParameters p = new TrainableParameters(manager, parameters, Set.of());
            for (int from = 0; from < n; from += PromptEncoder.CHUNK) {
                int to = Math.min(n, from + PromptEncoder.CHUNK);
                predictChunk(manager, p, promptEmbeddingsRowMajor, taskOfPrompt, from, to, out);
            }
        }
        return out;
    }

    private void predictChunk(NDManager manager, TrainableParameters p, float[] embeddings, int[] tasks, int from, int to, float[] out) {
        int rows = to - from;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray x = manager.create(Batches.range(embeddings, inputDim, from, to), new Shape(rows, inputDim));
            NDArray encoded = PromptEncoder.forward(x, p.get(MixtureForward.ENC_W), p.get(MixtureForward.ENC_B));
            float[] logits = MixtureForward.generalLogits(encoded, p).toFloatArray();
            float[] enc = encoded.toFloatArray();
            int h = enc.length / rows;
            for (int t = 0; t < candidates.length; t++) {
                int[] cols = candidates[t];
                if (cols.length == 0 || !parameters.contains(MixtureForward.taskW1(t))) {
                    continue;
                }
                int[] members = members(tasks, from, to, t);
                if (members.length == 0) {
                    continue;
                }
                NDArray e = manager.create(Batches.rows(enc, h, members, 0, members.length), new Shape(members.length, h));
                float[] residual = MixtureForward.taskResidual(e, p.get(MixtureForward.taskW1(t)), p.get(MixtureForward.taskB1(t)),
                        p.get(MixtureForward.taskW2(t)), p.get(MixtureForward.taskB2(t))).toFloatArray();
                for (int i = 0; i < members.length; i++) {
                    for (int k = 0; k < cols.length; k++) {
                        logits[members[i] * models + cols[k]] += residual[i * cols.length + k];
                    }
                }
            }
            for (int i = 0; i < logits.length; i++) {
                out[from * models + i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
            }
        }
    }

    /**
     * This estimator with more tasks that have no task adapters: prompts of those tasks are predicted by the general
     * adapters only (as {@link #predict} does for any task without adapter weights).
     *
     * @param newCandidates candidate models of each new task
     * @return an estimator of {@code taskCount() + newCandidates.length} tasks
     */
    public QualityEstimator withAddedTasks(int[][] newCandidates) {
        int[][] all = Arrays.copyOf(candidates, candidates.length + newCandidates.length);
        for (int i = 0; i < newCandidates.length; i++) {
            for (int c : newCandidates[i]) {
                if (c < 0 || c >= models) {
                    throw new IllegalArgumentException("candidate " + c + " is not a model index");
                }
            }
            all[candidates.length + i] = newCandidates[i].clone();
        }
        return new QualityEstimator(config, inputDim, models, all, parameters);
    }

    /**
     * This estimator with one more model, predicted by a copy of model {@code donor}'s general adapter whose output
     * logit is shifted by {@code logitOffset}, plus a constant per-task correction: Q̃(p, new) = sigmoid(logit_D(e(p)) + δ
     * + δ_t) for a prompt of task t, sigmoid(logit_D(e(p)) + δ) for a prompt of no task, with logit_D the donor's general
     * logit (the donor's task adapters are not copied). δ_t is a task adapter of the new model whose weights are zero and
     * whose output bias is δ_t (GELU(0) = 0, so its residual is exactly δ_t). The new model is the last column; every
     * other prediction is unchanged. Nothing is trained.
     *
     * @param donor the model whose general adapter is copied
     * @param logitOffset δ, added to the copied output bias
     * @param taskOffsets δ_t per task (0 leaves the task without an adapter for the new model)
     */
    public QualityEstimator withAddedModel(int donor, float logitOffset, float[] taskOffsets) {
        if (donor < 0 || donor >= models) {
            throw new IllegalArgumentException("donor " + donor + " is not a model index (0.." + (models - 1) + ")");
        }
        if (!Float.isFinite(logitOffset) || taskOffsets.length != candidates.length) {
            throw new IllegalArgumentException("need a finite logit offset and one task offset per task (" + candidates.length + ")");
        }
        int m = (int) parameters.shape(MixtureForward.MODEL_EMBEDDING)[1];
        int hidden = (int) parameters.shape(MixtureForward.G_B1)[1];
        int h = (int) parameters.shape(MixtureForward.G_W1E)[0];
        float[] bias = appendBlock(parameters.raw(MixtureForward.G_B2), donor, 1);
        bias[models] += logitOffset;
        ParameterSet.Builder grown = parameters.toBuilder()
                .putOwned(MixtureForward.MODEL_EMBEDDING, appendBlock(parameters.raw(MixtureForward.MODEL_EMBEDDING), donor, m), models + 1, m)
                .putOwned(MixtureForward.G_W1E, widenRows(parameters.raw(MixtureForward.G_W1E), h, models * hidden, donor * hidden, hidden),
                        h, (long) (models + 1) * hidden)
                .putOwned(MixtureForward.G_W1M, appendBlock(parameters.raw(MixtureForward.G_W1M), donor, m * hidden), models + 1, m, hidden)
                .putOwned(MixtureForward.G_B1, appendBlock(parameters.raw(MixtureForward.G_B1), donor, hidden), models + 1, hidden)
                .putOwned(MixtureForward.G_W2, appendBlock(parameters.raw(MixtureForward.G_W2), donor, hidden), models + 1, hidden)
                .putOwned(MixtureForward.G_B2, bias, models + 1);
        int[][] grownCandidates = deepCopy(candidates);
        for (int t = 0; t < candidates.length; t++) {
            float offset = taskOffsets[t];
            if (offset == 0) {
                continue;
            }
            if (!Float.isFinite(offset)) {
                throw new IllegalArgumentException("task " + t + " has a non-finite offset " + offset);
            }
            int cols = candidates[t].length;
            boolean has = cols > 0 && parameters.contains(MixtureForward.taskW1(t));
            // a task without adapter weights gets zero adapters for its candidates (residual 0: predictions unchanged)
            int th = has ? (int) parameters.shape(MixtureForward.taskB1(t))[1] : 1;
            float[] w1 = has ? parameters.raw(MixtureForward.taskW1(t)) : new float[h * cols * th];
            float[] b1 = has ? parameters.raw(MixtureForward.taskB1(t)) : new float[cols * th];
            float[] w2 = has ? parameters.raw(MixtureForward.taskW2(t)) : new float[cols * th];
            float[] b2 = Arrays.copyOf(has ? parameters.raw(MixtureForward.taskB2(t)) : new float[cols], cols + 1);
            b2[cols] = offset;
            grown.putOwned(MixtureForward.taskW1(t), widenRows(w1, h, cols * th, -1, th), h, (long) (cols + 1) * th)
                    .putOwned(MixtureForward.taskB1(t), Arrays.copyOf(b1, (cols + 1) * th), cols + 1, th)
                    .putOwned(MixtureForward.taskW2(t), Arrays.copyOf(w2, (cols + 1) * th), cols + 1, th)
                    .putOwned(MixtureForward.taskB2(t), b2, cols + 1);
            grownCandidates[t] = Arrays.copyOf(candidates[t], cols + 1);
            grownCandidates[t][cols] = models;
        }
        return new QualityEstimator(config, inputDim, models + 1, grownCandidates, grown.build());
    }

    /**
     * A row-major matrix of {@code rows} × {@code width} with {@code extra} more columns per row: a copy of the row's
     * columns [from, from + extra), or zeros when {@code from} is negative.
     */
    private static float[] widenRows(float[] values, int rows, int width, int from, int extra) {
        float[] out = new float[rows * (width + extra)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * width, out, r * (width + extra), width);
            if (from >= 0) {
                System.arraycopy(values, r * width + from, out, r * (width + extra) + width, extra);
            }
        }
        return out;
    }

    /** {@code values} (models blocks of {@code block} floats) with a copy of block {@code donor} appended. */
    private static float[] appendBlock(float[] values, int donor, int block) {
        float[] out = Arrays.copyOf(values, values.length + block);
        System.arraycopy(values, donor * block, out, values.length, block);
        return out;
    }

    /** Row offsets within [from, to) of prompts with task t, relative to {@code from}. */
    private static int[] members(int[] tasks, int from, int to, int t) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (tasks[i] == t) {
                count++;
            }
        }
        int[] m = new int[count];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (tasks[i] == t) {
                m[k++] = i - from;
            }
        }
        return m;
    }

    /**
     * Mean squared error of {@link #predict} against the known scores of {@code data} (missing scores ignored), using
     * the task labels in {@code data}.
     *
     * @return the MSE, or NaN when no score is known
     * @throws EngineException when PyTorch fails
     */
    public double meanSquaredError(PromptScores data) throws EngineException {
        float[] predicted = predict(data.embeddings(), data.n(), data.tasks());
        double sum = 0;
        long count = 0;
        for (int i = 0; i < predicted.length; i++) {
            float y = data.scores()[i];
            if (!Float.isNaN(y)) {
                double d = predicted[i] - y;
                sum += d * d;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Writes {@value #JSON_FILE} and {@value #PARAMS_FILE} into {@code dir}. */
    public void save(Path dir) throws EngineException {
        ParameterIO.write(parameters, dir.resolve(PARAMS_FILE));
        ModelFiles.writeJson(dir.resolve(JSON_FILE), new Saved(FORMAT, FORMAT_VERSION, config, inputDim, models, candidates));
    }

    /** Reads an estimator written by {@link #save}. */
    public static QualityEstimator load(Path dir) throws EngineException {
        Path json = dir.resolve(JSON_FILE);
        Saved saved = ModelFiles.readJson(json, Saved.class);
        ModelFiles.requireFormat(json, saved.format(), saved.version(), FORMAT, FORMAT_VERSION);
        ParameterSet params = ParameterIO.read(dir.resolve(PARAMS_FILE));
        try {
            validate(saved.candidates(), saved.models());
        } catch (IllegalArgumentException e) {
            throw new EngineException(json + " is inconsistent: " + e.getMessage(), "train again or use a complete bundle", e);
        }
        for (String name : new String[] {MixtureForward.ENC_W, MixtureForward.ENC_B, MixtureForward.MODEL_EMBEDDING, MixtureForward.G_W1E,
                MixtureForward.G_W1M, MixtureForward.G_B1, MixtureForward.G_W2, MixtureForward.G_B2}) {
            if (!params.contains(name)) {
                throw new EngineException(dir.resolve(PARAMS_FILE) + " lacks " + name, "train again or use a complete bundle", null);
            }
        }
        return new QualityEstimator(saved.config(), saved.inputDim(), saved.models(), saved.candidates(), params);
    }

    /** The JSON side file. */
    record Saved(String format, int version, EstimatorConfig config, int inputDim, int models, int[][] candidates) {
    }

    private static void validate(int[][] candidates, int models) {
        Objects.requireNonNull(candidates, "candidates");
        for (int t = 0; t < candidates.length; t++) {
            int[] c = candidates[t];
            Objects.requireNonNull(c, "candidates of task " + t);
            if (Arrays.stream(c).distinct().count() != c.length) {
                throw new IllegalArgumentException("task " + t + " lists a candidate twice");
            }
            for (int k : c) {
                if (k < 0 || k >= models) {
                    throw new IllegalArgumentException("task " + t + " has candidate " + k + " outside 0.." + (models - 1));
                }
            }
        }
    }

    private static void checkTasks(int[] tasks, int taskCount) {
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] >= taskCount) {
                throw new IllegalArgumentException("prompt " + i + " has task " + tasks[i] + " but there are " + taskCount + " tasks");
            }
        }
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The hyperparameters it was trained with. */
    public EstimatorConfig config() {
        return config;
    }

    /** Embedding dimension expected by {@link #predict}. */
    public int inputDim() {
        return inputDim;
    }

    /** Number of models (columns of the prediction). */
    public int models() {
        return models;
    }

    /** Number of tasks. */
    public int taskCount() {
        return candidates.length;
    }

    /** The candidate models of task t (a copy). */
    public int[] candidates(int t) {
        return candidates[t].clone();
    }

    /** The trained weights. */
    public ParameterSet parameters() {
        return parameters;
    }
}

package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.Adam;

import java.util.SplittableRandom;

/**
 * Baseline in the style of RouteLLM's matrix factorisation: score(p, M) = σ(⟨W·e(p), v_M⟩ + b_M) with a projection
 * W (rank × dim), one vector v_M and bias b_M per model. Trained in pure Java with AdamW on the mean squared error
 * over the present training scores (missing scores contribute nothing), seeded; the epoch count is chosen on dev by
 * Qual at λ = 0 (early stopping, best epoch kept). Routes by argmax of the predicted scores, or with the cost knob
 * by {@link ToleranceChoice}.
 */
public final class MatrixFactorizationRouter implements RouterUnderTest {
    /**
     * Training settings.
     *
     * @param rank latent dimension (> 0)
     * @param learningRate AdamW learning rate (> 0)
     * @param weightDecay decoupled weight decay on W and v (>= 0)
     * @param batchSize prompts per mini-batch (> 0)
     * @param maxEpochs maximum epochs (> 0)
     * @param patience epochs without dev improvement before stopping (> 0)
     * @param seed seed for initialisation and shuffling
     */
    public record Config(int rank, double learningRate, double weightDecay, int batchSize, int maxEpochs, int patience,
                         long seed) {
        /** Defaults: rank 16, lr 3e-3, wd 1e-4, batch 32, ≤ 60 epochs, patience 8, seed 42. */
        public static final Config DEFAULT = new Config(16, 3e-3, 1e-4, 32, 60, 8, 42);

        /** Validates. */
        public Config {
            if (rank <= 0 || !(learningRate > 0) || !(weightDecay >= 0) || batchSize <= 0 || maxEpochs <= 0 || patience <= 0) {
                throw new IllegalArgumentException("invalid MF config");
            }
        }
    }

    private final int d;
    private final int r;
    private final int m;
    private final double[] params;
    private final int epochs;

    private MatrixFactorizationRouter(int d, int r, int m, double[] params, int epochs) {
        this.d = d;
        this.r = r;
        this.m = m;
        this.params = params;
        this.epochs = epochs;
    }

    /** Trains on train, early-stops on dev (runs {@code maxEpochs} when dev is empty). */
    public static MatrixFactorizationRouter fit(EvaluationData data, Config config) {
        try {
            return fit(data, config, StageContext.silent(config.seed()));
        } catch (CancelledException e) {
            throw new IllegalStateException("a silent context is never cancelled", e);
        }
    }

    /**
     * As {@link #fit(EvaluationData, Config)}, checking {@code ctx} for cancellation before each epoch.
     *
     * @throws CancelledException when cancelled
     */
    public static MatrixFactorizationRouter fit(EvaluationData data, Config config, StageContext ctx) throws CancelledException {
        int d = data.dim();
        int r = config.rank();
        int m = data.models();
        int vOff = r * d;
        int bOff = vOff + m * r;
        int size = bOff + m;
        double[] params = new double[size];
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int i = 0; i < r * d; i++) {
            params[i] = MlpRouter.gaussian(random) * Math.sqrt(1.0 / d);
        }
        for (int i = 0; i < m * r; i++) {
            params[vOff + i] = MlpRouter.gaussian(random) * Math.sqrt(1.0 / r);
        }
        int[] train = data.train();
        for (int j = 0; j < m; j++) {
            double sum = 0;
            int count = 0;
            for (int row : train) {
                float s = data.score(row, j);
                if (!Float.isNaN(s)) {
                    sum += s;
                    count++;
                }
            }
            double mean = count == 0 ? 0.5 : Math.min(0.99, Math.max(0.01, sum / count));
            params[bOff + j] = Math.log(mean / (1 - mean));
        }
        MatrixFactorizationRouter net = new MatrixFactorizationRouter(d, r, m, params, 0);
        EvaluationSplit dev = data.split(Split.DEV);
        Adam adam = new Adam(size, config.learningRate(), config.weightDecay());
        double[] grad = new double[size];
        DevSelection selection = new DevSelection(dev.size(), config.patience(), params);
        int[] order = train.clone();
        double[] u = new double[r];
        double[] du = new double[r];
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            ctx.checkCancelled();
            MlpRouter.shuffle(order, random);
            for (int start = 0; start < order.length; start += config.batchSize()) {
                int end = Math.min(order.length, start + config.batchSize());
                java.util.Arrays.fill(grad, 0);
                int present = 0;
                for (int b = start; b < end; b++) {
                    for (int j = 0; j < m; j++) {
                        if (data.dataset().scores().isPresent(order[b], j)) {
                            present++;
                        }
                    }
                }
                if (present == 0) {
                    continue;
                }
                double scale = 1.0 / present;
                for (int b = start; b < end; b++) {
                    net.accumulate(data, order[b], scale, grad, u, du);
                }
                adam.step(params, grad, bOff);
            }
            if (selection.afterEpoch(epoch, params, () -> EvaluationMetrics.qual(dev, net.route(dev, 0)))) {
                break;
            }
        }
        return new MatrixFactorizationRouter(d, r, m, selection.best(), selection.bestEpoch());
    }

    /** Epochs of the kept parameters (chosen on dev). */
    public int epochs() {
        return epochs;
    }

    @Override
    public String name() {
        return "MF";
    }

    @Override
    public boolean hasCostKnob() {
        return true;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        EvaluationData data = split.data();
        int[] out = new int[split.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ToleranceChoice.choose(predict(data, split.row(i)), data, split.row(i), tolerance);
        }
        return out;
    }

    /** Predicted score per model for one row, in (0, 1). */
    public double[] predict(EvaluationData data, int row) {
        double[] u = project(data, row, new double[r]);
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = sigmoid(logit(u, j));
        }
        return out;
    }

    private double[] project(EvaluationData data, int row, double[] u) {
        for (int a = 0; a < r; a++) {
            double s = 0;
            int o = a * d;
            for (int k = 0; k < d; k++) {
                s += params[o + k] * data.embedding(row, k);
            }
            u[a] = s;
        }
        return u;
    }

    private double logit(double[] u, int j) {
        int vOff = r * d + j * r;
        double s = params[r * d + m * r + j];
        for (int a = 0; a < r; a++) {
            s += params[vOff + a] * u[a];
        }
        return s;
    }

    private void accumulate(EvaluationData data, int row, double scale, double[] grad, double[] u, double[] du) {
        project(data, row, u);
        java.util.Arrays.fill(du, 0);
        int bOff = r * d + m * r;
        for (int j = 0; j < m; j++) {
            float y = data.score(row, j);
            if (Float.isNaN(y)) {
                continue;
            }
            double s = sigmoid(logit(u, j));
            double g = 2 * (s - y) * s * (1 - s) * scale;
            grad[bOff + j] += g;
            int vOff = r * d + j * r;
            for (int a = 0; a < r; a++) {
                grad[vOff + a] += g * u[a];
                du[a] += g * params[vOff + a];
            }
        }
        for (int a = 0; a < r; a++) {
            int o = a * d;
            for (int k = 0; k < d; k++) {
                grad[o + k] += du[a] * data.embedding(row, k);
            }
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}

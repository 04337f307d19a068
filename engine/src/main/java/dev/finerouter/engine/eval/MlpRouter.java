package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.Adam;

import java.util.SplittableRandom;

/**
 * Baseline: a one-hidden-layer MLP (ReLU) classifying the prompt embedding into its best model, trained in pure
 * Java (no DJL: the network is tiny, and pure Java keeps the baseline deterministic and device-free).
 *
 * <p>Target: softmax cross-entropy against the uniform distribution over the models tied for the best known score
 * (the "index of the best model", with ties shared instead of broken arbitrarily). Training prompts with no known
 * score, or whose known scores are all equal (no preference), are left out. AdamW, mini-batches, seeded
 * initialisation and shuffling; the epoch count is chosen on dev by Qual (early stopping with patience), and the
 * parameters of the best dev epoch are kept. Routes by argmax of the predicted probabilities; no cost knob.
 */
public final class MlpRouter implements RouterUnderTest {
    /**
     * Training settings.
     *
     * @param hidden hidden units (> 0)
     * @param learningRate AdamW learning rate (> 0)
     * @param weightDecay AdamW decoupled weight decay (>= 0)
     * @param batchSize mini-batch size (> 0)
     * @param maxEpochs maximum epochs (> 0)
     * @param patience epochs without dev improvement before stopping (> 0)
     * @param seed seed for initialisation and shuffling
     */
    public record Config(int hidden, double learningRate, double weightDecay, int batchSize, int maxEpochs, int patience,
                         long seed) {
        /** Defaults: 128 hidden, lr 1e-3, wd 1e-4, batch 32, ≤ 40 epochs, patience 5, seed 42. */
        public static final Config DEFAULT = new Config(128, 1e-3, 1e-4, 32, 40, 5, 42);

        /** Validates. */
        public Config {
            if (hidden <= 0 || !(learningRate > 0) || !(weightDecay >= 0) || batchSize <= 0 || maxEpochs <= 0 || patience <= 0) {
                throw new IllegalArgumentException("invalid MLP config");
            }
        }

        /** This config with another seed. */
        public Config withSeed(long newSeed) {
            return new Config(hidden, learningRate, weightDecay, batchSize, maxEpochs, patience, newSeed);
        }
    }

    private final int d;
    private final int h;
    private final int m;
    private final double[] params;
    private final int epochs;

    private MlpRouter(int d, int h, int m, double[] params, int epochs) {
        this.d = d;
        this.h = h;
        this.m = m;
        this.params = params;
        this.epochs = epochs;
    }

    /** Trains on train, early-stops on dev (a fixed {@code maxEpochs} when dev is empty). */
    public static MlpRouter fit(EvaluationData data, Config config) {
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
    public static MlpRouter fit(EvaluationData data, Config config, StageContext ctx) throws CancelledException {
        int d = data.dim();
        int h = config.hidden();
        int m = data.models();
        int[] trainRows = data.train();
        int n0 = 0;
        int[] rows = new int[trainRows.length];
        double[][] targets = new double[trainRows.length][];
        for (int r : trainRows) {
            double[] y = target(data, r);
            if (y != null) {
                rows[n0] = r;
                targets[n0++] = y;
            }
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        int size = h * d + h + m * h + m;
        double[] params = new double[size];
        double s1 = Math.sqrt(2.0 / d);
        double s2 = Math.sqrt(1.0 / h);
        for (int i = 0; i < h * d; i++) {
            params[i] = gaussian(random) * s1;
        }
        int w2 = h * d + h;
        for (int i = 0; i < m * h; i++) {
            params[w2 + i] = gaussian(random) * s2;
        }
        MlpRouter net = new MlpRouter(d, h, m, params, 0);
        EvaluationSplit dev = data.split(Split.DEV);
        Adam adam = new Adam(size, config.learningRate(), config.weightDecay());
        double[] grad = new double[size];
        DevSelection selection = new DevSelection(dev.size(), config.patience(), params);
        int[] order = new int[n0];
        for (int i = 0; i < n0; i++) {
            order[i] = i;
        }
        double[] z1 = new double[h];
        double[] p = new double[m];
        for (int epoch = 1; epoch <= config.maxEpochs() && n0 > 0; epoch++) {
            ctx.checkCancelled();
            shuffle(order, random);
            for (int start = 0; start < n0; start += config.batchSize()) {
                int end = Math.min(n0, start + config.batchSize());
                java.util.Arrays.fill(grad, 0);
                double scale = 1.0 / (end - start);
                for (int b = start; b < end; b++) {
                    int idx = order[b];
                    net.backward(data, rows[idx], targets[idx], scale, grad, z1, p);
                }
                adam.step(params, grad, h * d + h + m * h + m);
            }
            if (selection.afterEpoch(epoch, params, () -> EvaluationMetrics.qual(dev, net.route(dev, 0)))) {
                break;
            }
        }
        return new MlpRouter(d, h, m, selection.best(), selection.bestEpoch());
    }

    /** Epochs of the kept parameters (chosen on dev). */
    public int epochs() {
        return epochs;
    }

    @Override
    public String name() {
        return "MLP";
    }

    @Override
    public boolean hasCostKnob() {
        return false;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        EvaluationData data = split.data();
        int[] out = new int[split.size()];
        double[] z1 = new double[h];
        double[] p = new double[m];
        for (int i = 0; i < out.length; i++) {
            forward(data, split.row(i), z1, p);
            int best = 0;
            for (int j = 1; j < m; j++) {
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Predicted probability per model for one row. */
    public double[] probabilities(EvaluationData data, int row) {
        double[] p = new double[m];
        forward(data, row, new double[h], p);
        return p;
    }

    private void forward(EvaluationData data, int row, double[] z1, double[] p) {
        int b1 = h * d;
        int w2 = b1 + h;
        int b2 = w2 + m * h;
        for (int u = 0; u < h; u++) {
            double s = params[b1 + u];
            int o = u * d;
            for (int k = 0; k < d; k++) {
                s += params[o + k] * data.embedding(row, k);
            }
            z1[u] = s;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            double s = params[b2 + j];
            int o = w2 + j * h;
            for (int u = 0; u < h; u++) {
                if (z1[u] > 0) {
                    s += params[o + u] * z1[u];
                }
            }
            p[j] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            p[j] = Math.exp(p[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < m; j++) {
            p[j] /= sum;
        }
    }

    private void backward(EvaluationData data, int row, double[] y, double scale, double[] grad, double[] z1, double[] p) {
        forward(data, row, z1, p);
        int b1 = h * d;
        int w2 = b1 + h;
        int b2 = w2 + m * h;
        double[] da = new double[h];
        for (int j = 0; j < m; j++) {
            double g = (p[j] - y[j]) * scale;
            grad[b2 + j] += g;
            int o = w2 + j * h;
            for (int u = 0; u < h; u++) {
                if (z1[u] > 0) {
                    grad[o + u] += g * z1[u];
                    da[u] += g * params[o + u];
                }
            }
        }
        for (int u = 0; u < h; u++) {
            if (z1[u] <= 0 || da[u] == 0) {
                continue;
            }
            grad[b1 + u] += da[u];
            int o = u * d;
            for (int k = 0; k < d; k++) {
                grad[o + k] += da[u] * data.embedding(row, k);
            }
        }
    }

    /** Uniform over the tied-best known models; null when nothing is known or all known scores are equal. */
    static double[] target(EvaluationData data, int row) {
        int m = data.models();
        float best = Float.NEGATIVE_INFINITY;
        float worst = Float.POSITIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            float s = data.score(row, j);
            if (!Float.isNaN(s)) {
                best = Math.max(best, s);
                worst = Math.min(worst, s);
            }
        }
        if (best == Float.NEGATIVE_INFINITY || best == worst) {
            return null;
        }
        double[] y = new double[m];
        int ties = 0;
        for (int j = 0; j < m; j++) {
            if (data.score(row, j) == best) {
                ties++;
            }
        }
        for (int j = 0; j < m; j++) {
            if (data.score(row, j) == best) {
                y[j] = 1.0 / ties;
            }
        }
        return y;
    }

    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

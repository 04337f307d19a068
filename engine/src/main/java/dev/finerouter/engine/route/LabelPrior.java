package dev.finerouter.engine.route;

import dev.finerouter.engine.train.Adam;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A second prior for the robust rule, from the labels the routing data itself carries (its {@code task} field:
 * the benchmark a prompt came from). Routing data is usually assembled from benchmarks, and which benchmark a prompt
 * belongs to says much about which model answers it; a new prompt has no label, so it is predicted from the text:
 *
 * <ul>
 *   <li>P(l | x) = softmax(W·[x; 1]): multinomial logistic regression on the prompt embedding, fitted by
 *       {@link #fitWeights} (seeded mini-batch AdamW, a fixed number of epochs).</li>
 *   <li>μ_{l,M}: model M's mean known score over the remembered prompts labelled l, shrunk toward the general mean
 *       g_M with κ pseudo-prompts (as the task statistics are).</li>
 *   <li>The prior of a prompt: Σ_l P(l | x)·μ_l, which the rule's local estimate is shrunk toward instead of the
 *       task prior when the tuner found it to route its left-out prompts better ({@link RobustRuleTuner}).</li>
 * </ul>
 *
 * @param labels the label names, label {@code l} at index {@code l} (at least two)
 * @param dimension the embedding dimension
 * @param weights row-major (dimension + 1) × labels: the last row is the bias
 * @param labelMean μ_{l,M}, one row of models per label
 */
public record LabelPrior(List<String> labels, int dimension, float[] weights, float[][] labelMean) {
    /** Most labels a prior is built for: beyond it a label names hardly more than a few prompts. */
    public static final int MAX_LABELS = 256;
    /** Epochs of {@link #fitWeights}. */
    static final int EPOCHS = 20;
    /** Mini-batch size of {@link #fitWeights}. */
    static final int BATCH = 64;
    /** AdamW learning rate of {@link #fitWeights}. */
    static final double LEARNING_RATE = 0.01;
    /** AdamW decoupled weight decay of {@link #fitWeights}. */
    static final double WEIGHT_DECAY = 1e-5;

    public LabelPrior {
        labels = List.copyOf(labels);
        int l = labels.size();
        if (l < 2 || l > MAX_LABELS) {
            throw new IllegalArgumentException("a label prior needs 2 to " + MAX_LABELS + " labels, got " + l);
        }
        if (dimension <= 0 || weights.length != (long) (dimension + 1) * l) {
            throw new IllegalArgumentException("label weights must be (" + dimension + " + 1) × " + l + ", got " + weights.length);
        }
        if (labelMean.length != l || labelMean[0].length == 0) {
            throw new IllegalArgumentException("label means must have one row per label (" + l + ")");
        }
        for (float[] row : labelMean) {
            if (row.length != labelMean[0].length) {
                throw new IllegalArgumentException("label means must have the same number of models in every row");
            }
        }
        weights = weights.clone();
        labelMean = Arrays.stream(labelMean).map(float[]::clone).toArray(float[][]::new);
    }

    /** Number of labels. */
    public int size() {
        return labels.size();
    }

    /** Number of models the label means cover. */
    public int models() {
        return labelMean[0].length;
    }

    /**
     * P(l | x) of n embedded prompts.
     *
     * @param embeddings row-major n × {@link #dimension}
     * @return row-major n × {@link #size} probabilities
     */
    public float[] probabilities(float[] embeddings, int n) {
        if (embeddings.length != (long) n * dimension) {
            throw new IllegalArgumentException(n + " prompts of dimension " + dimension + " need " + (long) n * dimension
                    + " floats, got " + embeddings.length);
        }
        int l = size();
        float[] out = new float[n * l];
        double[] z = new double[l];
        double[] w = new double[weights.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = weights[k];
        }
        for (int i = 0; i < n; i++) {
            logits(w, dimension, l, embeddings, i * dimension, z);
            softmaxInPlace(z);
            for (int c = 0; c < l; c++) {
                out[i * l + c] = (float) z[c];
            }
        }
        return out;
    }

    /** The prior Σ_l P(l | x)·μ_l of one prompt, its probabilities from {@code offset}. */
    public double[] prior(float[] probabilities, int offset) {
        return prior(probabilities, offset, labelMean);
    }

    /** Σ_l p_l·μ_l for given label means. */
    static double[] prior(float[] probabilities, int offset, float[][] means) {
        double[] out = new double[means[0].length];
        for (int c = 0; c < means.length; c++) {
            double p = probabilities[offset + c];
            if (p > 0) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += p * means[c][j];
                }
            }
        }
        return out;
    }

    /** The same prior with one more model whose label means are {@code column} (onboarding). */
    public LabelPrior withModel(float[] column) {
        if (column.length != size()) {
            throw new IllegalArgumentException("the new model needs one mean per label (" + size() + "), got " + column.length);
        }
        float[][] means = new float[size()][];
        for (int c = 0; c < means.length; c++) {
            means[c] = Arrays.copyOf(labelMean[c], models() + 1);
            means[c][models()] = column[c];
        }
        return new LabelPrior(labels, dimension, weights, means);
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public float[][] labelMean() {
        return Arrays.stream(labelMean).map(float[]::clone).toArray(float[][]::new);
    }

    /**
     * The sums behind the label means: {@code [0][l][M]} = Σ s_iM and {@code [1][l][M]} = the number of prompts
     * labelled l with a known score for M, over the remembered prompts (label −1: unlabelled, left out).
     */
    static double[][][] labelSums(RouterMemory memory, int[] labelOf, int labels) {
        int m = memory.models();
        double[][] sum = new double[labels][m];
        double[][] count = new double[labels][m];
        for (int i = 0; i < memory.size(); i++) {
            int l = labelOf[i];
            if (l < 0) {
                continue;
            }
            for (int j = 0; j < m; j++) {
                float s = memory.score(i, j);
                if (!Float.isNaN(s)) {
                    sum[l][j] += s;
                    count[l][j]++;
                }
            }
        }
        return new double[][][] {sum, count};
    }

    /**
     * Fits the weights W: multinomial logistic regression of the labels on the embeddings, by mini-batch AdamW
     * ({@value #EPOCHS} epochs of {@value #BATCH} prompts, learning rate {@value #LEARNING_RATE}, weight decay
     * {@value #WEIGHT_DECAY} on W but not the bias), from zero weights, the prompts shuffled by {@code seed}: the same
     * input and seed give the same weights. Prompts labelled −1 are left out.
     *
     * @param embeddings row-major embeddings, {@code dimension} per prompt
     * @param rows the prompts to fit on (indices into {@code embeddings})
     * @param labelOf label per prompt (−1: none), indexed like {@code embeddings}
     * @param labels number of labels
     * @return row-major (dimension + 1) × labels
     */
    public static float[] fitWeights(float[] embeddings, int dimension, int[] rows, int[] labelOf, int labels, long seed) {
        int[] use = Arrays.stream(rows).filter(r -> labelOf[r] >= 0).toArray();
        int size = (dimension + 1) * labels;
        double[] w = new double[size];
        double[] grad = new double[size];
        double[] z = new double[labels];
        Adam adam = new Adam(size, LEARNING_RATE, WEIGHT_DECAY);
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = use.clone();
        for (int epoch = 0; epoch < EPOCHS && order.length > 0; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                Arrays.fill(grad, 0);
                for (int b = start; b < end; b++) {
                    int r = order[b];
                    int off = r * dimension;
                    logits(w, dimension, labels, embeddings, off, z);
                    softmaxInPlace(z);
                    z[labelOf[r]] -= 1;
                    for (int d = 0; d < dimension; d++) {
                        double x = embeddings[off + d];
                        int row = d * labels;
                        for (int c = 0; c < labels; c++) {
                            grad[row + c] += x * z[c];
                        }
                    }
                    int bias = dimension * labels;
                    for (int c = 0; c < labels; c++) {
                        grad[bias + c] += z[c];
                    }
                }
                double scale = 1.0 / (end - start);
                for (int k = 0; k < size; k++) {
                    grad[k] *= scale;
                }
                adam.step(w, grad, dimension * labels);
            }
        }
        float[] out = new float[size];
        for (int k = 0; k < size; k++) {
            out[k] = (float) w[k];
        }
        return out;
    }

    /** z = W·[x; 1] for the embedding at {@code offset}. */
    private static void logits(double[] w, int dimension, int labels, float[] x, int offset, double[] z) {
        int bias = dimension * labels;
        for (int c = 0; c < labels; c++) {
            z[c] = w[bias + c];
        }
        for (int d = 0; d < dimension; d++) {
            double v = x[offset + d];
            int row = d * labels;
            for (int c = 0; c < labels; c++) {
                z[c] += v * w[row + c];
            }
        }
    }

    private static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
    }
}

package dev.finerouter.engine.train;

/**
 * The quality estimator's forward pass ({@link MixtureForward}) in plain Java arrays, for inference. Built once per
 * estimator from its {@link ParameterSet}: the large matrices (encoder layer, the general adapters' prompt block
 * W1e, the task adapters) are shared with the parameter set, not copied, and the prompt-independent part of the
 * general adapters' first layer, {@code E_k·W1m_k + b1_k}, is multiplied out once (models × hidden). Immutable and
 * thread-safe; only activations are allocated per call.
 *
 * <p>Per prompt: {@code e = GELU(x·W_enc + b_enc)}; general logit of model k
 * {@code w2_k · GELU(e·W1e_k + E_k·W1m_k + b1_k) + b2_k}; for a prompt of task t with adapters, each candidate's logit
 * gains {@code u2_tk · GELU(e·U1_tk + c1_tk) + c2_tk}; the output is the sigmoid. {@link QualityEstimator#predictTorch}
 * is the DJL reference it is tested against.
 */
final class EstimatorHeads {
    private final int inputDim;
    private final int encoderDim;
    private final int models;
    private final int hidden;
    private final float[] encoderWeight;
    private final float[] encoderBias;
    private final float[] promptWeight;
    private final float[] modelTerm;
    private final float[] outputWeight;
    private final float[] outputBias;
    private final TaskHead[] taskHeads;

    /** One task's residual adapters: first layer encoderDim × (candidates·hidden), output weights and biases. */
    private record TaskHead(int[] columns, int hidden, float[] w1, float[] b1, float[] w2, float[] b2) {
    }

    private EstimatorHeads(int inputDim, int encoderDim, int models, int hidden, float[] encoderWeight, float[] encoderBias, float[] promptWeight,
                           float[] modelTerm, float[] outputWeight, float[] outputBias, TaskHead[] taskHeads) {
        this.inputDim = inputDim;
        this.encoderDim = encoderDim;
        this.models = models;
        this.hidden = hidden;
        this.encoderWeight = encoderWeight;
        this.encoderBias = encoderBias;
        this.promptWeight = promptWeight;
        this.modelTerm = modelTerm;
        this.outputWeight = outputWeight;
        this.outputBias = outputBias;
        this.taskHeads = taskHeads;
    }

    /**
     * @param p the estimator's parameters
     * @param inputDim sentence embedding dimension
     * @param models number of models
     * @param candidates candidate columns of each task (tasks without adapter weights are predicted by the general
     *     adapters only, as in {@link QualityEstimator#predictTorch})
     */
    static EstimatorHeads of(ParameterSet p, int inputDim, int models, int[][] candidates) {
        long[] enc = p.shape(MixtureForward.ENC_W);
        long[] emb = p.shape(MixtureForward.MODEL_EMBEDDING);
        long[] b1s = p.shape(MixtureForward.G_B1);
        if (enc.length != 2 || enc[0] != inputDim || emb.length != 2 || emb[0] != models || b1s.length != 2 || b1s[0] != models) {
            throw new IllegalArgumentException("estimator parameters have inconsistent shapes");
        }
        int h = (int) enc[1];
        int m = (int) emb[1];
        int hid = (int) b1s[1];
        float[] w1e = p.raw(MixtureForward.G_W1E);
        float[] w1m = p.raw(MixtureForward.G_W1M);
        float[] b1 = p.raw(MixtureForward.G_B1);
        float[] e = p.raw(MixtureForward.MODEL_EMBEDDING);
        if (w1e.length != h * models * hid || w1m.length != models * m * hid || p.raw(MixtureForward.G_W2).length != models * hid
                || p.raw(MixtureForward.G_B2).length != models || p.raw(MixtureForward.ENC_B).length != h) {
            throw new IllegalArgumentException("estimator parameters have inconsistent shapes");
        }
        float[] modelTerm = new float[models * hid];
        for (int k = 0; k < models; k++) {
            for (int j = 0; j < hid; j++) {
                double s = 0;
                for (int c = 0; c < m; c++) {
                    s += (double) e[k * m + c] * w1m[(k * m + c) * hid + j];
                }
                modelTerm[k * hid + j] = (float) s + b1[k * hid + j];
            }
        }
        TaskHead[] heads = new TaskHead[candidates.length];
        for (int t = 0; t < candidates.length; t++) {
            int[] cols = candidates[t];
            if (cols.length == 0 || !p.contains(MixtureForward.taskW1(t))) {
                continue;
            }
            long[] tb1 = p.shape(MixtureForward.taskB1(t));
            if (tb1.length != 2 || tb1[0] != cols.length) {
                throw new IllegalArgumentException("task " + t + " has adapters for " + tb1[0] + " candidates, not " + cols.length);
            }
            int th = (int) tb1[1];
            float[] tw1 = p.raw(MixtureForward.taskW1(t));
            if (tw1.length != h * cols.length * th || p.raw(MixtureForward.taskW2(t)).length != cols.length * th
                    || p.raw(MixtureForward.taskB2(t)).length != cols.length) {
                throw new IllegalArgumentException("task " + t + " adapters have inconsistent shapes");
            }
            heads[t] = new TaskHead(cols.clone(), th, tw1, p.raw(MixtureForward.taskB1(t)), p.raw(MixtureForward.taskW2(t)),
                    p.raw(MixtureForward.taskB2(t)));
        }
        return new EstimatorHeads(inputDim, h, models, hid, p.raw(MixtureForward.ENC_W), p.raw(MixtureForward.ENC_B), w1e, modelTerm,
                p.raw(MixtureForward.G_W2), p.raw(MixtureForward.G_B2), heads);
    }

    /**
     * Predicted scores.
     *
     * @param x row-major n × inputDim sentence embeddings
     * @param n prompts
     * @param taskOfPrompt each prompt's task, or −1 (general adapters only); already validated by the caller
     * @return row-major n × models, in [0, 1]
     */
    float[] predict(float[] x, int n, int[] taskOfPrompt) {
        float[] out = new float[n * models];
        ArrayMath.forEachBlock(n, (from, rows) -> predictBlock(x, from, rows, taskOfPrompt, out));
        return out;
    }

    /** Rows [from, from + rows) of {@link #predict}, rows ≤ {@link ArrayMath#ROW_BLOCK}. */
    private void predictBlock(float[] x, int from, int rows, int[] taskOfPrompt, float[] out) {
        float[][] encoded = new float[rows][encoderDim];
        float[][] general = new float[rows][models * hidden];
        float[] logits = new float[rows * models];
        ArrayMath.affine(ArrayMath.rows(x, inputDim, from, rows), rows, inputDim, encoderWeight, encoderDim, encoderBias, encoded);
        for (int r = 0; r < rows; r++) {
            ArrayMath.gelu(encoded[r], 0, encoderDim);
        }
        ArrayMath.affine(encoded, rows, encoderDim, promptWeight, models * hidden, modelTerm, general);
        for (int r = 0; r < rows; r++) {
            float[] g = general[r];
            for (int k = 0; k < models; k++) {
                int base = k * hidden;
                double s = 0;
                for (int j = 0; j < hidden; j++) {
                    s += (double) ArrayMath.gelu(g[base + j]) * outputWeight[base + j];
                }
                logits[r * models + k] = (float) s + outputBias[k];
            }
        }
        addTaskResiduals(encoded, rows, taskOfPrompt, from, logits);
        for (int i = 0; i < rows * models; i++) {
            out[from * models + i] = ArrayMath.sigmoid(logits[i]);
        }
    }

    private void addTaskResiduals(float[][] encoded, int rows, int[] tasks, int from, float[] logits) {
        for (int t = 0; t < taskHeads.length; t++) {
            TaskHead head = taskHeads[t];
            if (head == null) {
                continue;
            }
            int members = 0;
            for (int i = 0; i < rows; i++) {
                if (tasks[from + i] == t) {
                    members++;
                }
            }
            if (members == 0) {
                continue;
            }
            int[] rowOf = new int[members];
            float[][] e = new float[members][];
            int k = 0;
            for (int i = 0; i < rows; i++) {
                if (tasks[from + i] == t) {
                    rowOf[k] = i;
                    e[k] = encoded[i];
                    k++;
                }
            }
            int width = head.columns().length;
            int th = head.hidden();
            float[][] hiddenValues = new float[members][width * th];
            ArrayMath.affine(e, members, encoderDim, head.w1(), width * th, head.b1(), hiddenValues);
            for (int i = 0; i < members; i++) {
                for (int c = 0; c < width; c++) {
                    int base = c * th;
                    double s = 0;
                    for (int j = 0; j < th; j++) {
                        s += (double) ArrayMath.gelu(hiddenValues[i][base + j]) * head.w2()[base + j];
                    }
                    float residual = (float) s + head.b2()[c];
                    logits[rowOf[i] * models + head.columns()[c]] += residual;
                }
            }
        }
    }
}

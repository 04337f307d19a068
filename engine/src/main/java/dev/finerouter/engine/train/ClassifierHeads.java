package dev.finerouter.engine.train;

/**
 * The task classifier's forward pass in plain Java arrays, for inference: {@code sigmoid(GELU(x·W_enc + b_enc)·P + b)}
 * with {@code P = B·Vᵀ} (bilinear map times the task vectors, projection × tasks) multiplied out once here, so a prompt
 * costs one encoder layer and one small product instead of two. Built once per classifier from its
 * {@link ParameterSet} (the encoder weights are shared with it, not copied), immutable and thread-safe; callers supply
 * only the prompts, and only activations are allocated per call.
 *
 * <p>{@link TaskClassifier#predictTorch} is the DJL reference this is tested against (same maths; the product is
 * associated differently, so results agree to float rounding, not bit for bit).
 */
final class ClassifierHeads {
    private final int inputDim;
    private final int projection;
    private final int tasks;
    private final float[] encoderWeight;
    private final float[] encoderBias;
    private final float[] taskMatrix;
    private final float[] taskBias;

    private ClassifierHeads(int inputDim, int projection, int tasks, float[] encoderWeight, float[] encoderBias, float[] taskMatrix,
                            float[] taskBias) {
        this.inputDim = inputDim;
        this.projection = projection;
        this.tasks = tasks;
        this.encoderWeight = encoderWeight;
        this.encoderBias = encoderBias;
        this.taskMatrix = taskMatrix;
        this.taskBias = taskBias;
    }

    /**
     * @param p the classifier's parameters (encoder, bilinear, task vectors, task biases)
     * @param inputDim the sentence embedding's dimension
     * @param tasks number of tasks
     */
    static ClassifierHeads of(ParameterSet p, String encW, String encB, String bilinear, String taskVectors, String taskBias,
                              int inputDim, int tasks) {
        long[] ws = p.shape(encW);
        long[] bs = p.shape(bilinear);
        long[] vs = p.shape(taskVectors);
        if (ws.length != 2 || ws[0] != inputDim || bs.length != 2 || bs[0] != ws[1] || vs.length != 2 || vs[0] != tasks || vs[1] != bs[1]
                || p.raw(encB).length != ws[1] || p.raw(taskBias).length != tasks) {
            throw new IllegalArgumentException("classifier parameters have inconsistent shapes");
        }
        int h = (int) ws[1];
        int d = (int) bs[1];
        float[] b = p.raw(bilinear);
        float[] v = p.raw(taskVectors);
        float[] m = new float[h * tasks];
        for (int a = 0; a < h; a++) {
            for (int t = 0; t < tasks; t++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += (double) b[a * d + c] * v[t * d + c];
                }
                m[a * tasks + t] = (float) s;
            }
        }
        return new ClassifierHeads(inputDim, h, tasks, p.raw(encW), p.raw(encB), m, p.raw(taskBias));
    }

    /**
     * Task probabilities sigmoid(s(p, t)).
     *
     * @param x row-major n × inputDim sentence embeddings
     * @param n prompts
     * @return row-major n × tasks
     */
    float[] probabilities(float[] x, int n) {
        if (x.length != (long) n * inputDim) {
            throw new IllegalArgumentException("expected " + n + " x " + inputDim + " embeddings, got " + x.length + " values");
        }
        float[] out = new float[n * tasks];
        ArrayMath.forEachBlock(n, (from, rows) -> {
            float[][] encoded = new float[rows][projection];
            float[][] logits = new float[rows][tasks];
            ArrayMath.affine(ArrayMath.rows(x, inputDim, from, rows), rows, inputDim, encoderWeight, projection, encoderBias, encoded);
            for (int r = 0; r < rows; r++) {
                ArrayMath.gelu(encoded[r], 0, projection);
            }
            ArrayMath.affine(encoded, rows, projection, taskMatrix, tasks, taskBias, logits);
            for (int r = 0; r < rows; r++) {
                for (int t = 0; t < tasks; t++) {
                    out[(from + r) * tasks + t] = ArrayMath.sigmoid(logits[r][t]);
                }
            }
        });
        return out;
    }
}

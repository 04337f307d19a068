package dev.finerouter.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The batched maths of the mixture of experts: all heads of a layer in one matrix product over stacked weights,
 * instead of a loop over models (see docs/decisions/0006 for the measurement).
 *
 * <p>General adapter of model k on encoded prompt e (the concatenation [e ; E_k] split into its two blocks):
 * <pre>  logit_k(e) = w2_k · GELU(e·W1e_k + E_k·W1m_k + b1_k) + b2_k</pre>
 * with W1e stacked as one encoderDim × (M·H) matrix and W1m as M × m × H. Residual task adapter of candidate k of task
 * t: {@code logit = logit_k(e) + u2_tk · GELU(e·U1_tk + c1_tk) + c2_tk}. Outputs are sigmoid(logit).
 */
final class MixtureForward {
    static final String ENC_W = "encoder.weight";
    static final String ENC_B = "encoder.bias";
    static final String MODEL_EMBEDDING = "model.embedding";
    static final String G_W1E = "general.w1e";
    static final String G_W1M = "general.w1m";
    static final String G_B1 = "general.hidden.bias";
    static final String G_W2 = "general.w2";
    static final String G_B2 = "general.output.bias";

    private MixtureForward() {
    }

    static String taskW1(int t) {
        return "task." + t + ".w1";
    }

    static String taskB1(int t) {
        return "task." + t + ".hidden.bias";
    }

    static String taskW2(int t) {
        return "task." + t + ".w2";
    }

    static String taskB2(int t) {
        return "task." + t + ".output.bias";
    }

    /** General logits, batch × M, from encoded prompts (batch × h). */
    static NDArray generalLogits(NDArray encoded, TrainableParameters p) {
        NDArray embedding = p.get(MODEL_EMBEDDING);
        NDArray w1m = p.get(G_W1M);
        NDArray b1 = p.get(G_B1);
        long batch = encoded.getShape().get(0);
        long models = b1.getShape().get(0);
        long hidden = b1.getShape().get(1);
        NDArray promptTerm = encoded.matMul(p.get(G_W1E)).reshape(new Shape(batch, models, hidden));
        NDArray modelTerm = embedding.expandDims(1).batchMatMul(w1m).reshape(new Shape(models, hidden)).add(b1);
        NDArray h = Activation.gelu(promptTerm.add(modelTerm));
        return h.mul(p.get(G_W2)).sum(new int[] {2}).add(p.get(G_B2));
    }

    /** Residual logits of task t's adapters, batch × candidates, from encoded prompts (batch × h). */
    static NDArray taskResidual(NDArray encoded, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
        long batch = encoded.getShape().get(0);
        long candidates = b1.getShape().get(0);
        long hidden = b1.getShape().get(1);
        NDArray h = Activation.gelu(encoded.matMul(w1).reshape(new Shape(batch, candidates, hidden)).add(b1));
        return h.mul(w2).sum(new int[] {2}).add(b2);
    }

    /** Mean of (prediction − target)² over entries whose mask is 1; {@code count} = number of such entries (≥ 1). */
    static NDArray maskedMse(NDArray prediction, NDArray target, NDArray mask, long count) {
        return prediction.sub(target).square().mul(mask).sum().div((float) Math.max(1, count));
    }
}

package dev.finerouter.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import java.util.Random;

/**
 * The trainable part of a prompt encoder: one dense layer with GELU, {@code e(p) = GELU(x W + b)}, applied to the
 * frozen sentence embedding {@code x} of the prompt (computed elsewhere; any dimension). Parameters are
 * {@code <prefix>.weight} (inputDim × outputDim) and {@code <prefix>.bias} (outputDim).
 */
final class PromptEncoder {
    /** Rows per chunk when encoding without gradients. */
    static final int CHUNK = 4096;

    private PromptEncoder() {
    }

    /**
     * Adds freshly initialised encoder parameters. With {@code identityWhenSquare} and equal dimensions the weight starts
     * as the identity (the layer starts close to passing the embedding through), else Glorot-uniform.
     */
    static void init(ParameterSet.Builder b, String prefix, int inputDim, int outputDim, Random random, boolean identityWhenSquare) {
        if (identityWhenSquare && inputDim == outputDim) {
            float[] w = new float[inputDim * outputDim];
            for (int i = 0; i < inputDim; i++) {
                w[i * outputDim + i] = 1f;
            }
            b.putOwned(prefix + ".weight", w, inputDim, outputDim);
        } else {
            b.xavier(prefix + ".weight", inputDim, outputDim, random, inputDim, outputDim);
        }
        b.zeros(prefix + ".bias", outputDim);
    }

    /** The encoded prompts (batch × outputDim). */
    static NDArray forward(NDArray x, NDArray weight, NDArray bias) {
        return Activation.gelu(x.matMul(weight).add(bias));
    }

    /**
     * Encodes many prompts without gradients, chunk by chunk, into a row-major Java array.
     *
     * @param embeddings row-major n × inputDim
     */
    static float[] encodeAll(NDManager manager, NDArray weight, NDArray bias, float[] embeddings, int n, int inputDim) {
        int outputDim = (int) weight.getShape().get(1);
        float[] out = new float[n * outputDim];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = manager.create(Batches.range(embeddings, inputDim, from, to), new Shape(to - from, inputDim));
                float[] e = forward(x, weight, bias).toFloatArray();
                System.arraycopy(e, 0, out, from * outputDim, e.length);
            }
        }
        return out;
    }
}

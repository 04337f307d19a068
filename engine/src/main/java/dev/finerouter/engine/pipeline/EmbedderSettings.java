package dev.finerouter.engine.pipeline;

import java.nio.file.Path;

/**
 * Which sentence encoder embeds task descriptions (and, in Stage 2, prompts).
 *
 * @param modelDir a folder with {@code model.onnx} and {@code tokenizer.json}, or {@code null} for a bundled
 *                 all-MiniLM-L6-v2
 * @param batchSize texts per ONNX Runtime call
 * @param int8 with no model folder: the int8-quantised bundled MiniLM instead of the fp32 one (decision 0015)
 */
public record EmbedderSettings(Path modelDir, int batchSize, boolean int8) {
    /** The bundled all-MiniLM-L6-v2 (fp32), batches of 64. */
    public static final EmbedderSettings BUNDLED = new EmbedderSettings(null, 64);
    /** The bundled int8-quantised all-MiniLM-L6-v2, batches of 64. */
    public static final EmbedderSettings BUNDLED_INT8 = new EmbedderSettings(null, 64, true);

    public EmbedderSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (int8 && modelDir != null) {
            throw new IllegalArgumentException("the int8 MiniLM is a bundled encoder; it cannot be combined with a model folder (" + modelDir + ")");
        }
    }

    /** A model folder (or, with {@code null}, the bundled fp32 MiniLM). */
    public EmbedderSettings(Path modelDir, int batchSize) {
        this(modelDir, batchSize, false);
    }
}

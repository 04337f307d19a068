package dev.finerouter.engine.pipeline;

import java.nio.file.Path;

/**
 * Which sentence encoder embeds task descriptions (and, in Stage 2, prompts).
 *
 * @param modelDir a folder with {@code model.onnx} and {@code tokenizer.json}, or {@code null} for the bundled
 *                 all-MiniLM-L6-v2
 * @param batchSize texts per ONNX Runtime call
 */
public record EmbedderSettings(Path modelDir, int batchSize) {
    /** The bundled all-MiniLM-L6-v2, batches of 64. */
    public static final EmbedderSettings BUNDLED = new EmbedderSettings(null, 64);

    public EmbedderSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
    }
}

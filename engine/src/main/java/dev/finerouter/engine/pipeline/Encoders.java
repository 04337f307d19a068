package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.embed.CachedEmbedder;
import dev.finerouter.engine.embed.DistinctEmbedder;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.OnnxSentenceEmbedder;

import java.nio.file.Path;

/**
 * Opens the sentence encoder a run is configured with, wrapped in its on-disk cache when there is a cache folder (and
 * otherwise in a {@link DistinctEmbedder}, so repeats are embedded once either way).
 */
public final class Encoders {
    private Encoders() {
    }

    /**
     * Opens the encoder.
     *
     * @param settings which encoder, batch size
     * @param cacheDir the run's cache folder, or {@code null} for no cache
     */
    public static Embedder open(EmbedderSettings settings, Path cacheDir) throws EngineException {
        OnnxSentenceEmbedder.Options options = OnnxSentenceEmbedder.Options.defaults().withBatchSize(settings.batchSize());
        Embedder inner = settings.modelDir() != null ? OnnxSentenceEmbedder.fromDirectory(settings.modelDir(), options)
                : settings.int8() ? OnnxSentenceEmbedder.allMiniLmL6V2Int8(options)
                : OnnxSentenceEmbedder.allMiniLmL6V2(options);
        return cached(inner, cacheDir);
    }

    /**
     * {@code inner} wrapped in the run's on-disk embedding cache (which then owns it), or, when {@code cacheDir} is
     * {@code null}, in a {@link DistinctEmbedder} (each distinct text embedded once, nothing stored); {@code inner} is
     * closed when the cache cannot be opened.
     */
    public static Embedder cached(Embedder inner, Path cacheDir) throws EngineException {
        if (cacheDir == null) {
            return new DistinctEmbedder(inner);
        }
        try {
            return CachedEmbedder.open(inner, cacheDir.resolve("embeddings"));
        } catch (EngineException e) {
            inner.close();
            throw e;
        }
    }
}

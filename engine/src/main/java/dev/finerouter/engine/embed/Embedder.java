package dev.finerouter.engine.embed;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.List;

/**
 * Turns texts into fixed-length vectors.
 *
 * <p>Implementations hold native resources (an ONNX Runtime session, a tokenizer, an open cache), so close them when
 * done. Unless an implementation says otherwise, {@link #embed} may be called from several threads, but calls may be
 * serialised internally.
 */
public interface Embedder extends AutoCloseable {
    /**
     * A stable identifier of everything that determines the vectors: model, model bytes (by hash), tokenizer,
     * truncation and pooling. Two embedders with the same id produce the same vectors for the same text, so the id
     * keys on-disk caches.
     */
    String id();

    /** The length of every vector this embedder produces. */
    int dimension();

    /**
     * Embeds texts, returning one row per text in the order given.
     *
     * @param texts the texts; none may be {@code null}
     * @param ctx receives progress between batches and is checked for cancellation between batches
     * @return {@code texts.size()} rows of {@link #dimension()} floats
     * @throws dev.finerouter.engine.stage.CancelledException when {@code ctx} is cancelled
     * @throws EngineException when the model fails in a way the user can act on
     */
    Embeddings embed(List<String> texts, StageContext ctx) throws EngineException;

    /** Releases native resources; the embedder cannot be used afterwards. Never throws. */
    @Override
    void close();
}

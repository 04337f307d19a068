package dev.finerouter.engine.embed;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.List;
import java.util.Objects;

/**
 * An {@link Embedder} that sends each distinct text once to the inner embedder and copies its vector to every
 * position that repeats it: what {@link CachedEmbedder} does for a run with a cache, for a run without one
 * ({@code --no-cache}). Task descriptions repeat a lot (the offline describer gives many prompts the same sentence), so
 * without it a run without a cache embedded every repeat again.
 *
 * <p>Owns the inner embedder: {@link #close()} closes it. Thread-safe when the inner embedder is.
 */
public final class DistinctEmbedder implements Embedder {
    private final Embedder inner;

    /** Wraps {@code inner}, which this embedder then owns. */
    public DistinctEmbedder(Embedder inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public Embeddings embed(List<String> texts, StageContext ctx) throws EngineException {
        DistinctTexts d = DistinctTexts.of(texts);
        if (d.texts().size() == texts.size()) {
            return inner.embed(texts, ctx);
        }
        ctx.log("embedding " + d.texts().size() + " distinct of " + texts.size() + " texts (no cache)");
        return d.expand(inner.embed(d.texts(), ctx).data(), inner.dimension());
    }

    @Override
    public void close() {
        inner.close();
    }
}

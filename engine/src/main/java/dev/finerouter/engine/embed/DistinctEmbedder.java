package dev.finerouter.engine.embed;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        int n = texts.size();
        Map<String, Integer> slot = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] slotOf = new int[n];
        for (int i = 0; i < n; i++) {
            String text = Objects.requireNonNull(texts.get(i), "text");
            Integer s = slot.get(text);
            if (s == null) {
                s = distinct.size();
                slot.put(text, s);
                distinct.add(text);
            }
            slotOf[i] = s;
        }
        if (distinct.size() == n) {
            return inner.embed(texts, ctx);
        }
        ctx.log("embedding " + distinct.size() + " distinct of " + n + " texts (no cache)");
        Embeddings e = inner.embed(distinct, ctx);
        int dim = e.dimension();
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(e.data(), slotOf[i] * dim, out, i * dim, dim);
        }
        return new Embeddings(out, n, dim);
    }

    @Override
    public void close() {
        inner.close();
    }
}

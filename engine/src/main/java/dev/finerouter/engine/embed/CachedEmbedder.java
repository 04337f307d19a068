package dev.finerouter.engine.embed;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Embedder} that looks texts up in an {@link EmbeddingCache} first and sends only the misses (each distinct
 * text once) to the inner embedder. Misses are embedded and stored in chunks, so a cancelled run keeps what it
 * finished.
 *
 * <p>Owns both the inner embedder and the cache: {@link #close()} closes them. Thread-safe when the inner embedder is.
 */
public final class CachedEmbedder implements Embedder {
    /** Misses embedded and committed to the cache per step (a cancellation loses at most this many). */
    public static final int DEFAULT_CHUNK = 1024;

    private final Embedder inner;
    private final EmbeddingCache cache;
    private final int chunk;
    private boolean noteLogged;

    /**
     * Wraps an embedder and its cache.
     *
     * @param inner computes the misses
     * @param cache must have been opened for {@code inner.id()} and {@code inner.dimension()}
     * @param chunk misses per embed-and-store step
     */
    public CachedEmbedder(Embedder inner, EmbeddingCache cache, int chunk) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.cache = Objects.requireNonNull(cache, "cache");
        if (!cache.embedderId().equals(inner.id()) || cache.dimension() != inner.dimension()) {
            throw new IllegalArgumentException("cache of " + cache.embedderId() + " used for " + inner.id());
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1: " + chunk);
        }
        this.chunk = chunk;
    }

    /**
     * Opens the cache for {@code inner} under {@code cacheRoot} (rebuilding it if corrupt) and wraps {@code inner}.
     * On failure {@code inner} is left open.
     *
     * @throws EngineException when the cache folder cannot be used
     */
    public static CachedEmbedder open(Embedder inner, Path cacheRoot) throws EngineException {
        EmbeddingCache cache = EmbeddingCache.open(cacheRoot, inner.id(), inner.dimension(), EmbeddingCache.Recovery.REBUILD);
        return new CachedEmbedder(inner, cache, DEFAULT_CHUNK);
    }

    /** The cache in use. */
    public EmbeddingCache cache() {
        return cache;
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
        synchronized (this) {
            if (!noteLogged && cache.recoveryNote() != null) {
                ctx.log(cache.recoveryNote());
            }
            noteLogged = true;
        }
        int n = texts.size();
        int dim = inner.dimension();
        DistinctTexts distinct = DistinctTexts.of(texts);
        int d = distinct.texts().size();
        float[] vectors = new float[d * dim];
        // Distinct missing texts, in first-seen order, with their slots.
        List<Integer> missSlots = new ArrayList<>();
        List<String> missOrder = new ArrayList<>();
        List<byte[]> missKeys = new ArrayList<>();
        for (int s = 0; s < d; s++) {
            String text = distinct.texts().get(s);
            byte[] key = EmbeddingCache.textKey(text);
            if (!cache.get(key, vectors, s * dim)) {
                missSlots.add(s);
                missOrder.add(text);
                missKeys.add(key);
            }
        }
        int misses = missOrder.size();
        if (misses > 0) {
            ctx.log("embedding " + misses + " of " + n + " texts (" + (n - misses) + " cached)");
        }
        for (int start = 0; start < misses; start += chunk) {
            ctx.checkCancelled();
            int end = Math.min(misses, start + chunk);
            List<String> part = missOrder.subList(start, end);
            Embeddings e = inner.embed(part, ctx.scaled((double) start / misses, (double) end / misses));
            cache.put(missKeys.subList(start, end), e);
            for (int j = 0; j < part.size(); j++) {
                System.arraycopy(e.data(), j * dim, vectors, missSlots.get(start + j) * dim, dim);
            }
        }
        ctx.progress(1.0, n + " texts embedded (" + (n - misses) + " from cache)");
        return distinct.expand(vectors, dim);
    }

    /** Closes the cache and the inner embedder. */
    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            inner.close();
        }
    }
}

package dev.finerouter.engine.bundle;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.stage.StageContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, deterministic, real embedder for tests: hashed character trigrams into {@value #DIM} buckets,
 * L2-normalised. The golden bundle was trained on its vectors and records its id {@value #ID}.
 */
public final class TrigramEmbedder implements Embedder {
    /** The id recorded in the golden bundle's manifest. */
    public static final String ID = "test-trigram-8";
    /** The golden bundle's embedding dimension. */
    public static final int DIM = 8;
    /** Texts embedded so far. */
    public final AtomicInteger texts = new AtomicInteger();
    private final String id;

    /** The golden bundle's embedder. */
    public TrigramEmbedder() {
        this(ID);
    }

    /** Same vectors under another id (to test the encoder-id check). */
    public TrigramEmbedder(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return DIM;
    }

    @Override
    public Embeddings embed(List<String> batch, StageContext ctx) throws EngineException {
        ctx.checkCancelled();
        texts.addAndGet(batch.size());
        return new Embeddings(vectors(batch), batch.size(), DIM);
    }

    /** The vectors of texts, row-major. */
    public static float[] vectors(List<String> batch) {
        float[] out = new float[batch.size() * DIM];
        for (int i = 0; i < batch.size(); i++) {
            byte[] b = ("  " + batch.get(i).toLowerCase(java.util.Locale.ROOT) + " ").getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k + 2 < b.length; k++) {
                int h = (b[k] * 31 + b[k + 1]) * 31 + b[k + 2];
                out[i * DIM + Math.floorMod(h, DIM)] += 1;
            }
            double norm = 0;
            for (int k = 0; k < DIM; k++) {
                norm += out[i * DIM + k] * out[i * DIM + k];
            }
            for (int k = 0; k < DIM; k++) {
                out[i * DIM + k] /= (float) Math.max(1e-9, Math.sqrt(norm));
            }
        }
        return out;
    }

    @Override
    public void close() {
    }
}

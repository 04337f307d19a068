package dev.finerouter.engine.embed;

import dev.finerouter.engine.stage.StageContext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real embedder for tests: hashed character trigrams into {@code dimension} buckets, L2-normalised. It counts
 * the texts and calls it receives so tests can prove cache hits never reach it.
 */
class CountingEmbedder implements Embedder {
    final AtomicInteger texts = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    private final String id;
    private final int dimension;

    CountingEmbedder(String id, int dimension) {
        this.id = id;
        this.dimension = dimension;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Embeddings embed(List<String> batch, StageContext ctx) throws dev.finerouter.engine.EngineException {
        ctx.checkCancelled();
        calls.incrementAndGet();
        texts.addAndGet(batch.size());
        float[] out = new float[batch.size() * dimension];
        for (int i = 0; i < batch.size(); i++) {
            byte[] b = ("  " + batch.get(i) + " ").getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k + 2 < b.length; k++) {
                int h = (b[k] * 31 + b[k + 1]) * 31 + b[k + 2];
                out[i * dimension + Math.floorMod(h, dimension)] += 1;
            }
            double norm = 0;
            for (int k = 0; k < dimension; k++) {
                norm += out[i * dimension + k] * out[i * dimension + k];
            }
            for (int k = 0; k < dimension; k++) {
                out[i * dimension + k] /= (float) Math.sqrt(norm);
            }
        }
        ctx.progress(1, null);
        return new Embeddings(out, batch.size(), dimension);
    }

    @Override
    public void close() {
    }
}

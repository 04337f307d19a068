package dev.finerouter.engine.embed;

import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without a cache each distinct text still reaches the encoder once, and every repeat gets its vector. */
class DistinctEmbedderTest {
    @Test
    void repeatsAreEmbeddedOnceAndCopiedToEveryPosition() throws Exception {
        CountingEmbedder inner = new CountingEmbedder("count", 16);
        List<String> texts = List.of("solve the equation", "write a poem", "solve the equation", "", "write a poem", "");
        Embeddings e;
        try (DistinctEmbedder embedder = new DistinctEmbedder(inner)) {
            e = embedder.embed(texts, StageContext.silent(0));
        }
        assertEquals(3, inner.texts.get());
        assertEquals(6, e.rows());
        Embeddings direct = new CountingEmbedder("count", 16).embed(texts, StageContext.silent(0));
        assertArrayEquals(direct.data(), e.data());
    }

    @Test
    void distinctTextsGoThroughUnchanged() throws Exception {
        CountingEmbedder inner = new CountingEmbedder("count", 8);
        List<String> texts = List.of("a b c", "d e f");
        Embeddings e = new DistinctEmbedder(inner).embed(texts, StageContext.silent(0));
        assertEquals(2, inner.texts.get());
        assertEquals(1, inner.calls.get());
        assertArrayEquals(new CountingEmbedder("count", 8).embed(texts, StageContext.silent(0)).data(), e.data());
    }
}

package dev.finerouter.engine.service;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest.EncoderInfo;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.OnnxSentenceEmbedder;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifest's encoder kinds open exactly the encoder the bundle was trained with, the int8 MiniLM included. */
class EncoderResolverTest {
    @Test
    void eachKindMapsToItsSettings() {
        assertEquals(new EmbedderSettings(null, 32), new EncoderInfo("x", EncoderInfo.BUNDLED_MINILM, null, 384, 32).openSettings());
        assertEquals(new EmbedderSettings(null, 32, true), new EncoderInfo("x", EncoderInfo.BUNDLED_MINILM_INT8, null, 384, 32).openSettings());
        assertEquals(new EmbedderSettings(Path.of("/m"), 8), new EncoderInfo("x", EncoderInfo.DIRECTORY, "/m", 384, 8).openSettings());
        assertNull(new EncoderInfo("x", EncoderInfo.CUSTOM, null, 384, 8).openSettings());
        assertThrows(IllegalArgumentException.class, () -> new EmbedderSettings(Path.of("/m"), 8, true));
    }

    @Test
    void int8BundleOpensTheInt8EncoderAndRefusesAnFp32Id() throws Exception {
        String int8Id;
        String fp32Id;
        try (OnnxSentenceEmbedder q = OnnxSentenceEmbedder.allMiniLmL6V2Int8(OnnxSentenceEmbedder.Options.defaults());
             OnnxSentenceEmbedder f = OnnxSentenceEmbedder.allMiniLmL6V2()) {
            int8Id = q.id();
            fp32Id = f.id();
        }
        try (Embedder e = EncoderResolver.open(new EncoderInfo(int8Id, EncoderInfo.BUNDLED_MINILM_INT8, null, 384, 64), null)) {
            assertEquals(int8Id, e.id());
        }
        EngineException wrong = assertThrows(EngineException.class,
                () -> EncoderResolver.open(new EncoderInfo(fp32Id, EncoderInfo.BUNDLED_MINILM_INT8, null, 384, 64), null));
        assertTrue(wrong.getMessage().contains("was trained with " + fp32Id), wrong.getMessage());
    }
}

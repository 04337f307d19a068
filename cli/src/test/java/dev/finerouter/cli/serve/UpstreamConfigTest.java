package dev.finerouter.cli.serve;

import dev.finerouter.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamConfigTest {
    @TempDir
    Path dir;

    @Test
    void loadsModelsWithDefaults() throws Exception {
        Path f = Files.writeString(dir.resolve("u.json"), """
                {"models": {"a": {"baseUrl": "https://api.example.com/v1/", "apiKeyEnv": "A_KEY", "model": "a-2025"},
                            "b": {"baseUrl": "http://127.0.0.1:8000/v1"}}}""");
        UpstreamConfig c = UpstreamConfig.load(f);
        assertEquals(URI.create("https://api.example.com/v1/chat/completions"), c.models().get("a").completionsUri());
        assertEquals("A_KEY", c.models().get("a").apiKeyEnv());
        assertEquals("b", c.models().get("b").model(), "the upstream model name defaults to the pool name");
        assertNull(c.models().get("b").apiKeyEnv());
    }

    @Test
    void malformedFilesNameTheProblem() throws Exception {
        Path f = Files.writeString(dir.resolve("u.json"), "{\"models\": {\"a\": {\"model\": \"x\"}}}");
        EngineException e = assertThrows(EngineException.class, () -> UpstreamConfig.load(f));
        assertTrue(e.getMessage().contains("models.a: baseUrl is missing"), e.getMessage());
        Files.writeString(f, "{\"models\": {\"a\": {\"baseUrl\": \"ftp://x/v1\"}}}");
        e = assertThrows(EngineException.class, () -> UpstreamConfig.load(f));
        assertTrue(e.getMessage().contains("absolute http(s) URL"), e.getMessage());
        Files.writeString(f, "[1,2");
        e = assertThrows(EngineException.class, () -> UpstreamConfig.load(f));
        assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
        e = assertThrows(EngineException.class, () -> UpstreamConfig.load(dir.resolve("none.json")));
        assertTrue(e.getMessage().startsWith("no upstreams file at"), e.getMessage());
    }
}

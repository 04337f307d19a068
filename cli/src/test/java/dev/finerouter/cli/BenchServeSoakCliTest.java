package dev.finerouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code finerouter bench serve-soak} wired end to end for a few seconds: the golden bundle served in-process, prompts
 * from a small dataset, memory sampled, JSON and table written. Checks the wiring and the counts, never the speed.
 */
class BenchServeSoakCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The commands open the trigram test encoder instead of the bundle's (passed to each run, no global). */
    private final EncoderOpener encoders = (encoder, override) -> new TrigramEmbedder();

    @Test
    void soaksTheGoldenBundleForAFewSeconds() throws Exception {
        List<String> lines = new ArrayList<>();
        String[] prompts = {"Solve for x: 4 x + 9 = 21", "Write a Python function that reverses a list", "Write a short poem about the sea",
                "What is the capital of France?", "Solve for y: 2 y - 5 = 11", "Write a Python function that counts words"};
        for (int i = 0; i < prompts.length; i++) {
            lines.add("{\"id\": \"p" + i + "\", \"prompt\": \"" + prompts[i] + "\", \"task\": \"t" + (i % 3) + "\", \"scores\": {\"a\": 0.5, \"b\": 1.0}}");
        }
        Path data = dir.resolve("routing.jsonl");
        Files.write(data, lines);
        Path out = dir.resolve("soak.json");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = FineRouterCli.run(new String[] {"bench", "serve-soak", "--bundle", BundleCliTest.GOLDEN.toString(), "--data", data.toString(),
                "--connections", "2", "--minutes", "0.05", "--sample-seconds", "0.5", "--settle-seconds", "1", "--health-seconds", "0.5",
                "--out", out.toString()}, new PrintWriter(o), new PrintWriter(e), encoders);
        System.out.println(o);
        assertEquals(0, code, e.toString());
        assertTrue(o.toString().contains("POST /v1/route (mixed)"), o.toString());
        assertTrue(o.toString().contains("GET /health (baseline)"), o.toString());
        assertTrue(e.toString().contains("soak: POST /v1/route at 2 connections"), e.toString());
        JsonNode r = JSON.readTree(out.toFile());
        assertEquals(6, r.get("prompts").asInt());
        assertEquals(2, r.get("connections").asInt());
        JsonNode route = r.get("route");
        assertTrue(route.get("requests").asLong() > 0, route.toString());
        assertEquals(0, route.get("errors").asLong(), route.toString());
        assertTrue(route.get("p50Millis").asDouble() <= route.get("p95Millis").asDouble());
        assertTrue(route.get("p95Millis").asDouble() <= route.get("p99Millis").asDouble());
        assertTrue(route.get("p99Millis").asDouble() <= route.get("maxMillis").asDouble());
        assertTrue(r.get("health").get("requests").asLong() > 0);
        assertEquals(0, r.get("health").get("errors").asLong());
        assertTrue(r.get("batches").asLong() > 0);
        assertTrue(r.get("batchedPrompts").asLong() >= route.get("requests").asLong(), "every routed prompt went through a micro-batch");
        JsonNode samples = r.get("samples");
        assertTrue(samples.size() >= 5, "samples at 0, every 0.5 s and at the end of 3 s: " + samples);
        assertEquals(0.0, samples.get(0).get("seconds").asDouble());
        assertEquals(route.get("requests").asLong(), samples.get(samples.size() - 1).get("requests").asLong());
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertTrue(r.get("rssEndBytes").asLong() > 0);
            assertTrue(r.get("rssAfterSettleBytes").asLong() > 0);
            assertTrue(r.get("rssGrowthAfterSettle").isNumber());
        }
    }

    @Test
    void refusesANonPositiveDuration() {
        StringWriter e = new StringWriter();
        int code = FineRouterCli.run(new String[] {"bench", "serve-soak", "--bundle", BundleCliTest.GOLDEN.toString(), "--minutes", "0"},
                new PrintWriter(new StringWriter()), new PrintWriter(e), encoders);
        assertEquals(1, code, e.toString());
        assertTrue(e.toString().contains("--minutes"), e.toString());
    }
}

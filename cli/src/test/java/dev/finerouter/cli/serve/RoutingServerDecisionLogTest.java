package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.decisionlog.BundleIdentity;
import dev.finerouter.engine.decisionlog.DecisionLog;
import dev.finerouter.engine.decisionlog.DecisionLogConfig;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.service.GoldenRouting;
import dev.finerouter.engine.service.RouterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server writes one decision-log line per routed prompt and reports the counts in /metrics. */
class RoutingServerDecisionLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyRoutedPromptIsLoggedWithTheDecisionTheClientGot() throws Exception {
        Path logDir = tmp.resolve("log");
        RoutingServer.ServiceFactory factory = p -> new RouterService(BundleReader.read(p), new TrigramEmbedder());
        DecisionLog log = new DecisionLog(DecisionLogConfig.defaults(logDir));
        RoutingServer server = new RoutingServer(ServerConfig.DEFAULT.withAddress("127.0.0.1", 0), factory.open(RoutingServerTest.GOLDEN), factory,
                RoutingServerTest.GOLDEN, UpstreamConfig.NONE, new UpstreamProxy(Duration.ofSeconds(5), k -> null), log).start();
        HttpClient http = HttpClient.newHttpClient();
        String metrics;
        List<JsonNode> answers = new ArrayList<>();
        try {
            String body = "{\"prompts\":[\"Write a short poem about the sea\",\"What is the capital of France?\"],\"alpha\":0.25}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/route"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JSON.readTree(r.body()).path("decisions").forEach(answers::add);
        } finally {
            server.stop(); // flushes and closes the log
            metrics = server.metrics().render();
        }
        List<Path> files = DecisionLog.files(logDir);
        assertEquals(1, files.size());
        List<String> lines = Files.readAllLines(files.get(0));
        assertEquals(2, lines.size());
        DecisionRecord first = DecisionRecord.fromJson(JSON.readTree(lines.get(0)));
        DecisionRecord second = DecisionRecord.fromJson(JSON.readTree(lines.get(1)));
        assertEquals("Write a short poem about the sea", first.prompt());
        assertEquals(answers.get(0).path("model").asText(), first.model());
        assertEquals(answers.get(0).path("task").asInt(), first.task());
        assertEquals(answers.get(1).path("model").asText(), second.model());
        assertEquals(0.25, first.alpha());
        assertEquals(first.requestId(), second.requestId(), "one request, one id");
        assertEquals(BundleIdentity.id(GoldenRouting.manifest()), first.bundleId());
        assertTrue(metrics.contains("finerouter_decision_log_written_total 2"), metrics);
        assertTrue(metrics.contains("finerouter_decision_log_dropped_total 0"), metrics);
    }
}

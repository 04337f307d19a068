package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleMetadata;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.service.RouterService;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.RoutingPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routing server on 127.0.0.1, port 0, driven by java.net.http with the golden bundle and the trigram encoder. */
class RoutingServerTest {
    static final Path GOLDEN = Path.of("../engine/src/test/resources/golden-bundle/bundle");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SlowEmbedder embedder = new SlowEmbedder();
    private FakeUpstream upstream;
    private RoutingServer server;
    private Path bundlePath;

    /** The trigram encoder, which blocks on the text "SLOW" until released (to hold a request in flight). */
    static final class SlowEmbedder implements dev.finerouter.engine.embed.Embedder {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final TrigramEmbedder inner = new TrigramEmbedder();

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
            if (texts.contains("SLOW")) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.embed(texts, ctx);
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeUpstream();
        bundlePath = tmp.resolve("router.frb");
        RouterBundle g = BundleReader.read(GOLDEN);
        BundleWriter.write(g.router(), metadata(g, RoutingPolicy.PAPER), bundlePath);
        UpstreamConfig ups = new UpstreamConfig(Map.of(
                "bard-mini", new UpstreamConfig.Upstream(URI.create(upstream.baseUrl()), "FAKE_KEY", "upstream-bard"),
                "mathstral", new UpstreamConfig.Upstream(URI.create("http://127.0.0.1:1/v1"), null, "m")));
        server = server(ups, ServerConfig.DEFAULT.withAddress("127.0.0.1", 0).withMaxBodyBytes(4096));
    }

    private RoutingServer server(UpstreamConfig ups, ServerConfig config) throws EngineException {
        RoutingServer.ServiceFactory factory = p -> new RouterService(BundleReader.read(p), embedder);
        return new RoutingServer(config, factory.open(bundlePath), factory, bundlePath, ups,
                new UpstreamProxy(Duration.ofSeconds(10), Map.of("FAKE_KEY", "sk-test")::get)).start();
    }

    @AfterEach
    void stop() {
        embedder.release.countDown();
        server.stop();
        upstream.close();
    }

    static BundleMetadata metadata(RouterBundle g, RoutingPolicy policy) {
        BundleManifest m = g.manifest();
        return new BundleMetadata(Instant.parse(m.createdAt()), m.seed(), m.data(), m.describerId(), null, policy, m.hyperparameters(), List.of());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST /admin/reload as an operator would: JSON content type and the admin token. */
    private HttpResponse<String> reload() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/admin/reload")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + server.adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void routesOneAndManyPrompts() throws Exception {
        HttpResponse<String> r = post("/v1/route", "{\"prompt\":\"Write a short poem about the sea\",\"explain\":true}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode d = JSON.readTree(r.body());
        assertEquals("bard-mini", d.path("model").asText());
        assertEquals(2, d.path("task").asInt());
        assertEquals("Write short poems", d.path("taskSummary").asText());
        assertEquals(3, d.path("explanation").path("compared").size());
        r = post("/v1/route", "{\"prompts\":[\"What is the capital of France?\",\"Write a short poem about the sea\"],\"tolerance\":1}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode ds = JSON.readTree(r.body()).path("decisions");
        assertEquals(2, ds.size());
        assertEquals("bard-mini", ds.get(0).path("model").asText(), "tolerance 1 picks the cheapest compared model");
        assertFalse(ds.get(0).has("explanation"));
    }

    @Test
    void libraryAndServerRouteEveryPromptIdentically() throws Exception {
        List<String> prompts = List.of("Write a short poem about the sea", "What is the capital of France?", "Solve 12 * 7 + 3",
                "Summarise this paragraph in one line", "Translate good morning into Spanish");
        RouterBundle bundle = BundleReader.read(bundlePath);
        RouterService library = new RouterService(bundle, new TrigramEmbedder());
        List<dev.finerouter.engine.route.PromptDecision> expected = library.route(prompts, library.defaultPolicy());
        JsonNode served = JSON.readTree(post("/v1/route", JSON.writeValueAsString(java.util.Map.of("prompts", prompts))).body())
                .path("decisions");
        for (int i = 0; i < prompts.size(); i++) {
            String model = bundle.router().pool().get(expected.get(i).decision().chosenModel()).name();
            assertEquals(model, served.get(i).path("model").asText(), "prompt " + i + " routes the same way");
        }
    }

    @Test
    void healthAndModels() throws Exception {
        HttpResponse<String> h = get("/health");
        assertEquals(200, h.statusCode());
        JsonNode n = JSON.readTree(h.body());
        assertEquals("ok", n.path("status").asText());
        assertEquals(3, n.path("bundle").path("tasks").asInt());
        assertEquals(TrigramEmbedder.ID, n.path("bundle").path("encoder").asText());
        JsonNode m = JSON.readTree(get("/v1/models").body());
        assertEquals("list", m.path("object").asText());
        assertEquals("auto", m.path("data").get(0).path("id").asText());
        assertEquals(5, m.path("data").size());
        assertEquals("mathstral", m.path("data").get(1).path("id").asText());
        assertEquals(0.002, m.path("data").get(1).path("pricing").path("costPerQuery").asDouble());
        assertTrue(m.path("data").get(3).path("upstream").asBoolean(), "bard-mini has an upstream");
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        post("/v1/route", "{\"prompt\":\"Write a short poem about the sea\"}");
        post("/v1/route", "{bad");
        get("/nope");
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        String text = r.body();
        assertTrue(text.contains("finerouter_requests_total{endpoint=\"/v1/route\",status=\"200\"} 1"), text);
        assertTrue(text.contains("finerouter_requests_total{endpoint=\"/v1/route\",status=\"400\"} 1"), text);
        assertTrue(text.contains("finerouter_requests_total{endpoint=\"other\",status=\"404\"} 1"), text);
        assertTrue(text.contains("finerouter_request_duration_seconds_bucket{endpoint=\"/v1/route\",le=\"+Inf\"} 2"), text);
        assertTrue(text.contains("finerouter_request_duration_seconds_count{endpoint=\"/v1/route\"} 2"), text);
        assertTrue(text.contains("finerouter_routed_total{model=\"bard-mini\"} 1"), text);
        assertTrue(text.contains("# TYPE finerouter_request_duration_seconds histogram"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? -?[0-9.]+(E-?[0-9]+)?"), line);
        }
    }

    @Test
    void clientErrorsAreJson() throws Exception {
        HttpResponse<String> r = post("/v1/route", "{\"prompt\": ");
        assertEquals(400, r.statusCode());
        assertTrue(JSON.readTree(r.body()).path("error").path("message").asText().startsWith("the request body is not valid JSON"), r.body());
        r = post("/v1/route", "{\"text\":\"x\"}");
        assertEquals(400, r.statusCode());
        r = post("/v1/route", "{\"prompt\":\"x\",\"alpha\":3}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("alpha must be in [0,1]"), r.body());
        r = get("/v1/nothing");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", JSON.readTree(r.body()).path("error").path("type").asText(), r.body());
        r = post("/v1/route", "{\"prompt\":\"" + "x".repeat(5000) + "\"}");
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(413, JSON.readTree(r.body()).path("error").path("code").asInt(), r.body());
        r = post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}");
        assertEquals(400, r.statusCode());
        r = post("/v1/chat/completions", "{\"model\":\"gpt-17\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(400, r.statusCode());
    }

    @Test
    void chatCompletionIsRoutedAndForwarded() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":\"Write a short poem about the sea\"}],\"temperature\":0.2}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("bard-mini", r.headers().firstValue("X-FineRouter-Model").orElse(null));
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("bard-mini", answer.path("model").asText());
        assertEquals("Hello", answer.path("choices").get(0).path("message").path("content").asText());
        JsonNode sent = upstream.bodies.get(0);
        assertEquals("upstream-bard", sent.path("model").asText());
        assertEquals(0.2, sent.path("temperature").asDouble());
        assertEquals(2, sent.path("messages").size());
        assertEquals("Bearer sk-test", upstream.authorizations.get(0));
    }

    @Test
    void streamedChatCompletionPassesEventsThrough() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", "{\"model\":\"auto\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Write a short poem about the sea\"}]}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), r.headers().toString());
        assertEquals("bard-mini", r.headers().firstValue("X-FineRouter-Model").orElse(null));
        assertEquals(String.join("", FakeUpstream.EVENTS), r.body());
        assertTrue(upstream.bodies.get(0).path("stream").asBoolean());
    }

    @Test
    void noUpstreamOrADeadOneIsAnErrorNeverAFakeAnswer() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}");
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("generalist", r.headers().firstValue("X-FineRouter-Model").orElse(null));
        JsonNode e = JSON.readTree(r.body()).path("error");
        assertEquals("upstream_not_configured", e.path("type").asText());
        assertTrue(e.path("message").asText().contains("'generalist'"), e.toString());
        r = post("/v1/chat/completions", "{\"model\":\"mathstral\",\"messages\":[{\"role\":\"user\",\"content\":\"2+2\"}]}");
        assertEquals(502, r.statusCode(), r.body());
        assertEquals("upstream_unreachable", JSON.readTree(r.body()).path("error").path("type").asText());
        assertTrue(upstream.bodies.isEmpty());
    }

    @Test
    void hotReloadSwapsTheBundleWithoutDroppingInFlightRequests() throws Exception {
        JsonNode before = JSON.readTree(post("/v1/route", "{\"prompt\":\"What is the capital of France?\"}").body());
        assertEquals("generalist", before.path("model").asText());
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(uri("/v1/route")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"SLOW\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(embedder.entered.await(10, TimeUnit.SECONDS), "the slow request is in flight");

        RouterBundle g = BundleReader.read(GOLDEN);
        BundleWriter.write(g.router(), metadata(g, new RoutingPolicy(0.5, 1.0, null)), bundlePath); // cheapest-first default
        HttpResponse<String> r = reload();
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("reloaded", JSON.readTree(r.body()).path("status").asText());
        JsonNode after = JSON.readTree(post("/v1/route", "{\"prompt\":\"What is the capital of France?\"}").body());
        assertEquals("bard-mini", after.path("model").asText(), "the new bundle's default policy applies");

        embedder.release.countDown();
        HttpResponse<String> finished = slow.get(10, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode(), finished.body());

        Files.writeString(bundlePath, "not a zip");
        r = reload();
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("still serving the previous bundle"), r.body());
        assertEquals("bard-mini", JSON.readTree(post("/v1/route", "{\"prompt\":\"What is the capital of France?\"}").body()).path("model").asText());
        assertTrue(get("/metrics").body().contains("finerouter_bundle_reloads_total 1"));
    }

    @Test
    void stopDrainsInFlightRequests() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(uri("/v1/route")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"SLOW\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(embedder.entered.await(10, TimeUnit.SECONDS));
        Thread stopper = new Thread(server::stop);
        stopper.start();
        Thread.sleep(200);
        embedder.release.countDown();
        assertEquals(200, slow.get(10, TimeUnit.SECONDS).statusCode());
        stopper.join(10_000);
        assertFalse(stopper.isAlive());
    }

    @Test
    void embedderWithAnotherIdIsRefused() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        EngineException e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
                () -> new RouterService(g, new TrigramEmbedder("something-else")));
        assertTrue(e.getMessage().contains("is not the one"), e.getMessage());
        assertEquals(List.of(RoutingPolicy.PAPER.alpha()), List.of(new RouterService(g, new TrigramEmbedder()).defaultPolicy().alpha()));
        Embeddings x = new TrigramEmbedder().embed(List.of("a"), StageContext.silent(1));
        assertEquals(8, x.dimension());
    }
}

package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.service.RouterService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upstream answers that are not JSON reach the client as OpenAI-style JSON errors with the upstream's status. */
class UpstreamErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer upstream;
    private RoutingServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        answer("/empty404", 404, "application/json", "");
        answer("/html502", 502, "application/json", "<html><head><title>Bad Gateway</title></head><body>nginx</body></html>");
        answer("/json429", 429, "application/json", "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\",\"code\":429}}");
        answer("/html200", 200, "application/json", "<!doctype html><p>login page</p>");
        upstream.start();
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        UpstreamConfig ups = new UpstreamConfig(Map.of(
                "mathstral", new UpstreamConfig.Upstream(URI.create(base + "/empty404/v1"), null, "m"),
                "coder-xl", new UpstreamConfig.Upstream(URI.create(base + "/html502/v1"), null, "c"),
                "bard-mini", new UpstreamConfig.Upstream(URI.create(base + "/json429/v1"), null, "b"),
                "generalist", new UpstreamConfig.Upstream(URI.create(base + "/html200/v1"), null, "g")));
        RoutingServer.ServiceFactory factory = p -> new RouterService(BundleReader.read(p), new TrigramEmbedder());
        server = new RoutingServer(ServerConfig.DEFAULT.withAddress("127.0.0.1", 0), factory.open(RoutingServerTest.GOLDEN), factory,
                RoutingServerTest.GOLDEN, ups, new UpstreamProxy(Duration.ofSeconds(5), k -> null)).start();
    }

    private void answer(String prefix, int status, String contentType, String body) {
        upstream.createContext(prefix + "/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop();
        upstream.stop(0);
    }

    private HttpResponse<String> chat(String model) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return JSON.readTree(r.body()).path("error");
    }

    @Test
    void anEmptyErrorBodyIsWrappedWithTheUpstreamStatus() throws Exception {
        HttpResponse<String> r = chat("mathstral");
        assertEquals(404, r.statusCode(), r.body());
        JsonNode e = error(r);
        assertEquals("upstream_error", e.path("type").asText());
        assertEquals(404, e.path("code").asInt());
        assertTrue(e.path("message").asText().contains("answered 404 with an empty body"), e.toString());
        assertTrue(e.path("message").asText().contains("'mathstral'"), e.toString());
    }

    @Test
    void htmlLabelledJsonIsWrapped() throws Exception {
        HttpResponse<String> r = chat("coder-xl");
        assertEquals(502, r.statusCode(), r.body());
        JsonNode e = error(r);
        assertEquals("upstream_error", e.path("type").asText());
        assertEquals(502, e.path("code").asInt());
        assertTrue(e.path("message").asText().contains("a non-JSON body (application/json, 70 bytes): <html><head><title>Bad Gateway"), e.toString());

        r = chat("generalist");
        assertEquals(502, r.statusCode(), "a 200 that is not a chat completion is a bad gateway: " + r.body());
        assertTrue(error(r).path("message").asText().contains("answered 200 with a non-JSON body"), r.body());
    }

    @Test
    void aJsonErrorPassesThroughUnchanged() throws Exception {
        HttpResponse<String> r = chat("bard-mini");
        assertEquals(429, r.statusCode(), r.body());
        JsonNode e = error(r);
        assertEquals("rate_limit", e.path("type").asText());
        assertEquals("slow down", e.path("message").asText());
    }
}

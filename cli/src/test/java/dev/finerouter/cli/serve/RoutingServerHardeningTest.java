package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.service.RouterService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: request limits, the worker bound, the Host allow-list, tokens, content types and CORS, each driven over real
 * loopback HTTP (java.net.http, or a raw socket where the client library would not send the hostile request).
 */
class RoutingServerHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POEM = "{\"prompt\":\"Write a short poem about the sea\"}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private RoutingServer server;
    private Embedder embedder = new TrigramEmbedder();

    private RoutingServer start(ServerConfig config) throws EngineException {
        Embedder e = embedder;
        RoutingServer.ServiceFactory factory = p -> new RouterService(BundleReader.read(p), e);
        server = new RoutingServer(config, factory.open(RoutingServerTest.GOLDEN), factory, RoutingServerTest.GOLDEN, UpstreamConfig.NONE,
                new UpstreamProxy(Duration.ofSeconds(5), k -> null)).start();
        return server;
    }

    private static ServerConfig local() {
        return ServerConfig.DEFAULT.withAddress("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a test connection
            }
        }
        if (embedder instanceof RoutingServerTest.SlowEmbedder slow) {
            slow.release.countDown();
        }
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, "application/json", body, Map.of());
    }

    private static JsonNode error(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body()).path("error");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(15_000);
        sockets.add(s);
        return s;
    }

    /** Everything the server sends until it closes the connection (the request says Connection: close). */
    static String readAll(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            if (out.size() == 0) {
                throw e;
            }
            // a reset after the response: what was read is the answer
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String raw(String request) throws IOException {
        Socket s = connect();
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        return readAll(s);
    }

    /** The status code of a raw HTTP/1.1 response. */
    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void chunkedBodyOverTheLimitGets413WithAJsonError() throws Exception {
        start(local().withMaxBodyBytes(4096));
        Socket s = connect();
        OutputStream os = s.getOutputStream();
        os.write(("POST /v1/route HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            byte[] chunk = ("400\r\n" + "x".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                os.write("b\r\n{\"prompt\":\"\r\n".getBytes(StandardCharsets.US_ASCII)); // 11 bytes: {"prompt":"
                for (int i = 0; i < 256; i++) { // 256 KB, 64 times the limit, no Content-Length anywhere
                    os.write(chunk);
                }
                os.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                os.flush();
            } catch (IOException serverStoppedReading) {
                // expected once the server has answered 413 and closed
            }
        });
        String response = readAll(s);
        sender.get(15, TimeUnit.SECONDS);
        assertEquals(413, status(response), response);
        JsonNode e = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("error");
        assertEquals(413, e.path("code").asInt(), response);
        assertEquals("request_too_large", e.path("type").asText(), response);
        assertTrue(e.path("message").asText().contains("chunked"), response);
        assertEquals(200, post("/v1/route", POEM).statusCode(), "the server still answers");
    }

    @Test
    void tooManyPromptsOrATooLongPromptIsRefusedBeforeAnyEmbedding() throws Exception {
        TrigramEmbedder counting = new TrigramEmbedder();
        embedder = counting;
        start(local().withPromptLimits(256, 1000));
        List<String> many = Collections.nCopies(100_000, "x");
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/v1/route", JSON.writeValueAsString(Map.of("prompts", many)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("too_many_prompts", error(r).path("type").asText());
        assertTrue(error(r).path("message").asText().contains("100000 prompts in one request; the limit is 256"), r.body());
        assertTrue(ms < 5_000, "refused in " + ms + " ms");

        r = post("/v1/route", JSON.writeValueAsString(Map.of("prompts", List.of("fine", "y".repeat(1001)))));
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("prompt_too_long", error(r).path("type").asText());
        assertTrue(error(r).path("message").asText().startsWith("prompts[1] has 1001 characters"), r.body());
        r = post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "z".repeat(1001) + "\"}]}");
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(0, counting.texts.get(), "nothing was embedded");

        r = post("/v1/route", JSON.writeValueAsString(Map.of("prompts", Collections.nCopies(256, "What is the capital of France?"))));
        assertEquals(200, r.statusCode(), "exactly the limit is routed");
        assertEquals(256, JSON.readTree(r.body()).path("decisions").size());
    }

    @Test
    void emptyPromptsAreRefusedWith422() throws Exception {
        TrigramEmbedder counting = new TrigramEmbedder();
        embedder = counting;
        start(local());
        for (String body : List.of("{\"prompt\":\"\"}", "{\"prompt\":\"  \\n\\t \"}", "{\"prompts\":[\"What is 2+2?\",\"\"]}",
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"   \"}]}")) {
            HttpResponse<String> r = post(body.contains("messages") ? "/v1/chat/completions" : "/v1/route", body);
            assertEquals(422, r.statusCode(), body + " → " + r.body());
            assertEquals("empty_prompt", error(r).path("type").asText(), r.body());
            assertEquals(422, error(r).path("code").asInt(), r.body());
        }
        assertEquals(0, counting.texts.get());
    }

    @Test
    void slowBodiesDoNotHoldANormalRequestBeyondABound() throws Exception {
        start(local().withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1)).withWorkers(4, 64));
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // three times the workers, each promising 1000 bytes and sending 10
            Socket s = connect();
            s.getOutputStream().write(("POST /v1/route HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                    + "{\"prompt\":").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            slow.add(s);
        }
        Thread.sleep(200); // let them occupy the workers
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        int busy = 0;
        while (true) { // a well-behaved client: on 503 wait Retry-After seconds and try again
            r = post("/v1/route", POEM);
            if (r.statusCode() != 503) {
                break;
            }
            busy++;
            String retry = r.headers().firstValue("Retry-After").orElse(null);
            assertNotNull(retry, "503 carries Retry-After");
            assertEquals("server_busy", error(r).path("type").asText());
            assertTrue((System.nanoTime() - t0) < TimeUnit.SECONDS.toNanos(10), "still busy after 10 s");
            Thread.sleep(Long.parseLong(retry) * 1000);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(ms < 5_000, "the normal request took " + ms + " ms behind " + slow.size() + " slow bodies (" + busy + " busy answers)");
        String answer = readAll(slow.get(0));
        int code = status(answer);
        assertTrue(code == 408 || code == 503, "a slow body is cut off: " + answer);
    }

    @Test
    void aFullServerAnswers503WithRetryAfter() throws Exception {
        RoutingServerTest.SlowEmbedder slow = new RoutingServerTest.SlowEmbedder();
        embedder = slow;
        start(local().withWorkers(1, 16));
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/v1/route", "{\"prompt\":\"SLOW\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(slow.entered.await(10, TimeUnit.SECONDS));
        HttpResponse<String> r = post("/v1/route", POEM);
        assertEquals(503, r.statusCode(), r.body());
        assertEquals(String.valueOf(RoutingServer.RETRY_AFTER_SECONDS), r.headers().firstValue("Retry-After").orElse(null));
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "/health is not a worker job");
        slow.release.countDown();
        assertEquals(200, held.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, post("/v1/route", POEM).statusCode(), "the worker is free again");
    }

    @Test
    void adminReloadNeedsTheTokenJsonAndNoBrowserOrigin() throws Exception {
        start(local().withTokens("admin-token-0123456789", null));
        assertEquals("admin-token-0123456789", server.adminToken());
        Map<String, String> auth = Map.of("Authorization", "Bearer admin-token-0123456789");

        HttpResponse<String> r = post("/admin/reload", "application/json", "", Map.of());
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), r.headers().toString());
        r = post("/admin/reload", "application/json", "", Map.of("Authorization", "Bearer admin-token-wrong-wrong"));
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(error(r).path("message").asText().contains("wrong"), r.body());
        r = post("/admin/reload", "text/plain", "", auth);
        assertEquals(415, r.statusCode(), r.body());
        r = post("/admin/reload", "application/x-www-form-urlencoded", "a=b", auth);
        assertEquals(415, r.statusCode(), r.body());
        Map<String, String> evil = Map.of("Authorization", "Bearer admin-token-0123456789", "Origin", "http://evil.example.com");
        r = post("/admin/reload", "application/json", "", evil);
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(error(r).path("message").asText().contains("Origin"), r.body());
        assertTrue(server.metrics().render().contains("finerouter_bundle_reloads_total 0"), "nothing was reloaded");

        r = post("/admin/reload", "application/json; charset=utf-8", "", auth);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("reloaded", JSON.readTree(r.body()).path("status").asText());
    }

    @Test
    void aGeneratedAdminTokenIsLongAndRandom() throws Exception {
        start(local());
        String token = server.adminToken();
        assertTrue(token.length() >= 40, token);
        assertFalse(token.equals(RoutingServer.newToken()));
        assertEquals(401, post("/admin/reload", "").statusCode());
    }

    @Test
    void foreignHostHeadersAreRefused() throws Exception {
        start(local());
        String evil = raw("GET /health HTTP/1.1\r\nHost: evil.example.com:" + server.port() + "\r\nConnection: close\r\n\r\n");
        assertEquals(403, status(evil), evil);
        assertTrue(evil.contains("host_not_allowed"), evil);
        String rebound = raw("POST /v1/route HTTP/1.1\r\nHost: attacker.test\r\nContent-Type: application/json\r\nContent-Length: "
                + POEM.length() + "\r\nConnection: close\r\n\r\n" + POEM);
        assertEquals(403, status(rebound), rebound);
        for (String host : List.of("localhost:" + server.port(), "127.0.0.1", "[::1]:9", "LOCALHOST.")) {
            String ok = raw("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertEquals(200, status(ok), host + " → " + ok);
        }
        String none = raw("GET /health HTTP/1.0\r\n\r\n");
        assertEquals(403, status(none), "no Host at all: " + none);
    }

    @Test
    void hostAllowListMatchesNamesAndPorts() {
        List<String> allowed = List.of("localhost", "router.example.com:443", "[::1]");
        assertTrue(RoutingServer.hostAllowed("localhost:8080", allowed));
        assertTrue(RoutingServer.hostAllowed("Router.Example.com:443", allowed));
        assertFalse(RoutingServer.hostAllowed("router.example.com:8443", allowed));
        assertFalse(RoutingServer.hostAllowed("router.example.com", allowed));
        assertTrue(RoutingServer.hostAllowed("[::1]:80", allowed));
        assertFalse(RoutingServer.hostAllowed("::1", allowed));
        assertFalse(RoutingServer.hostAllowed("localhost.evil.com", allowed));
        assertFalse(RoutingServer.hostAllowed("localhost:80x", allowed));
        assertFalse(RoutingServer.hostAllowed(null, allowed));
        assertTrue(RoutingServer.hostAllowed("anything:1", List.of("*")));
        assertTrue(ServerConfig.DEFAULT.withAddress("10.0.0.5", 0).effectiveAllowedHosts().contains("10.0.0.5"));
        assertFalse(ServerConfig.DEFAULT.withAddress("0.0.0.0", 0).effectiveAllowedHosts().contains("0.0.0.0"));
    }

    @Test
    void routingEndpointsTakeOnlyJsonAndNoForeignOrigin() throws Exception {
        start(local());
        HttpResponse<String> r = post("/v1/route", "text/plain", POEM, Map.of());
        assertEquals(415, r.statusCode(), r.body());
        assertEquals("unsupported_media_type", error(r).path("type").asText());
        r = post("/v1/route", null, POEM, Map.of());
        assertEquals(415, r.statusCode(), r.body());
        r = post("/v1/chat/completions", "application/x-www-form-urlencoded", "model=auto", Map.of());
        assertEquals(415, r.statusCode(), r.body());
        r = post("/v1/route", "application/json", POEM, Map.of("Origin", "http://evil.example.com"));
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "CORS is off");
    }

    @Test
    void apiTokenAndConfiguredCors() throws Exception {
        start(local().withTokens(null, "api-token-0123456789abcdef").withCorsOrigins(List.of("https://app.example.com")));
        HttpResponse<String> r = post("/v1/route", POEM);
        assertEquals(401, r.statusCode(), r.body());
        Map<String, String> auth = Map.of("Authorization", "Bearer api-token-0123456789abcdef");
        assertEquals(200, post("/v1/route", "application/json", POEM, auth).statusCode());
        Map<String, String> app = Map.of("Authorization", "Bearer api-token-0123456789abcdef", "Origin", "https://app.example.com");
        r = post("/v1/route", "application/json", POEM, app);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("https://app.example.com", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/route"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/route"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://other.example.com").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, other.statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "/health needs no token");
    }

    @Test
    void badSettingsAreRefusedWithAClearMessage() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.DEFAULT.withTokens("short", null));
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ServerConfig.DEFAULT.withPromptLimits(0, 10));
        assertTrue(e.getMessage().contains("max prompts"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.DEFAULT.withCorsOrigins(List.of("app.example.com")));
        assertTrue(e.getMessage().contains("CORS origin"), e.getMessage());
        assertFalse(ServerConfig.DEFAULT.withTokens("admin-token-0123456789", null).toString().contains("admin-token-0123456789"),
                "tokens never show in toString");
    }
}

package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineVersion;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.service.GoldenRouting;
import dev.finerouter.engine.service.RouterService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: the OpenAPI description served at {@code GET /openapi.json}, held to the running server (127.0.0.1, port
 * 0, the golden bundle with the trigram encoder, a loopback stand-in upstream for every pool model, an API token and one
 * CORS origin). Every route Javalin registered is described and every described route is served; every example request
 * is sent and answered with the status under which its same-named response example stands, in the documented shape;
 * tokens, the Host allow-list and refused bodies answer with documented statuses.
 */
class OpenApiServerTest {
    private static final String API_TOKEN = "api-token-of-the-openapi-test";
    private static final String ORIGIN = "http://app.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private FakeUpstream upstream;
    private RoutingServer server;
    /** The description as the server sent it. */
    private JsonNode spec;
    private SchemaCheck schemas;

    /** One described operation. */
    private record Operation(String method, String path, JsonNode node) {
        HttpRoute route() {
            return HttpRoute.of(method, path);
        }

        JsonNode requestExamples() {
            return node.path("requestBody").path("content").path("application/json").path("examples");
        }

        @Override
        public String toString() {
            return route().toString();
        }
    }

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeUpstream();
        Map<String, UpstreamConfig.Upstream> upstreams = new LinkedHashMap<>();
        for (String model : GoldenRouting.pool().names()) {
            upstreams.put(model, new UpstreamConfig.Upstream(URI.create(upstream.baseUrl()), null, "up-" + model));
        }
        ServerConfig config = ServerConfig.DEFAULT.withAddress("127.0.0.1", 0).withMaxBodyBytes(4096).withTokens(null, API_TOKEN)
                .withCorsOrigins(List.of(ORIGIN));
        RoutingServer.ServiceFactory factory = p -> new RouterService(BundleReader.read(p), new TrigramEmbedder());
        server = new RoutingServer(config, factory.open(RoutingServerTest.GOLDEN), factory, RoutingServerTest.GOLDEN, new UpstreamConfig(upstreams),
                new UpstreamProxy(Duration.ofSeconds(10), k -> null)).start();
        HttpResponse<String> r = send("GET", OpenApiSpec.PATH, null, Map.of());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", RoutingServer.mediaType(r.headers().firstValue("Content-Type").orElse(null)));
        spec = JSON.readTree(r.body());
        schemas = new SchemaCheck(spec);
    }

    @AfterEach
    void stop() {
        server.stop();
        upstream.close();
    }

    @Test
    void servedDocumentIsOpenApi3WithTheEngineVersion() {
        assertTrue(spec.path("openapi").asText().matches("3\\.\\d+\\.\\d+"), spec.path("openapi").toString());
        assertEquals(EngineVersion.get(), spec.path("info").path("version").asText());
        assertEquals(OpenApiSpec.get().tree(), spec, "the server sends the document it loaded");
    }

    @Test
    void everyRegisteredRouteIsDescribedAndEveryDescribedRouteServed() {
        List<HttpRoute> documented = operations().stream().map(Operation::route).toList();
        assertEquals(List.of(), undocumented(server.routes(), documented), "routes the server answers that openapi.json does not describe");
        assertEquals(List.of(), unserved(server.routes(), documented), "operations openapi.json describes that the server does not answer");
    }

    @Test
    void anEndpointAddedWithoutDocumentationIsFound() {
        List<HttpRoute> documented = operations().stream().map(Operation::route).toList();
        List<HttpRoute> served = new ArrayList<>(server.routes());
        HttpRoute added = new HttpRoute("GET", "/v1/usage");
        served.add(added);
        assertEquals(List.of(added), undocumented(served, documented));
        List<HttpRoute> fewer = new ArrayList<>(server.routes());
        fewer.remove(new HttpRoute("GET", "/health"));
        assertEquals(List.of(new HttpRoute("GET", "/health")), unserved(fewer, documented));
    }

    @Test
    void everyExampleRequestIsAnsweredWithItsDocumentedStatusAndShape() throws Exception {
        for (Operation op : operations()) {
            JsonNode examples = op.requestExamples();
            if (op.node().has("requestBody")) {
                assertTrue(hasSuccessExample(op), op + " has no example request answered with a 2xx status");
            }
            for (Iterator<String> names = examples.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                int status = documentedStatus(op, name);
                String body = JSON.writeValueAsString(examples.get(name).get("value"));
                HttpResponse<String> r = send(op.method(), op.path(), body, credentials(op));
                assertEquals(status, r.statusCode(), op + " example '" + name + "': " + r.body());
                assertDocumentedAnswer(op, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
            }
            if (!op.node().has("requestBody")) {
                Map<String, String> headers = new LinkedHashMap<>(credentials(op));
                if (op.method().equals("OPTIONS")) {
                    headers.put("Origin", ORIGIN);
                    headers.put("Access-Control-Request-Method", "POST");
                }
                HttpResponse<String> r = send(op.method(), op.path(), null, headers);
                assertEquals(2, r.statusCode() / 100, op + ": " + r.body());
                assertDocumentedAnswer(op, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
            }
        }
    }

    @Test
    void examplesFitTheirSchemas() {
        for (Operation op : operations()) {
            for (Iterator<Map.Entry<String, JsonNode>> statuses = op.node().path("responses").fields(); statuses.hasNext(); ) {
                Map.Entry<String, JsonNode> status = statuses.next();
                for (Iterator<Map.Entry<String, JsonNode>> media = schemas.resolve(status.getValue()).path("content").fields(); media.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = media.next();
                    for (Iterator<Map.Entry<String, JsonNode>> ex = m.getValue().path("examples").fields(); ex.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = ex.next();
                        assertEquals(List.of(), schemas.problems(e.getValue().get("value"), m.getValue().get("schema")),
                                op + " " + status.getKey() + " " + m.getKey() + " example '" + e.getKey() + "'");
                    }
                }
            }
            JsonNode requestSchema = op.node().path("requestBody").path("content").path("application/json").path("schema");
            for (Iterator<Map.Entry<String, JsonNode>> ex = op.requestExamples().fields(); ex.hasNext(); ) {
                Map.Entry<String, JsonNode> e = ex.next();
                if (documentedStatus(op, e.getKey()) / 100 == 2) {
                    assertEquals(List.of(), schemas.problems(e.getValue().get("value"), requestSchema), op + " request example '" + e.getKey() + "'");
                }
            }
        }
    }

    @Test
    void theRouteRequestSchemaHasEveryFieldTheServerReads() {
        Set<String> described = new HashSet<>();
        spec.path("components").path("schemas").path("RouteRequest").path("properties").fieldNames().forEachRemaining(described::add);
        assertEquals(Set.copyOf(RouteRequest.FIELDS), described);
    }

    @Test
    void tokensAreNeededWhereTheDescriptionSaysSo() throws Exception {
        for (Operation op : operations()) {
            if (credentials(op).isEmpty()) {
                continue; // answered without a token in everyExampleRequestIsAnsweredWithItsDocumentedStatusAndShape
            }
            HttpResponse<String> r = send(op.method(), op.path(), op.node().has("requestBody") ? "{}" : null, Map.of());
            assertEquals(401, r.statusCode(), op + " without its token: " + r.body());
            assertDocumentedAnswer(op, 401, r.headers().firstValue("Content-Type").orElse(null), r.body());
            JsonNode documentedHeaders = schemas.resolve(op.node().path("responses").path("401")).path("headers");
            documentedHeaders.fieldNames().forEachRemaining(h -> assertTrue(r.headers().firstValue(h).isPresent(), op + " 401 lacks " + h));
        }
    }

    @Test
    void refusalsHaveDocumentedStatusesAndShapes() throws Exception {
        for (Operation op : operations()) {
            String foreign = raw(op.method() + " " + op.path() + " HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertEquals(403, RoutingServerHardeningTest.status(foreign), op + " with a foreign Host: " + foreign);
            assertDocumentedAnswer(op, 403, "application/json", foreign.substring(foreign.indexOf("\r\n\r\n") + 4));
            if (!op.node().has("requestBody")) {
                continue;
            }
            Map<String, String> auth = credentials(op);
            HttpResponse<String> r = send(op.method(), op.path(), "{}", auth, null);
            assertEquals(415, r.statusCode(), op + " without a content type: " + r.body());
            assertDocumentedAnswer(op, 415, r.headers().firstValue("Content-Type").orElse(null), r.body());
            r = send(op.method(), op.path(), "{\"prompt\":\"" + "x".repeat(5000) + "\"}", auth);
            assertEquals(413, r.statusCode(), op + " with a body over --max-body: " + r.body());
            assertDocumentedAnswer(op, 413, r.headers().firstValue("Content-Type").orElse(null), r.body());
            r = send(op.method(), op.path(), "{\"prompt\": ", auth);
            assertDocumentedAnswer(op, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        }
    }

    @Test
    void theSchemaCheckFindsWhatIsWrong() {
        SchemaCheck check = schemas;
        JsonNode decision = spec.at("/components/schemas/Decision");
        assertEquals(List.of(), check.problems(json("{\"model\":\"m\",\"task\":1,\"taskSummary\":\"s\",\"cost\":null}"), decision));
        List<String> p = check.problems(json("{\"model\":\"m\",\"task\":1.5,\"cost\":0.1}"), decision);
        assertTrue(p.contains("$: the required property 'taskSummary' is missing"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("$.task: expected integer")), p.toString());
        JsonNode request = spec.at("/components/schemas/RouteRequest");
        assertFalse(check.problems(json("{\"prompt\":\"a\",\"prompts\":[\"b\"]}"), request).isEmpty(), "both alternatives of oneOf match");
        assertFalse(check.problems(json("{\"prompt\":\"a\",\"alpha\":2}"), request).isEmpty(), "alpha above its maximum");
        assertFalse(check.problems(json("{\"decisions\":[{\"model\":\"m\"}]}"), spec.at("/components/schemas/RouteResponse")).isEmpty());
    }

    @Test
    void aBrokenDescriptionIsRefusedWhenLoaded() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenApiSpec.parse(stream("{\"openapi\":\"2.0\",\"info\":{},\"paths\":{\"/a\":{}}}"), "1"));
        assertTrue(e.getMessage().contains("3.x"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> OpenApiSpec.parse(stream("{\"openapi\":\"3.0.3\",\"info\":{},\"paths\":{\"/a\":{\"get\":{}}}}"), "1"));
        assertTrue(e.getMessage().contains("get /a has no responses"), e.getMessage());
    }

    /** Routes served that no documented operation matches. */
    static List<HttpRoute> undocumented(List<HttpRoute> served, List<HttpRoute> documented) {
        return served.stream().filter(s -> documented.stream().noneMatch(s::covers)).toList();
    }

    /** Documented operations that no served route answers. */
    static List<HttpRoute> unserved(List<HttpRoute> served, List<HttpRoute> documented) {
        return documented.stream().filter(d -> served.stream().noneMatch(s -> s.covers(d))).toList();
    }

    private List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> out.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                    op.getValue())));
        }
        assertFalse(out.isEmpty(), "openapi.json describes no operation");
        return out;
    }

    /** The status whose response carries an example named like the request example; exactly one must. */
    private int documentedStatus(Operation op, String example) {
        List<String> statuses = new ArrayList<>();
        op.node().path("responses").fields().forEachRemaining(s -> schemas.resolve(s.getValue()).path("content").forEach(media -> {
            if (media.path("examples").has(example)) {
                statuses.add(s.getKey());
            }
        }));
        assertEquals(1, statuses.size(), op + ": request example '" + example + "' needs a response example of the same name under exactly one "
                + "status, found " + statuses);
        return Integer.parseInt(statuses.get(0));
    }

    private boolean hasSuccessExample(Operation op) {
        for (Iterator<String> names = op.requestExamples().fieldNames(); names.hasNext(); ) {
            if (documentedStatus(op, names.next()) / 100 == 2) {
                return true;
            }
        }
        return false;
    }

    /** The Authorization header an operation's {@code security} asks for (the named scheme; none for an open operation). */
    private Map<String, String> credentials(Operation op) {
        for (JsonNode requirement : op.node().path("security")) {
            Iterator<String> schemes = requirement.fieldNames();
            if (schemes.hasNext()) {
                String scheme = schemes.next();
                String token = switch (scheme) {
                    case "apiToken" -> API_TOKEN;
                    case "adminToken" -> server.adminToken();
                    default -> throw new AssertionError(op + ": unknown security scheme " + scheme);
                };
                assertTrue(spec.path("components").path("securitySchemes").has(scheme), "security scheme " + scheme + " is not declared");
                return Map.of("Authorization", "Bearer " + token);
            }
        }
        return Map.of();
    }

    /** The answer's status is documented for the operation, with this media type, and the body fits the schema. */
    private void assertDocumentedAnswer(Operation op, int status, String contentType, String body) throws IOException {
        JsonNode response = op.node().path("responses").path(Integer.toString(status));
        assertFalse(response.isMissingNode(), op + " answered " + status + ", which openapi.json does not document: " + body);
        JsonNode content = schemas.resolve(response).path("content");
        if (content.isEmpty()) {
            assertEquals("", body, op + " " + status + " is documented without a body");
            return;
        }
        String mediaType = RoutingServer.mediaType(contentType);
        JsonNode media = content.get(mediaType);
        assertNotNull(media, op + " " + status + " answered " + mediaType + "; documented: " + content);
        if ("application/json".equals(mediaType)) {
            assertEquals(List.of(), schemas.problems(JSON.readTree(body), media.get("schema")), op + " " + status + " answered " + body);
        } else {
            assertEquals("string", schemas.resolve(media.get("schema")).path("type").asText(), op + " " + status + " " + mediaType);
            assertFalse(body.isEmpty(), op + " " + status + " answered an empty " + mediaType);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        return send(method, path, body, headers, body == null ? null : "application/json");
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request the HTTP client would not send (a foreign Host header), over a raw loopback socket. */
    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return RoutingServerHardeningTest.readAll(s);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

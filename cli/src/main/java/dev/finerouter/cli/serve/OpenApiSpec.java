package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineVersion;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3 description of the routing server, answered at {@code GET /openapi.json}: the hand-written resource
 * {@value #RESOURCE} beside this class, read and checked once, with {@code info.version} set to the engine version.
 * Its request and response schemas describe what the server really accepts and answers; {@code OpenApiServerTest}
 * holds it to that against a running server (every registered route described, every described route registered,
 * every example request answered with the documented status and shape).
 */
public final class OpenApiSpec {
    /** The resource name, beside this class. */
    static final String RESOURCE = "openapi.json";
    /** The path the server answers it on. */
    public static final String PATH = "/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static OpenApiSpec loaded;

    private final JsonNode tree;
    private final String json;
    private final List<HttpRoute> operations;

    private OpenApiSpec(JsonNode tree, List<HttpRoute> operations) {
        this.tree = tree;
        this.json = DecisionJson.text(tree);
        this.operations = List.copyOf(operations);
    }

    /**
     * The server's description, read from the resource on first use.
     *
     * @throws IllegalStateException when the resource is missing or is not an OpenAPI 3 document (a build defect)
     */
    public static synchronized OpenApiSpec get() {
        if (loaded == null) {
            try (InputStream in = OpenApiSpec.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the resource " + RESOURCE + " is missing beside " + OpenApiSpec.class.getName());
                }
                loaded = parse(in, EngineVersion.get());
            } catch (IOException e) {
                throw new IllegalStateException("the resource " + RESOURCE + " cannot be read: " + e.getMessage(), e);
            }
        }
        return loaded;
    }

    /**
     * Reads and checks a description: {@code openapi} 3.x, an {@code info} object and at least one path, each path
     * starting with {@code /} and each operation with at least one response.
     *
     * @param in the JSON document
     * @param version written to {@code info.version}
     * @throws IllegalStateException naming what is wrong
     */
    static OpenApiSpec parse(InputStream in, String version) throws IOException {
        JsonNode tree = DecisionJson.MAPPER.readTree(in);
        if (tree == null || !tree.isObject()) {
            throw new IllegalStateException(RESOURCE + ": not a JSON object");
        }
        String openapi = tree.path("openapi").asText("");
        if (!openapi.startsWith("3.")) {
            throw new IllegalStateException(RESOURCE + ": 'openapi' must be a 3.x version, was '" + openapi + "'");
        }
        if (!(tree.get("info") instanceof ObjectNode info)) {
            throw new IllegalStateException(RESOURCE + ": 'info' must be an object");
        }
        info.put("version", version);
        JsonNode paths = tree.path("paths");
        if (!paths.isObject() || paths.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": 'paths' must be an object with at least one path");
        }
        List<HttpRoute> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/")) {
                throw new IllegalStateException(RESOURCE + ": the path '" + path.getKey() + "' does not start with '/'");
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue; // path-level "parameters", "summary", …
                }
                if (!op.getValue().path("responses").isObject() || op.getValue().path("responses").isEmpty()) {
                    throw new IllegalStateException(RESOURCE + ": " + op.getKey() + " " + path.getKey() + " has no responses");
                }
                operations.add(HttpRoute.of(op.getKey(), path.getKey()));
            }
        }
        return new OpenApiSpec(tree, operations);
    }

    /** The document as compact JSON text, as {@code GET /openapi.json} sends it. */
    public String json() {
        return json;
    }

    /** A copy of the document's tree. */
    public JsonNode tree() {
        return tree.deepCopy();
    }

    /** Every operation described, as method and path, in document order. */
    public List<HttpRoute> operations() {
        return operations;
    }
}

package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where {@code /v1/chat/completions} forwards to, per pool model: an OpenAI-compatible base URL, the name of the
 * environment variable with the API key (never the key itself), and the upstream's name of the model. File format:
 * <pre>{"models": {"coder-xl": {"baseUrl": "https://api.example.com/v1", "apiKeyEnv": "EXAMPLE_API_KEY", "model": "coder-xl-2025"}}}</pre>
 *
 * @param models pool model name → upstream
 */
public record UpstreamConfig(Map<String, Upstream> models) {
    /** No upstreams: chat completions answer 503. */
    public static final UpstreamConfig NONE = new UpstreamConfig(Map.of());

    public UpstreamConfig {
        models = Map.copyOf(new TreeMap<>(Objects.requireNonNull(models, "models")));
    }

    /**
     * One upstream.
     *
     * @param baseUrl API root including the version, e.g. {@code https://api.openai.com/v1}; requests go to
     *                {@code baseUrl + "/chat/completions"}
     * @param apiKeyEnv environment variable holding the API key, or {@code null} for none
     * @param model the model name the upstream expects
     */
    public record Upstream(URI baseUrl, String apiKeyEnv, String model) {
        public Upstream {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(model, "model");
            if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl);
            }
            if (model.isBlank()) {
                throw new IllegalArgumentException("model is blank");
            }
            if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
                apiKeyEnv = null;
            }
        }

        /** The chat completions endpoint. */
        public URI completionsUri() {
            String s = baseUrl.toString();
            return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/chat/completions");
        }
    }

    /**
     * Reads an upstreams file.
     *
     * @throws EngineException naming the file and the entry when it is malformed
     */
    public static UpstreamConfig load(Path file) throws EngineException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new EngineException("no upstreams file at " + file, "pass a JSON file to --upstreams (see docs/bundle-format.md)", e);
        } catch (IOException e) {
            throw new EngineException(file + " is not valid JSON: " + e.getMessage(), "fix the upstreams file", e);
        }
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isObject()) {
            throw new EngineException(file + " needs a \"models\" object", "{\"models\": {\"name\": {\"baseUrl\": ..., \"apiKeyEnv\": ..., \"model\": ...}}}", null);
        }
        Map<String, Upstream> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : models.properties()) {
            JsonNode u = e.getValue();
            try {
                String base = u.path("baseUrl").asText(null);
                if (base == null) {
                    throw new IllegalArgumentException("baseUrl is missing");
                }
                out.put(e.getKey(), new Upstream(URI.create(base), u.path("apiKeyEnv").asText(null), u.path("model").asText(e.getKey())));
            } catch (IllegalArgumentException ex) {
                throw new EngineException(file + ": models." + e.getKey() + ": " + ex.getMessage(), "fix the upstreams file", ex);
            }
        }
        return new UpstreamConfig(out);
    }
}

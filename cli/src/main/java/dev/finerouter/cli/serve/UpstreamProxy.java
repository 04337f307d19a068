package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Forwards an OpenAI chat-completions request to the chosen model's upstream and relays the answer: JSON answers with
 * {@code model} set to the chosen pool model; streamed answers ({@code stream: true}, server-sent events) byte for byte
 * as they arrive. Upstream errors with a JSON body pass through with their status; an empty or non-JSON error body (an
 * HTML error page, a bare 404) is replaced by an OpenAI-style error {@code {"error": {"message", "type": "upstream_error",
 * "code": status}}} with the upstream's status, and a successful answer that is not a JSON object becomes a 502 of the
 * same shape, so clients always get JSON. An unreachable upstream is a 502. The client's own credentials are never
 * forwarded; the upstream's key comes from its environment variable.
 */
public final class UpstreamProxy {
    /** Response header naming the chosen pool model. */
    public static final String MODEL_HEADER = "X-FineRouter-Model";
    /** Largest non-streamed upstream answer relayed (32 MiB); a longer one is a 502. */
    static final int MAX_ANSWER_BYTES = 32 << 20;

    private final HttpClient client;
    private final Duration timeout;
    private final Function<String, String> environment;

    /**
     * @param timeout how long to wait for the upstream's response headers
     * @param environment reads environment variables (API keys); {@code System::getenv} in production
     */
    public UpstreamProxy(Duration timeout, Function<String, String> environment) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A forwarding failure with the HTTP status and message the client should see. */
    public static final class ProxyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String type;

        ProxyException(int status, String type, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.type = type;
        }

        /** HTTP status for the client. */
        public int status() {
            return status;
        }

        /** Error type for the client's JSON. */
        public String type() {
            return type;
        }
    }

    /**
     * Forwards the request and writes the answer to {@code ctx}.
     *
     * @param ctx the client's request
     * @param upstream where to send it
     * @param poolModel the chosen pool model's name
     * @param body the client's request body; {@code model} is replaced by the upstream's model name
     * @throws ProxyException before anything was written to the client (no key, upstream unreachable)
     */
    public void forward(Context ctx, UpstreamConfig.Upstream upstream, String poolModel, ObjectNode body) throws ProxyException {
        ObjectNode out = body.deepCopy();
        out.put("model", upstream.model());
        boolean stream = out.path("stream").asBoolean(false);
        HttpRequest.Builder req = HttpRequest.newBuilder(upstream.completionsUri()).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(out.toString(), StandardCharsets.UTF_8));
        if (upstream.apiKeyEnv() != null) {
            String key = environment.apply(upstream.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new ProxyException(503, "upstream_not_configured", "the upstream of model '" + poolModel + "' needs the API key in $"
                        + upstream.apiKeyEnv() + ", which is not set on the server", null);
            }
            req.header("Authorization", "Bearer " + key);
        }
        HttpResponse<InputStream> res;
        try {
            res = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ProxyException(502, "upstream_unreachable", "the upstream of model '" + poolModel + "' (" + upstream.completionsUri()
                    + ") did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyException(503, "shutting_down", "interrupted while waiting for the upstream", e);
        }
        ctx.header(MODEL_HEADER, poolModel);
        String contentType = res.headers().firstValue("Content-Type").orElse("application/json");
        try (InputStream in = res.body()) {
            boolean ok = res.statusCode() / 100 == 2;
            if (stream && ok && contentType.startsWith("text/event-stream")) {
                ctx.status(res.statusCode());
                ctx.contentType(contentType);
                ctx.header("Cache-Control", "no-cache");
                OutputStream os = ctx.res().getOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    os.write(buf, 0, n);
                    os.flush(); // each event reaches the client as soon as the upstream sent it
                }
                return;
            }
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            int status = res.statusCode();
            String who = "the upstream of model '" + poolModel + "' (" + upstream.completionsUri() + ")";
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new ProxyException(502, "upstream_error", who + " answered " + status + " with more than " + MAX_ANSWER_BYTES
                        + " bytes; not relayed", null);
            }
            JsonNode json = parseJson(bytes);
            if (ok) {
                if (!(json instanceof ObjectNode o)) {
                    throw new ProxyException(502, "upstream_error", who + " answered " + status + " with " + describe(bytes, contentType)
                            + " instead of a JSON chat completion", null);
                }
                o.put("model", poolModel);
                ctx.status(status);
                ctx.contentType("application/json");
                ctx.result(o.toString().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (json == null) {
                int code = status >= 400 && status <= 599 ? status : 502;
                throw new ProxyException(code, "upstream_error", who + " answered " + status + " with " + describe(bytes, contentType), null);
            }
            ctx.status(status);
            ctx.contentType("application/json");
            ctx.result(bytes);
        } catch (IOException e) {
            if (ctx.res().isCommitted()) {
                return; // the stream broke mid-way: the client sees a truncated stream, as it would from the upstream
            }
            throw new ProxyException(502, "upstream_unreachable", "the upstream of model '" + poolModel + "' broke off: " + e, e);
        }
    }

    /** The body as JSON, or {@code null} when it is empty or not JSON. */
    private static JsonNode parseJson(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            JsonNode n = DecisionJson.MAPPER.readTree(bytes);
            return n == null || n.isMissingNode() ? null : n;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** "an empty body", or "a non-JSON body (text/html, 1234 bytes): <first 200 characters>". */
    static String describe(byte[] bytes, String contentType) {
        if (bytes.length == 0) {
            return "an empty body";
        }
        String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        return "a non-JSON body (" + contentType + ", " + bytes.length + " bytes): " + text;
    }
}

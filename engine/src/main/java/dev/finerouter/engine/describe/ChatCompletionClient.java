package dev.finerouter.engine.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One chat completion at a time against an OpenAI-compatible endpoint ({@code POST baseUrl/chat/completions}),
 * with the retry policy of {@link ChatEndpointConfig}. Thread-safe: callers bound their own concurrency.
 *
 * <p>Retry policy. Retried, up to {@code maxAttempts} in all: HTTP 408, 429 and 5xx; timeouts and connection
 * failures; a 2xx answer that is not JSON, has no {@code choices[0].message.content}, or whose post-processed
 * answer is empty. The wait before retry {@code k} (1-based) is {@code min(maxBackoff, initialBackoff·2^(k-1))}
 * scaled by a jitter factor in [0.5, 1) drawn from a generator seeded by the caller, so runs are reproducible; a
 * {@code Retry-After} header (seconds or an HTTP date) raises the wait to at least what it asks, capped at
 * {@code maxBackoff}. Any other 4xx fails at once with an {@link EngineException} naming the status and the start
 * of the body. Waits notice cancellation within 50 ms.
 *
 * <p>The API key is read once, through an injectable environment lookup, and only ever placed in the
 * {@code Authorization} header: it never appears in a message, a log line or {@link #toString()}.
 */
public final class ChatCompletionClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT_CHARS = 200;
    private static final long SLEEP_SLICE_MS = 50;
    /** Answers are one sentence: this bounds what the server generates. */
    private static final int MAX_TOKENS = 128;

    private final ChatEndpointConfig config;
    private final String apiKey;
    private final HttpClient http;
    private final URI uri;

    /**
     * @param config the endpoint
     * @param env looks up environment variables (normally {@code System::getenv}); used once, for the API key
     */
    public ChatCompletionClient(ChatEndpointConfig config, Function<String, String> env) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        String key = config.apiKeyEnv() == null ? null : env.apply(config.apiKeyEnv());
        this.apiKey = key == null || key.isBlank() ? null : key.trim();
        this.uri = config.completionsUri();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .build();
    }

    /** The endpoint configuration. */
    public ChatEndpointConfig config() {
        return config;
    }

    /** Whether an API key was found in the named environment variable. */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    /**
     * Asks for one completion, retrying as described in the class comment.
     *
     * @param system the system message
     * @param user the user message
     * @param jitterSeed seeds the retry jitter of this call
     * @param ctx checked for cancellation before each attempt and during waits
     * @param postProcess turns the raw answer into the final one; an empty result counts as a bad answer
     * @return the non-empty post-processed answer
     * @throws EngineException on a non-retryable status, when attempts run out, or {@link CancelledException}
     */
    public String complete(String system, String user, long jitterSeed, StageContext ctx, UnaryOperator<String> postProcess)
            throws EngineException {
        HttpRequest request = buildRequest(system, user);
        SplittableRandom jitter = new SplittableRandom(jitterSeed);
        String lastProblem = "no attempt made";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            ctx.checkCancelled();
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    String problem;
                    try {
                        String content = extractContent(response.body());
                        String answer = postProcess.apply(content);
                        if (answer != null && !answer.isBlank()) {
                            return answer;
                        }
                        problem = "empty answer";
                    } catch (IOException e) {
                        problem = "answer is not JSON: " + excerpt(response.body());
                    } catch (BadAnswerException e) {
                        problem = e.getMessage() + ": " + excerpt(response.body());
                    }
                    lastProblem = problem;
                } else if (isRetryable(status)) {
                    lastProblem = "HTTP " + status + ": " + excerpt(response.body());
                    retryAfter = response.headers().firstValue("Retry-After").map(ChatCompletionClient::parseRetryAfter).orElse(null);
                } else {
                    throw new EngineException("chat endpoint " + uri + " answered HTTP " + status + ": " + excerpt(response.body()),
                            hintFor(status), null);
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + config.timeout().toMillis() + " ms";
            } catch (IOException e) {
                lastProblem = "connection failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
            if (attempt < config.maxAttempts()) {
                sleep(delay(attempt, retryAfter, jitter), ctx);
            }
        }
        throw new EngineException("chat endpoint " + uri + " gave no usable answer after " + config.maxAttempts()
                + " attempts; last problem: " + lastProblem,
                "check that the server is up and serves model '" + config.model() + "', or raise the attempts or the timeout", null);
    }

    private HttpRequest buildRequest(String system, String user) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", config.model());
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        messages.addObject().put("role", "user").put("content", user);
        body.put("temperature", 0);
        body.put("max_tokens", MAX_TOKENS);
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a request", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b.build();
    }

    private static String extractContent(String body) throws IOException, BadAnswerException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new BadAnswerException("answer is not a JSON object");
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new BadAnswerException("answer has no choices");
        }
        JsonNode content = choices.get(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new BadAnswerException("answer has no choices[0].message.content");
        }
        return content.asText();
    }

    private static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private String hintFor(int status) {
        if (status == 401 || status == 403) {
            return config.apiKeyEnv() == null
                    ? "the server wants an API key: name the environment variable that holds it"
                    : "check the API key in the environment variable " + config.apiKeyEnv()
                    + (apiKey == null ? " (it is not set)" : "");
        }
        if (status == 404) {
            return "check the base URL (it usually ends in /v1) and the model name '" + config.model() + "'";
        }
        return "check the endpoint configuration";
    }

    Duration delay(int attempt, Duration retryAfter, SplittableRandom jitter) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long exp = initial << Math.min(attempt - 1, 30);
        if (exp < 0 || exp > max) {
            exp = max;
        }
        long ms = (long) (exp * (0.5 + 0.5 * jitter.nextDouble()));
        if (retryAfter != null) {
            ms = Math.max(ms, retryAfter.toMillis());
        }
        return Duration.ofMillis(Math.min(ms, max));
    }

    /** Parses a {@code Retry-After} value: delta seconds or an HTTP date; {@code null} when unreadable. */
    static Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static void sleep(Duration d, StageContext ctx) throws CancelledException {
        long end = System.nanoTime() + d.toNanos();
        try {
            while (true) {
                ctx.checkCancelled();
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.min(SLEEP_SLICE_MS, Math.max(1, left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    static String excerpt(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String s = body.replaceAll("\\s+", " ").trim();
        return s.length() <= EXCERPT_CHARS ? s : s.substring(0, EXCERPT_CHARS) + "…";
    }

    @Override
    public String toString() {
        return "ChatCompletionClient[" + uri + ", model=" + config.model() + ", key=" + (apiKey == null ? "none" : "from $" + config.apiKeyEnv()) + "]";
    }

    private static final class BadAnswerException extends Exception {
        private static final long serialVersionUID = 1L;

        BadAnswerException(String message) {
            super(message, null, false, false);
        }
    }
}

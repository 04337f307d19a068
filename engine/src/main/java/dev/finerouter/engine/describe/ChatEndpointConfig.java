package dev.finerouter.engine.describe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to call an OpenAI-compatible chat-completions endpoint. Immutable and validated; holds the
 * <em>name</em> of the environment variable with the API key, never the key itself, so it can be logged and
 * serialised safely.
 *
 * @param baseUrl the API root including the version, for example {@code http://127.0.0.1:8000/v1}; requests go to
 *                {@code baseUrl + "/chat/completions"}
 * @param model the model name sent in every request
 * @param apiKeyEnv name of the environment variable holding the API key, or {@code null} for none (local servers);
 *                  when named but unset, requests are sent without an {@code Authorization} header
 * @param maxConcurrency requests in flight at most, at least 1 (default 4)
 * @param timeout per-request timeout, positive (default 60 s)
 * @param maxAttempts attempts per prompt including the first, at least 1 (default 5)
 * @param initialBackoff wait before the first retry; doubles on each further retry (default 1 s)
 * @param maxBackoff cap on one wait, including a server's {@code Retry-After} (default 60 s)
 * @param maxPromptChars prompts longer than this are shortened before sending, at least 100 (default 8,000); see
 *                       {@link PromptTruncation}
 */
public record ChatEndpointConfig(URI baseUrl, String model, String apiKeyEnv, int maxConcurrency, Duration timeout,
                                 int maxAttempts, Duration initialBackoff, Duration maxBackoff, int maxPromptChars) {

    /** Default requests in flight. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;
    /** Default per-request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Default attempts per prompt. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default first retry wait. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Default cap on one wait. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    /** Default prompt length limit, in characters. */
    public static final int DEFAULT_MAX_PROMPT_CHARS = 8_000;

    /** Validates every field. */
    public ChatEndpointConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an absolute http(s) URL, got " + baseUrl);
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name is blank");
        }
        if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
            apiKeyEnv = null;
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1, got " + maxConcurrency);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
        if (maxPromptChars < 100) {
            throw new IllegalArgumentException("maxPromptChars must be >= 100, got " + maxPromptChars);
        }
    }

    /** A configuration with every default. */
    public static ChatEndpointConfig of(String baseUrl, String model, String apiKeyEnv) {
        return new ChatEndpointConfig(URI.create(baseUrl), model, apiKeyEnv, DEFAULT_MAX_CONCURRENCY, DEFAULT_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_PROMPT_CHARS);
    }

    /** This configuration with another concurrency bound. */
    public ChatEndpointConfig withMaxConcurrency(int n) {
        return new ChatEndpointConfig(baseUrl, model, apiKeyEnv, n, timeout, maxAttempts, initialBackoff, maxBackoff, maxPromptChars);
    }

    /** This configuration with another per-request timeout. */
    public ChatEndpointConfig withTimeout(Duration t) {
        return new ChatEndpointConfig(baseUrl, model, apiKeyEnv, maxConcurrency, t, maxAttempts, initialBackoff, maxBackoff, maxPromptChars);
    }

    /** This configuration with another retry policy. */
    public ChatEndpointConfig withRetries(int attempts, Duration initial, Duration max) {
        return new ChatEndpointConfig(baseUrl, model, apiKeyEnv, maxConcurrency, timeout, attempts, initial, max, maxPromptChars);
    }

    /** This configuration with another prompt length limit. */
    public ChatEndpointConfig withMaxPromptChars(int chars) {
        return new ChatEndpointConfig(baseUrl, model, apiKeyEnv, maxConcurrency, timeout, maxAttempts, initialBackoff, maxBackoff, chars);
    }

    /** The URL requests are sent to: {@code baseUrl} without trailing slashes, plus {@code /chat/completions}. */
    public URI completionsUri() {
        String s = baseUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s + "/chat/completions");
    }
}

package dev.finerouter.cli.serve;

import dev.finerouter.engine.service.RouterService;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the routing server. Every limit is documented in {@code docs/operations.md} ("Limits, tokens and the
 * Host allow-list").
 *
 * @param host interface to bind (default loopback only)
 * @param port TCP port, 0 for any free port
 * @param maxBodyBytes largest accepted request body, counted on the bytes actually read (chunked uploads included);
 *                     larger ones get 413
 * @param idleTimeout connections idle longer are closed (Jetty connector idle timeout)
 * @param upstreamTimeout how long to wait for an upstream's response headers
 * @param drainTimeout on shutdown, how long in-flight requests may take before the server stops anyway
 * @param maxPrompts most prompts one {@code /v1/route} request may carry; more get 413 before any embedding work
 * @param maxPromptChars longest prompt (in UTF-16 characters) routed; longer ones get 413 before any embedding work
 * @param readTimeout the whole request body must arrive within this time (slow bodies get 408 and the worker is freed)
 * @param maxConcurrent requests handled at once by {@code /v1/*} POST endpoints and {@code /admin/*}; more get 503
 *                      with {@code Retry-After}
 * @param maxQueued jobs Jetty's worker pool may queue when every thread is busy; beyond that new connections are refused
 * @param allowedHosts accepted {@code Host} header names ({@code name} for any port, {@code name:port} for one port,
 *                     {@code *} for any host); the loopback names are used when empty
 * @param adminToken bearer token {@code /admin/*} requires; {@code null} makes the server generate one at start
 * @param apiToken bearer token the routing endpoints ({@code /v1/*}) require, or {@code null} for none
 * @param corsOrigins browser origins (e.g. {@code https://app.example.com}) allowed to call {@code /v1/*}; empty: CORS off
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Duration idleTimeout, Duration upstreamTimeout, Duration drainTimeout,
                           int maxPrompts, int maxPromptChars, Duration readTimeout, int maxConcurrent, int maxQueued,
                           List<String> allowedHosts, String adminToken, String apiToken, List<String> corsOrigins) {
    /** Host names accepted when no allow-list is configured: loopback only, any port. */
    public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");
    /** Default most prompts per {@code /v1/route} request: one batch of the networks. */
    public static final int DEFAULT_MAX_PROMPTS = RouterService.BATCH;
    /** Default longest prompt in characters. */
    public static final int DEFAULT_MAX_PROMPT_CHARS = 100_000;
    /** Shortest token accepted from a file or the environment. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /**
     * Loopback, port 8080, 1 MB bodies, 30 s idle, 120 s upstream, 10 s drain, 256 prompts of at most 100,000
     * characters, 10 s to send a body, 64 concurrent requests, 256 queued jobs, loopback Host names, a generated admin
     * token, no API token, CORS off.
     */
    public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8080, 1_000_000, Duration.ofSeconds(30),
            Duration.ofSeconds(120), Duration.ofSeconds(10), DEFAULT_MAX_PROMPTS, DEFAULT_MAX_PROMPT_CHARS, Duration.ofSeconds(10), 64, 256,
            List.of(), null, null, List.of());

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || upstreamTimeout.isNegative() || upstreamTimeout.isZero() || drainTimeout.isNegative()
                || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxPrompts < 1) {
            throw new IllegalArgumentException("max prompts per request must be >= 1, was " + maxPrompts);
        }
        if (maxPromptChars < 1) {
            throw new IllegalArgumentException("max prompt length must be >= 1 character, was " + maxPromptChars);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("max concurrent requests must be >= 1, was " + maxConcurrent);
        }
        if (maxQueued < 1) {
            throw new IllegalArgumentException("max queued jobs must be >= 1, was " + maxQueued);
        }
        for (String h : allowedHosts) {
            if (h.isBlank() || h.contains("/") || h.contains(" ")) {
                throw new IllegalArgumentException("allowed host '" + h + "' is not a host name (e.g. router.example.com or router.example.com:443)");
            }
        }
        for (String o : corsOrigins) {
            if (!(o.startsWith("http://") || o.startsWith("https://")) || o.endsWith("/")) {
                throw new IllegalArgumentException("CORS origin '" + o + "' must look like https://app.example.com (scheme, host, optional port, no path)");
            }
        }
        checkToken(adminToken, "admin token");
        checkToken(apiToken, "API token");
    }

    private static void checkToken(String token, String what) {
        if (token == null) {
            return;
        }
        if (token.length() < MIN_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("the " + what + " must be at least " + MIN_TOKEN_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }

    /** The Host allow-list in effect: the configured one, or the loopback names plus the bound address. */
    public List<String> effectiveAllowedHosts() {
        if (!allowedHosts.isEmpty()) {
            return allowedHosts;
        }
        List<String> out = new java.util.ArrayList<>(LOOPBACK_HOSTS);
        String bound = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        if (!bound.equals("0.0.0.0") && !bound.equals("[::]") && !out.contains(bound.toLowerCase(Locale.ROOT))) {
            out.add(bound.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** This configuration on another host and port. */
    public ServerConfig withAddress(String newHost, int newPort) {
        return new ServerConfig(newHost, newPort, maxBodyBytes, idleTimeout, upstreamTimeout, drainTimeout, maxPrompts, maxPromptChars, readTimeout,
                maxConcurrent, maxQueued, allowedHosts, adminToken, apiToken, corsOrigins);
    }

    /** This configuration with another body limit. */
    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(host, port, bytes, idleTimeout, upstreamTimeout, drainTimeout, maxPrompts, maxPromptChars, readTimeout,
                maxConcurrent, maxQueued, allowedHosts, adminToken, apiToken, corsOrigins);
    }

    /** This configuration with another upstream timeout. */
    public ServerConfig withUpstreamTimeout(Duration timeout) {
        return new ServerConfig(host, port, maxBodyBytes, idleTimeout, timeout, drainTimeout, maxPrompts, maxPromptChars, readTimeout,
                maxConcurrent, maxQueued, allowedHosts, adminToken, apiToken, corsOrigins);
    }

    /** This configuration with other prompt limits. */
    public ServerConfig withPromptLimits(int newMaxPrompts, int newMaxPromptChars) {
        return new ServerConfig(host, port, maxBodyBytes, idleTimeout, upstreamTimeout, drainTimeout, newMaxPrompts, newMaxPromptChars, readTimeout,
                maxConcurrent, maxQueued, allowedHosts, adminToken, apiToken, corsOrigins);
    }

    /** This configuration with other connection timeouts (idle connections, slow bodies). */
    public ServerConfig withTimeouts(Duration newIdleTimeout, Duration newReadTimeout) {
        return new ServerConfig(host, port, maxBodyBytes, newIdleTimeout, upstreamTimeout, drainTimeout, maxPrompts, maxPromptChars, newReadTimeout,
                maxConcurrent, maxQueued, allowedHosts, adminToken, apiToken, corsOrigins);
    }

    /** This configuration with another worker bound (concurrent requests, queued jobs). */
    public ServerConfig withWorkers(int newMaxConcurrent, int newMaxQueued) {
        return new ServerConfig(host, port, maxBodyBytes, idleTimeout, upstreamTimeout, drainTimeout, maxPrompts, maxPromptChars, readTimeout,
                newMaxConcurrent, newMaxQueued, allowedHosts, adminToken, apiToken, corsOrigins);
    }

    /** This configuration with another Host allow-list (empty: loopback names). */
    public ServerConfig withAllowedHosts(List<String> hosts) {
        return new ServerConfig(host, port, maxBodyBytes, idleTimeout, upstreamTimeout, drainTimeout, maxPrompts, maxPromptChars, readTimeout,
                maxConcurrent, maxQueued, hosts, adminToken, apiToken, corsOrigins);
    }

    /** This configuration with other tokens ({@code null} admin token: generated at start; {@code null} API token: none). */
    public ServerConfig withTokens(String newAdminToken, String newApiToken) {
        return new ServerConfig(host, port, maxBodyBytes, idleTimeout, upstreamTimeout, drainTimeout, maxPrompts, maxPromptChars, readTimeout,
                maxConcurrent, maxQueued, allowedHosts, newAdminToken, newApiToken, corsOrigins);
    }

    /** This configuration with other CORS origins (empty: CORS off). */
    public ServerConfig withCorsOrigins(List<String> origins) {
        return new ServerConfig(host, port, maxBodyBytes, idleTimeout, upstreamTimeout, drainTimeout, maxPrompts, maxPromptChars, readTimeout,
                maxConcurrent, maxQueued, allowedHosts, adminToken, apiToken, origins);
    }

    /** Hides the tokens. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes + ", idleTimeout=" + idleTimeout + ", upstreamTimeout="
                + upstreamTimeout + ", drainTimeout=" + drainTimeout + ", maxPrompts=" + maxPrompts + ", maxPromptChars=" + maxPromptChars
                + ", readTimeout=" + readTimeout + ", maxConcurrent=" + maxConcurrent + ", maxQueued=" + maxQueued + ", allowedHosts=" + allowedHosts
                + ", adminToken=" + (adminToken == null ? "generated" : "set") + ", apiToken=" + (apiToken == null ? "none" : "set")
                + ", corsOrigins=" + corsOrigins + "]";
    }
}

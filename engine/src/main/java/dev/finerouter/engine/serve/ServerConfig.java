package dev.finerouter.engine.serve;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the routing server.
 *
 * @param host interface to bind (default loopback only)
 * @param port TCP port, 0 for any free port
 * @param maxBodyBytes largest accepted request body; larger ones get 413
 * @param idleTimeout connections idle longer are closed
 * @param upstreamTimeout how long to wait for an upstream's response headers
 * @param drainTimeout on shutdown, how long in-flight requests may take before the server stops anyway
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Duration idleTimeout, Duration upstreamTimeout, Duration drainTimeout) {
    /** Loopback, port 8080, 1 MB bodies, 30 s idle, 120 s upstream, 10 s drain. */
    public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8080, 1_000_000, Duration.ofSeconds(30),
            Duration.ofSeconds(120), Duration.ofSeconds(10));

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || upstreamTimeout.isNegative() || upstreamTimeout.isZero() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** This configuration on another host and port. */
    public ServerConfig withAddress(String newHost, int newPort) {
        return new ServerConfig(newHost, newPort, maxBodyBytes, idleTimeout, upstreamTimeout, drainTimeout);
    }

    /** This configuration with another body limit. */
    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(host, port, bytes, idleTimeout, upstreamTimeout, drainTimeout);
    }

    /** This configuration with another upstream timeout. */
    public ServerConfig withUpstreamTimeout(Duration timeout) {
        return new ServerConfig(host, port, maxBodyBytes, idleTimeout, timeout, drainTimeout);
    }
}

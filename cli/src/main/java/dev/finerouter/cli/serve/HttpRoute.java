package dev.finerouter.cli.serve;

import java.util.Locale;
import java.util.Objects;

/**
 * One route the routing server answers: an HTTP method and a path as registered with Javalin, where a trailing
 * {@code *} stands for any rest of the path ({@code OPTIONS /v1/*}, the CORS preflight).
 *
 * @param method the HTTP method in upper case, e.g. {@code GET}
 * @param path the path, starting with {@code /}
 */
public record HttpRoute(String method, String path) {
    /** Checks the method and the path. */
    public HttpRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("an HTTP method is an upper-case word such as GET, was '" + method + "'");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route's path starts with '/', was '" + path + "'");
        }
    }

    /** A route from an OpenAPI operation: its method key ({@code get}, {@code post}, …) and its path. */
    static HttpRoute of(String method, String path) {
        return new HttpRoute(method.toUpperCase(Locale.ROOT), path);
    }

    /** Whether this route answers {@code other}: the same method, and the same path or one its trailing {@code *} matches. */
    public boolean covers(HttpRoute other) {
        if (!method.equals(other.method)) {
            return false;
        }
        return path.endsWith("*") ? other.path.startsWith(path.substring(0, path.length() - 1)) : path.equals(other.path);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}

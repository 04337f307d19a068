package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.decisionlog.DecisionLog;
import dev.finerouter.engine.decisionlog.DecisionRecords;
import dev.finerouter.engine.model.HumanNumbers;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.service.RouterService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The routing server (Javalin on Jetty 11): {@code POST /v1/route}, OpenAI-compatible {@code POST /v1/chat/completions}
 * with {@code model: "auto"}, {@code GET /v1/models}, {@code GET /health}, {@code GET /metrics} (Prometheus) and
 * {@code POST /admin/reload}, and its own OpenAPI 3 description at {@code GET /openapi.json} ({@link OpenApiSpec}). Errors
 * are JSON {@code {"error": {"message", "type", "code"}}}. {@link #routes()} lists what Javalin registered, so a test can
 * hold the description to the routes really served.
 *
 * <p>The active {@link RouterService} sits in an {@link AtomicReference}: a reload builds the new one completely and
 * swaps it in, while requests already running finish with the one they started with. {@link #stop()} drains: new
 * requests get 503 while running ones get up to the drain timeout to finish.
 *
 * <p>Hardening (issue 17, {@code docs/operations.md}): every request's {@code Host} must be on the allow-list (loopback
 * names by default, against DNS rebinding); POST bodies must be {@code application/json} (415 otherwise, so a web page
 * cannot send one without a CORS preflight, which is refused unless origins are configured) and are read with a byte
 * limit counted on what arrives (chunked included, 413) within a read timeout (408); {@code /admin/*} needs the admin
 * token as a bearer token and refuses requests carrying a browser {@code Origin}; {@code /v1/*} needs the API token when
 * one is set; prompts per request and prompt length are capped (413) and empty prompts refused (422) before any
 * embedding work; at most {@link ServerConfig#maxConcurrent()} requests are worked on at once (503 with
 * {@code Retry-After} beyond), on a Jetty pool with a bounded job queue.
 */
public final class RoutingServer implements AutoCloseable {
    /** Loads a bundle into a service (opening or reusing its encoder); used at reload. */
    @FunctionalInterface
    public interface ServiceFactory {
        /** Reads the bundle at {@code path} and makes a service for it. */
        RouterService open(Path path) throws EngineException;
    }

    private static final String STARTED = "finerouter.started";
    private static final String SLOT = "finerouter.slot";
    /** Jetty threads beyond {@link ServerConfig#maxConcurrent()}: acceptor, selector, and quick answers (503, /health). */
    static final int SPARE_THREADS = 16;
    /** Seconds a client is told to wait ({@code Retry-After}) when every worker is busy. */
    static final int RETRY_AFTER_SECONDS = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerConfig config;
    private final AtomicReference<RouterService> active;
    private final ServiceFactory factory;
    private final Path bundlePath;
    private final UpstreamConfig upstreams;
    private final UpstreamProxy proxy;
    private final DecisionLog decisionLog;
    private final ServerMetrics metrics = new ServerMetrics();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Object reloadLock = new Object();
    private final String adminToken;
    private final List<String> allowedHosts;
    private final Semaphore workers;
    private Javalin app;
    /** The routes registered at start (method and path), and the concrete paths among them, which metrics label by. */
    private volatile List<HttpRoute> routes = List.of();
    private volatile Set<String> endpointPaths = Set.of();

    /**
     * @param config address, limits, timeouts
     * @param initial the service to start with
     * @param factory how {@code /admin/reload} loads {@code bundlePath} again
     * @param bundlePath the bundle to reload
     * @param upstreams where chat completions go
     * @param proxy the upstream forwarder
     */
    public RoutingServer(ServerConfig config, RouterService initial, ServiceFactory factory, Path bundlePath, UpstreamConfig upstreams,
                         UpstreamProxy proxy) {
        this(config, initial, factory, bundlePath, upstreams, proxy, null);
    }

    /**
     * A server that also writes every routed prompt to a decision log, which it then owns: {@link #stop()} flushes
     * and closes it.
     *
     * @param config address, limits, timeouts
     * @param initial the service to start with
     * @param factory how {@code /admin/reload} loads {@code bundlePath} again
     * @param bundlePath the bundle to reload
     * @param upstreams where chat completions go
     * @param proxy the upstream forwarder
     * @param decisionLog the log, or {@code null} for none
     */
    public RoutingServer(ServerConfig config, RouterService initial, ServiceFactory factory, Path bundlePath, UpstreamConfig upstreams,
                         UpstreamProxy proxy, DecisionLog decisionLog) {
        this.decisionLog = decisionLog;
        if (decisionLog != null) {
            metrics.attach(decisionLog);
        }
        this.config = Objects.requireNonNull(config, "config");
        this.active = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.factory = Objects.requireNonNull(factory, "factory");
        this.bundlePath = Objects.requireNonNull(bundlePath, "bundlePath");
        this.upstreams = Objects.requireNonNull(upstreams, "upstreams");
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.adminToken = config.adminToken() != null ? config.adminToken() : newToken();
        this.allowedHosts = config.effectiveAllowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.workers = new Semaphore(config.maxConcurrent());
    }

    /** A fresh random token: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The token {@code /admin/*} requires ({@code Authorization: Bearer …}): the configured one, or one generated at construction. */
    public String adminToken() {
        return adminToken;
    }

    /**
     * Binds and starts serving.
     *
     * @throws EngineException when the address cannot be bound
     */
    public synchronized RoutingServer start() throws EngineException {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        QueuedThreadPool pool = new QueuedThreadPool(config.maxConcurrent() + SPARE_THREADS, Math.min(8, config.maxConcurrent() + SPARE_THREADS),
                60_000, new BlockingArrayQueue<>(config.maxQueued()));
        pool.setName("finerouter-http");
        String openApi = OpenApiSpec.get().json();
        List<HttpRoute> registered = new ArrayList<>();
        Javalin a = Javalin.create(cfg -> {
            cfg.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    registered.add(new HttpRoute(h.getHttpMethod().name(), h.getPath()));
                }
            });
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.disableCompression(); // compression would buffer streamed events
            cfg.jetty.threadPool = pool;
            cfg.jetty.modifyServer(s -> s.setStopTimeout(config.drainTimeout().toMillis()));
            cfg.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            cfg.requestLogger.http((ctx, ms) -> finished(ctx, ms));
        });
        a.before(this::admit);
        a.options("/v1/*", this::preflight);
        a.get("/health", this::health);
        a.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
        a.get("/v1/models", this::models);
        a.post("/v1/route", this::route);
        a.post("/v1/chat/completions", this::chat);
        a.post("/admin/reload", this::reload);
        a.get(OpenApiSpec.PATH, ctx -> ctx.contentType("application/json").result(openApi));
        routes = List.copyOf(registered);
        endpointPaths = routes.stream().map(HttpRoute::path).filter(p -> !p.contains("*")).collect(Collectors.toUnmodifiableSet());
        a.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 404 ? "not_found" : e.getStatus() == 413 ? "request_too_large" : "invalid_request",
                e.getStatus() == 404 ? "no endpoint " + ctx.method() + " " + ctx.path() : e.getMessage()));
        a.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, "invalid_request", e.getMessage()));
        a.exception(Refused.class, (e, ctx) -> {
            e.headers.forEach(ctx::header);
            error(ctx, e.status, e.type, e.getMessage());
        });
        a.exception(EngineException.class, (e, ctx) -> error(ctx, 500, "routing_failed", e.getMessage()));
        a.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal_error", "unexpected error: " + e));
        try {
            a.start(config.host(), config.port());
        } catch (RuntimeException e) {
            a.stop();
            throw new EngineException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e),
                    "choose another --port, or stop what is using it", e);
        }
        for (Connector c : a.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.setIdleTimeout(config.idleTimeout().toMillis());
            }
        }
        app = a;
        return this;
    }

    /**
     * The routes this server answers, as registered with Javalin at {@link #start()} (empty before): every endpoint, and
     * {@code OPTIONS /v1/*} for CORS preflights. Filters and exception handlers are not routes.
     */
    public List<HttpRoute> routes() {
        return routes;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The metrics. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** The service answering new requests. */
    public RouterService current() {
        return active.get();
    }

    /**
     * Loads the bundle path again and swaps it in; on failure the previous bundle keeps serving.
     *
     * @return the new bundle
     */
    public RouterBundle reload() throws EngineException {
        synchronized (reloadLock) {
            RouterService next = factory.open(bundlePath);
            active.set(next);
            metrics.reloaded();
            return next.bundle();
        }
    }

    /** Stops accepting requests, lets running ones finish (up to the drain timeout), then stops. Idempotent. */
    public synchronized void stop() {
        if (app == null) {
            return;
        }
        draining.set(true);
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (metrics.inFlight().get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
        app = null;
        if (decisionLog != null) {
            decisionLog.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void admit(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        metrics.inFlight().incrementAndGet();
        if (draining.get()) {
            throw new HttpResponseException(503, "the server is shutting down", java.util.Map.of());
        }
        if (!hostAllowed(ctx.header("Host"), allowedHosts)) {
            throw new Refused(403, "host_not_allowed", "Host '" + ctx.header("Host") + "' is not on this server's allow-list " + allowedHosts
                    + "; add it with --allowed-host (see docs/operations.md)");
        }
        String path = ctx.path();
        boolean admin = path.startsWith("/admin/");
        boolean api = path.startsWith("/v1/");
        String origin = ctx.header("Origin");
        boolean post = "POST".equals(ctx.method().name());
        if (admin) {
            if (origin != null) {
                throw new Refused(403, "forbidden", path + " refuses requests from web pages (the request has an Origin header, " + origin + ")");
            }
            requireBearer(ctx, adminToken, "the admin token (printed by 'finerouter serve' at start, or given with --admin-token-file or "
                    + "$FINEROUTER_ADMIN_TOKEN)");
        } else if (api) {
            if (origin != null) {
                if (!config.corsOrigins().contains(origin)) {
                    throw new Refused(403, "forbidden", "requests from the web origin " + origin + " are not allowed (CORS is off unless "
                            + "--cors-origin names the origin)");
                }
                ctx.header("Access-Control-Allow-Origin", origin);
                ctx.header("Vary", "Origin");
                ctx.header("Access-Control-Expose-Headers", UpstreamProxy.MODEL_HEADER + ", X-FineRouter-Task");
            }
            if (config.apiToken() != null && !"OPTIONS".equals(ctx.method().name())) {
                requireBearer(ctx, config.apiToken(), "the API token (--api-token-file or $FINEROUTER_API_TOKEN)");
            }
        }
        if (post) {
            String type = mediaType(ctx.header("Content-Type"));
            if (!"application/json".equals(type)) {
                throw new Refused(415, "unsupported_media_type", "POST " + path + " takes Content-Type: application/json"
                        + (type == null ? " (the request has none)" : ", not " + type));
            }
            if (ctx.contentLength() > config.maxBodyBytes()) {
                throw new Refused(413, "request_too_large", "request body of " + ctx.contentLength() + " bytes is over the limit of "
                        + config.maxBodyBytes() + " (--max-body)", Map.of("Connection", "close"));
            }
        }
        if (post && (admin || api)) {
            if (!workers.tryAcquire()) {
                throw new Refused(503, "server_busy", "all " + config.maxConcurrent() + " workers are busy; retry after "
                        + RETRY_AFTER_SECONDS + " s", Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS), "Connection", "close"));
            }
            ctx.attribute(SLOT, Boolean.TRUE);
        }
    }

    private static void requireBearer(Context ctx, String token, String what) {
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused(401, "unauthorized", ctx.path() + " needs " + what + " as 'Authorization: Bearer TOKEN'"
                    + (given == null ? "" : "; the token given is wrong"), Map.of("WWW-Authenticate", "Bearer realm=\"finerouter\""));
        }
    }

    /** The media type of a Content-Type header, lower case, without parameters; {@code null} when absent. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a {@code Host} header names an allowed host: an entry without a port allows any port, {@code name:port}
     * that port only, {@code *} any host. Names compare case-insensitively, a trailing dot ignored; IPv6 in brackets.
     */
    static boolean hostAllowed(String header, List<String> allowed) {
        if (allowed.contains("*")) {
            return true;
        }
        if (header == null || header.isBlank()) {
            return false;
        }
        String[] given = splitHost(header.trim().toLowerCase(Locale.ROOT));
        if (given == null) {
            return false;
        }
        for (String a : allowed) {
            String[] entry = splitHost(a);
            if (entry != null && entry[0].equals(given[0]) && (entry[1] == null || entry[1].equals(given[1]))) {
                return true;
            }
        }
        return false;
    }

    /** {name, port or null} of {@code host[:port]}, or {@code null} when malformed. */
    private static String[] splitHost(String h) {
        String name;
        String port = null;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return null;
            }
            name = h.substring(0, end + 1);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = h.indexOf(':');
            if (colon != h.lastIndexOf(':')) {
                return null; // bare IPv6 is not a valid Host header
            }
            name = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? null : h.substring(colon + 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || (port != null && !port.matches("[0-9]{1,5}"))) {
            return null;
        }
        return new String[]{name, port};
    }

    private void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !config.corsOrigins().contains(origin)) {
            error(ctx, 403, "forbidden", "CORS is not enabled for " + (origin == null ? "requests without an Origin" : origin));
            return;
        }
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        ctx.header("Access-Control-Allow-Headers", "Content-Type, Authorization");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private void finished(Context ctx, Float ms) {
        if (Boolean.TRUE.equals(ctx.attribute(SLOT))) {
            ctx.attribute(SLOT, Boolean.FALSE);
            workers.release();
        }
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            metrics.inFlight().decrementAndGet();
        }
        String endpoint = endpointPaths.contains(ctx.path()) ? ctx.path() : "other";
        metrics.request(endpoint, ctx.statusCode(), ms == null ? 0 : ms / 1000.0);
    }

    private void health(Context ctx) {
        RouterService s = active.get();
        ObjectNode o = DecisionJson.MAPPER.createObjectNode();
        o.put("status", "ok");
        o.set("bundle", bundleInfo(s.bundle()));
        json(ctx, 200, o);
    }

    private static ObjectNode bundleInfo(RouterBundle b) {
        ObjectNode o = DecisionJson.MAPPER.createObjectNode();
        o.put("path", b.source().toString());
        o.put("formatVersion", b.manifest().formatVersion());
        o.put("engineVersion", b.manifest().engineVersion());
        o.put("createdAt", b.manifest().createdAt());
        o.put("seed", b.manifest().seed());
        o.put("data", b.manifest().data().name());
        o.put("encoder", b.manifest().encoder().id());
        o.put("tasks", b.router().tasks().size());
        o.put("models", b.router().pool().size());
        return o;
    }

    private void models(Context ctx) {
        ObjectNode o = DecisionJson.MAPPER.createObjectNode();
        o.put("object", "list");
        ArrayNode data = o.putArray("data");
        ObjectNode auto = data.addObject();
        auto.put("id", "auto");
        auto.put("object", "model");
        auto.put("owned_by", "finerouter");
        auto.put("description", "FineRouter picks the model per prompt");
        for (ModelSpec m : active.get().bundle().router().pool().models()) {
            ObjectNode e = data.addObject();
            e.put("id", m.name());
            e.put("object", "model");
            e.put("owned_by", "finerouter-pool");
            e.put("display_name", m.displayName());
            ObjectNode p = e.putObject("pricing");
            p.put("costPerQuery", HumanNumbers.price(m.costPerQuery()));
            p.put("inputCostPer1kTokens", HumanNumbers.price(m.inputCostPer1kTokens()));
            p.put("outputCostPer1kTokens", HumanNumbers.price(m.outputCostPer1kTokens()));
            e.put("upstream", upstreams.models().containsKey(m.name()));
        }
        json(ctx, 200, o);
    }

    private void route(Context ctx) throws EngineException {
        RouterService s = active.get();
        RouteRequest req = RouteRequest.parse(body(ctx), config.maxPrompts(), this::checkPrompt);
        List<String> prompts = req.prompts();
        boolean single = req.single();
        boolean explain = req.explain();
        RoutingPolicy policy;
        try {
            policy = s.policy(req.alpha(), req.tolerance(), req.maxCost());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        List<PromptDecision> ds = s.route(prompts, policy);
        log(s, ds, prompts, policy);
        ModelPool pool = s.bundle().router().pool();
        ArrayNode out = DecisionJson.MAPPER.createArrayNode();
        for (PromptDecision d : ds) {
            metrics.routed(pool.get(d.decision().chosenModel()).name());
            out.add(DecisionJson.toJson(null, d, pool, explain));
        }
        if (single) {
            json(ctx, 200, out.get(0));
        } else {
            ObjectNode o = DecisionJson.MAPPER.createObjectNode();
            o.set("decisions", out);
            json(ctx, 200, o);
        }
    }

    private void chat(Context ctx) throws EngineException {
        RouterService s = active.get();
        JsonNode body = body(ctx);
        if (!(body instanceof ObjectNode request) || !body.path("messages").isArray()) {
            throw new BadRequest("a chat completion request needs \"messages\"");
        }
        ModelPool pool = s.bundle().router().pool();
        String requested = body.path("model").asText("auto");
        String chosen;
        if ("auto".equals(requested)) {
            String prompt = checkPrompt(lastUserMessage(body.get("messages")), "the last user message");
            PromptDecision d = s.route(List.of(prompt), s.defaultPolicy()).get(0);
            log(s, List.of(d), List.of(prompt), s.defaultPolicy());
            chosen = pool.get(d.decision().chosenModel()).name();
            metrics.routed(chosen);
            ctx.header("X-FineRouter-Task", Integer.toString(d.decision().task()));
        } else if (pool.indexOf(requested) >= 0) {
            chosen = requested;
        } else {
            throw new BadRequest("model must be \"auto\" or one of " + pool.names() + ", was \"" + requested + "\"");
        }
        ctx.header(UpstreamProxy.MODEL_HEADER, chosen);
        UpstreamConfig.Upstream up = upstreams.models().get(chosen);
        if (up == null) {
            error(ctx, 503, "upstream_not_configured", "FineRouter chose model '" + chosen + "', but no upstream is configured for it; "
                    + "add it to the --upstreams file");
            return;
        }
        try {
            proxy.forward(ctx, up, chosen, request);
        } catch (UpstreamProxy.ProxyException e) {
            error(ctx, e.status(), e.type(), e.getMessage());
        }
    }

    private void reload(Context ctx) {
        try {
            InetAddress remote = InetAddress.getByName(ctx.ip());
            if (!remote.isLoopbackAddress()) {
                error(ctx, 403, "forbidden", "/admin/reload is only accepted from this machine");
                return;
            }
        } catch (UnknownHostException e) {
            error(ctx, 403, "forbidden", "/admin/reload is only accepted from this machine");
            return;
        }
        try {
            RouterBundle b = reload();
            ObjectNode o = DecisionJson.MAPPER.createObjectNode();
            o.put("status", "reloaded");
            o.set("bundle", bundleInfo(b));
            json(ctx, 200, o);
        } catch (EngineException e) {
            error(ctx, 422, "reload_failed", e.getMessage() + "; still serving the previous bundle");
        }
    }

    private void log(RouterService s, List<PromptDecision> decisions, List<String> prompts, RoutingPolicy policy) {
        if (decisionLog == null) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ModelPool pool = s.bundle().router().pool();
        for (int i = 0; i < decisions.size(); i++) {
            decisionLog.offer(DecisionRecords.of(decisionLog.config(), s.bundle().manifest(), pool, decisions.get(i), policy, prompts.get(i),
                    requestId, now));
        }
    }

    static String lastUserMessage(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                JsonNode content = m.get("content");
                if (content != null && content.isTextual()) {
                    return content.asText();
                }
                if (content != null && content.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    for (JsonNode part : content) {
                        if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                            sb.append(sb.isEmpty() ? "" : "\n").append(part.get("text").asText());
                        }
                    }
                    if (!sb.isEmpty()) {
                        return sb.toString();
                    }
                }
                throw new BadRequest("the last user message has no text content");
            }
        }
        throw new BadRequest("model \"auto\" routes on the last user message, and there is none");
    }

    /** The prompt, when it is routable: not blank (422) and not over the length limit (413). */
    private String checkPrompt(String text, String where) {
        if (text.isBlank()) {
            throw new Refused(422, "empty_prompt", where + " is empty; an empty prompt cannot be routed");
        }
        if (text.length() > config.maxPromptChars()) {
            throw new Refused(413, "prompt_too_long", where + " has " + text.length() + " characters; the limit is " + config.maxPromptChars()
                    + " (--max-prompt-chars)");
        }
        return text;
    }

    /**
     * Reads the request body, counting the bytes as they arrive (so a chunked upload without Content-Length is held to
     * the limit too) and giving the client {@link ServerConfig#readTimeout()} to send all of it.
     */
    private byte[] readBody(Context ctx) {
        long max = config.maxBodyBytes();
        long timeoutMs = config.readTimeout().toMillis();
        EndPoint endPoint = endPoint(ctx);
        long idle = endPoint == null ? -1 : endPoint.getIdleTimeout();
        if (endPoint != null) {
            endPoint.setIdleTimeout(Math.min(idle > 0 ? idle : Long.MAX_VALUE, timeoutMs));
        }
        long deadline = System.nanoTime() + config.readTimeout().toNanos();
        try {
            InputStream in = ctx.req().getInputStream();
            long declared = ctx.contentLength();
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 1024), Math.min(max, 1 << 16)));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() + (long) n > max) {
                    throw new Refused(413, "request_too_large", "request body is over the limit of " + max
                            + " bytes (--max-body; counted as it arrives, chunked uploads included)", Map.of("Connection", "close"));
                }
                out.write(buf, 0, n);
                if (System.nanoTime() > deadline) {
                    throw slowBody();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw slowBody(); // the idle timeout fired while waiting for the body, or the client went away
        } finally {
            if (endPoint != null && idle > 0) {
                endPoint.setIdleTimeout(idle);
            }
        }
    }

    private Refused slowBody() {
        return new Refused(408, "request_timeout", "the request body did not arrive within " + config.readTimeout().toMillis() / 1000.0
                + " s (read timeout)", Map.of("Connection", "close"));
    }

    private static EndPoint endPoint(Context ctx) {
        Request base = Request.getBaseRequest(ctx.req());
        return base == null || base.getHttpChannel() == null ? null : base.getHttpChannel().getEndPoint();
    }

    private JsonNode body(Context ctx) {
        byte[] raw = readBody(ctx);
        if (raw.length == 0) {
            throw new BadRequest("the request body is empty; send JSON");
        }
        try {
            JsonNode n = DecisionJson.MAPPER.readTree(raw);
            if (n == null || !n.isObject()) {
                throw new BadRequest("the request body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BadRequest("the request body is not valid JSON: " + m);
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(DecisionJson.text(body));
    }

    static void error(Context ctx, int status, String type, String message) {
        ObjectNode o = DecisionJson.MAPPER.createObjectNode();
        ObjectNode e = o.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.put("code", status);
        json(ctx, status, o);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** A refused request: status, error type, message and extra response headers. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;
        final transient Map<String, String> headers;

        Refused(int status, String type, String message) {
            this(status, type, message, Map.of());
        }

        Refused(int status, String type, String message, Map<String, String> headers) {
            super(message);
            this.status = status;
            this.type = type;
            this.headers = new LinkedHashMap<>(headers);
        }
    }

    /** A client error with a message for the client (400). */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}

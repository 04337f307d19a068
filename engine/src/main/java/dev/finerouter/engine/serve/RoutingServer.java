package dev.finerouter.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing server (Javalin on Jetty 11): {@code POST /v1/route}, OpenAI-compatible {@code POST /v1/chat/completions}
 * with {@code model: "auto"}, {@code GET /v1/models}, {@code GET /health}, {@code GET /metrics} (Prometheus) and
 * {@code POST /admin/reload}. Errors are JSON {@code {"error": {"message", "type", "code"}}}.
 *
 * <p>The active {@link RouterService} sits in an {@link AtomicReference}: a reload builds the new one completely and
 * swaps it in, while requests already running finish with the one they started with. {@link #stop()} drains: new
 * requests get 503 while running ones get up to the drain timeout to finish.
 */
public final class RoutingServer implements AutoCloseable {
    /** Loads a bundle into a service (opening or reusing its encoder); used at reload. */
    @FunctionalInterface
    public interface ServiceFactory {
        /** Reads the bundle at {@code path} and makes a service for it. */
        RouterService open(Path path) throws EngineException;
    }

    private static final Set<String> ENDPOINTS = Set.of("/v1/route", "/v1/chat/completions", "/v1/models", "/health", "/metrics", "/admin/reload");
    private static final String STARTED = "finerouter.started";

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
    private Javalin app;

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
        Javalin a = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.disableCompression(); // compression would buffer streamed events
            cfg.jetty.modifyServer(s -> s.setStopTimeout(config.drainTimeout().toMillis()));
            cfg.requestLogger.http((ctx, ms) -> finished(ctx, ms));
        });
        a.before(this::admit);
        a.get("/health", this::health);
        a.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
        a.get("/v1/models", this::models);
        a.post("/v1/route", this::route);
        a.post("/v1/chat/completions", this::chat);
        a.post("/admin/reload", this::reload);
        a.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 404 ? "not_found" : e.getStatus() == 413 ? "request_too_large" : "invalid_request",
                e.getStatus() == 404 ? "no endpoint " + ctx.method() + " " + ctx.path() : e.getMessage()));
        a.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, "invalid_request", e.getMessage()));
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
        if (ctx.contentLength() > config.maxBodyBytes()) {
            throw new HttpResponseException(413, "request body of " + ctx.contentLength() + " bytes is over the limit of "
                    + config.maxBodyBytes(), java.util.Map.of());
        }
    }

    private void finished(Context ctx, Float ms) {
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            metrics.inFlight().decrementAndGet();
        }
        String endpoint = ENDPOINTS.contains(ctx.path()) ? ctx.path() : "other";
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
            p.putPOJO("costPerQuery", m.costPerQuery());
            p.putPOJO("inputCostPer1kTokens", m.inputCostPer1kTokens());
            p.putPOJO("outputCostPer1kTokens", m.outputCostPer1kTokens());
            e.put("upstream", upstreams.models().containsKey(m.name()));
        }
        json(ctx, 200, o);
    }

    private void route(Context ctx) throws EngineException {
        RouterService s = active.get();
        JsonNode body = body(ctx);
        List<String> prompts = new ArrayList<>();
        boolean single = body.has("prompt");
        if (single == body.has("prompts")) {
            throw new BadRequest("send either \"prompt\" (a string) or \"prompts\" (an array of strings)");
        }
        if (single) {
            if (!body.get("prompt").isTextual()) {
                throw new BadRequest("\"prompt\" must be a string");
            }
            prompts.add(body.get("prompt").asText());
        } else {
            JsonNode arr = body.get("prompts");
            if (!arr.isArray() || arr.isEmpty()) {
                throw new BadRequest("\"prompts\" must be a non-empty array of strings");
            }
            for (JsonNode p : arr) {
                if (!p.isTextual()) {
                    throw new BadRequest("\"prompts\" must contain only strings");
                }
                prompts.add(p.asText());
            }
        }
        RoutingPolicy policy;
        try {
            policy = s.policy(number(body, "alpha"), number(body, "tolerance"), number(body, "maxCost"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        boolean explain = body.path("explain").asBoolean(false);
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
            String prompt = lastUserMessage(body.get("messages"));
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

    private static JsonNode body(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
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

    private static Double number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new BadRequest("\"" + field + "\" must be a number");
        }
        return n.doubleValue();
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(body.toString());
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

    /** A client error with a message for the client (400). */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}

package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.decisionlog.DecisionLog;
import dev.finerouter.engine.decisionlog.DecisionLogConfig;
import dev.finerouter.engine.decisionlog.PromptLogging;
import dev.finerouter.engine.service.RouterService;
import dev.finerouter.cli.serve.RoutingServer;
import dev.finerouter.cli.serve.ServerConfig;
import dev.finerouter.cli.serve.UpstreamConfig;
import dev.finerouter.cli.serve.UpstreamProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** {@code finerouter serve}: the routing server with an OpenAI-compatible chat endpoint. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a router bundle over HTTP, with an OpenAI-compatible chat endpoint that routes model \"auto\".",
                "Endpoints: POST /v1/route, POST /v1/chat/completions, GET /v1/models, GET /health, GET /metrics (Prometheus) and "
                        + "POST /admin/reload (admin token); requests, answers and errors are in docs/http-api.md.",
                "Binds 127.0.0.1 unless told otherwise and accepts only loopback Host names unless --allowed-host adds more; limits, "
                        + "tokens and running behind a reverse proxy are in docs/operations.md.",
                "Ctrl-C or SIGTERM drains running requests and stops."})
final class ServeCommand implements Callable<Integer> {
    /** Environment variable with the admin token, when no --admin-token-file is given. */
    static final String ADMIN_TOKEN_ENV = "FINEROUTER_ADMIN_TOKEN";
    /** Environment variable with the API token, when no --api-token-file is given. */
    static final String API_TOKEN_ENV = "FINEROUTER_API_TOKEN";

    @Spec
    CommandSpec spec;
    @Option(names = "--bundle", required = true, paramLabel = "PATH", description = "Router bundle (folder or .frb); /admin/reload reads it again.")
    Path bundle;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "8080", description = "Port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--upstreams", paramLabel = "FILE", description = "Upstream per model for /v1/chat/completions (JSON, see docs/bundle-format.md).")
    Path upstreamsFile;
    @Option(names = "--max-body", defaultValue = "1000000", paramLabel = "BYTES", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxBody;
    @Option(names = "--upstream-timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Wait for an upstream's answer (default: ${DEFAULT-VALUE}).")
    long upstreamTimeout;
    @Option(names = "--max-prompts", defaultValue = "" + ServerConfig.DEFAULT_MAX_PROMPTS, paramLabel = "N",
            description = "Most prompts in one /v1/route request; more get 413 (default: ${DEFAULT-VALUE}).")
    int maxPrompts;
    @Option(names = "--max-prompt-chars", defaultValue = "" + ServerConfig.DEFAULT_MAX_PROMPT_CHARS, paramLabel = "N",
            description = "Longest prompt routed, in characters; longer ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxPromptChars;
    @Option(names = "--read-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "A request body must arrive within this time, or the request gets 408 (default: ${DEFAULT-VALUE}).")
    long readTimeout;
    @Option(names = "--idle-timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Idle connections are closed after this (default: ${DEFAULT-VALUE}).")
    long idleTimeout;
    @Option(names = "--max-concurrent", defaultValue = "64", paramLabel = "N",
            description = "Requests worked on at once; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;
    @Option(names = "--max-queued", defaultValue = "256", paramLabel = "N",
            description = "Jobs the HTTP worker pool queues when every thread is busy; beyond, connections are refused (default: ${DEFAULT-VALUE}).")
    int maxQueued;
    @Option(names = "--allowed-host", split = ",", paramLabel = "HOST[:PORT]",
            description = "Host header values accepted (repeatable; a name allows any port, * any host). Default: localhost, 127.0.0.1, [::1] and --host.")
    List<String> allowedHosts = new ArrayList<>();
    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "File holding the token POST /admin/reload needs (default: $" + ADMIN_TOKEN_ENV + ", else one generated and printed at start).")
    Path adminTokenFile;
    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "File holding a bearer token every /v1/* request must carry (default: $" + API_TOKEN_ENV + ", else none).")
    Path apiTokenFile;
    @Option(names = "--cors-origin", split = ",", paramLabel = "ORIGIN",
            description = "Browser origin (e.g. https://app.example.com) allowed to call /v1/* (repeatable; default: none, CORS off).")
    List<String> corsOrigins = new ArrayList<>();
    @Mixin
    BundleEncoderOption bundleEncoder;
    @Option(names = "--decision-log", paramLabel = "DIR",
            description = "Log every routed prompt as a JSON line in rotating files DIR/decisions-NNNNNN.jsonl (off unless given; see docs/operations.md).")
    Path decisionLog;
    @Option(names = "--log-max-bytes", defaultValue = "67108864", paramLabel = "BYTES", description = "Size of one log file before the next is opened (default: ${DEFAULT-VALUE}).")
    long logMaxBytes;
    @Option(names = "--log-keep", defaultValue = "10", paramLabel = "K", description = "Log files kept; older ones are deleted (default: ${DEFAULT-VALUE}).")
    int logKeep;
    @Option(names = "--log-prompts", defaultValue = "full", paramLabel = "MODE",
            description = "full (text; needed by replay and discover --incremental), hash (SHA-256 of salt + text) or none (default: ${DEFAULT-VALUE}).")
    PromptLogging logPrompts;
    @Option(names = "--log-salt-env", paramLabel = "VAR", description = "Environment variable holding a salt for --log-prompts hash (default: no salt).")
    String logSaltEnv;
    @Option(names = "--drift-threshold", defaultValue = "0.5", paramLabel = "P",
            description = "Flag a logged decision as drift when it went to Others or its task probability is below P (default: ${DEFAULT-VALUE}).")
    double driftThreshold;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        String adminToken = token(adminTokenFile, "--admin-token-file", ADMIN_TOKEN_ENV);
        boolean generated = adminToken == null;
        if (generated) {
            adminToken = RoutingServer.newToken();
        }
        String apiToken = token(apiTokenFile, "--api-token-file", API_TOKEN_ENV);
        ServerConfig config;
        try {
            config = ServerConfig.DEFAULT.withAddress(host, port).withMaxBodyBytes(maxBody).withUpstreamTimeout(Duration.ofSeconds(upstreamTimeout))
                    .withPromptLimits(maxPrompts, maxPromptChars).withTimeouts(Duration.ofSeconds(idleTimeout), Duration.ofSeconds(readTimeout))
                    .withWorkers(maxConcurrent, maxQueued).withAllowedHosts(allowedHosts).withTokens(adminToken, apiToken)
                    .withCorsOrigins(corsOrigins);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "check the serve options (see 'finerouter serve --help' and docs/operations.md)", null);
        }
        DecisionLogConfig logConfig = decisionLog == null ? null : logConfig();
        UpstreamConfig upstreams = upstreamsFile == null ? UpstreamConfig.NONE : UpstreamConfig.load(upstreamsFile);
        Map<String, Embedder> encoders = new ConcurrentHashMap<>();
        RoutingServer.ServiceFactory factory = path -> {
            RouterBundle b = BundleReader.read(path);
            Embedder e = encoders.get(b.manifest().encoder().id());
            if (e == null) {
                e = bundleEncoder.open(b.manifest().encoder());
                encoders.put(e.id(), e);
            }
            return new RouterService(b, e);
        };
        RoutingServer server;
        DecisionLog log = null;
        try {
            RouterService initial = factory.open(bundle);
            log = logConfig == null ? null : new DecisionLog(logConfig);
            server = new RoutingServer(config, initial, factory, bundle, upstreams, new UpstreamProxy(config.upstreamTimeout(), System::getenv), log)
                    .start();
            RouterBundle b = initial.bundle();
            err.printf("finerouter serve: listening on http://%s:%d (bundle %s: %d tasks, %d models; upstreams: %s)%n", host, server.port(), bundle,
                    b.router().tasks().size(), b.router().pool().size(), upstreams.models().isEmpty() ? "none" : String.join(", ", upstreams.models().keySet()));
            err.printf("finerouter serve: Host names accepted: %s; API token: %s; CORS: %s%n", String.join(", ", config.effectiveAllowedHosts()),
                    apiToken == null ? "none" : "required", corsOrigins.isEmpty() ? "off" : String.join(", ", corsOrigins));
            if (generated) {
                err.println("finerouter serve: admin token (POST /admin/reload with 'Authorization: Bearer TOKEN'; shown once): " + adminToken);
            }
            err.flush();
            if (log != null) {
                err.printf("finerouter serve: decision log in %s (prompts: %s, files of %d bytes, %d kept, drift below %.2f)%n", logConfig.dir(),
                        logConfig.prompts().name().toLowerCase(java.util.Locale.ROOT), logConfig.maxBytes(), logConfig.keep(), logConfig.driftThreshold());
                err.flush();
            }
        } catch (EngineException | RuntimeException e) {
            encoders.values().forEach(Embedder::close);
            if (log != null) {
                log.close();
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        RoutingServer running = server;
        // SIGTERM or Ctrl-C drains the requests and closes the encoders before the JVM's shutdown hooks run: ONNX
        // Runtime's own hook frees its environment, which under a request still being embedded crashed the JVM
        try (StopSignals ignored = StopSignals.install(() -> {
            err.println("finerouter serve: stopping (draining requests)");
            err.flush();
            running.stop();
            encoders.values().forEach(Embedder::close);
            stopped.countDown();
        })) {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FineRouterCli.OK;
    }

    /** A token from {@code file}, else from the environment variable, else {@code null}. */
    private static String token(Path file, String option, String env) throws EngineException {
        String t;
        String where;
        if (file != null) {
            try {
                t = java.nio.file.Files.readString(file).trim();
            } catch (java.io.IOException e) {
                throw new EngineException(option + " " + file + ": cannot read the token: " + e.getMessage(), "pass a readable file", e);
            }
            where = option + " " + file;
        } else {
            t = System.getenv(env);
            if (t == null || t.isBlank()) {
                return null;
            }
            t = t.trim();
            where = "$" + env;
        }
        if (t.length() < ServerConfig.MIN_TOKEN_LENGTH || !t.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new EngineException(where + ": the token must be at least " + ServerConfig.MIN_TOKEN_LENGTH
                    + " printable ASCII characters without spaces", "e.g. openssl rand -base64 32 > token.txt", null);
        }
        return t;
    }

    private DecisionLogConfig logConfig() throws EngineException {
        String salt = "";
        if (logSaltEnv != null) {
            salt = System.getenv(logSaltEnv);
            if (salt == null || salt.isEmpty()) {
                throw new EngineException("--log-salt-env " + logSaltEnv + ": the environment variable is not set", "export it, or drop --log-salt-env", null);
            }
        }
        try {
            return new DecisionLogConfig(decisionLog, logMaxBytes, logKeep, logPrompts, salt, driftThreshold, DecisionLogConfig.DEFAULT_QUEUE);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "check --log-max-bytes, --log-keep and --drift-threshold", null);
        }
    }
}

package dev.finerouter.engine.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.serve.DecisionLog;
import dev.finerouter.engine.serve.DecisionLogConfig;
import dev.finerouter.engine.serve.PromptLogging;
import dev.finerouter.engine.serve.RouterService;
import dev.finerouter.engine.serve.RoutingServer;
import dev.finerouter.engine.serve.ServerConfig;
import dev.finerouter.engine.serve.UpstreamConfig;
import dev.finerouter.engine.serve.UpstreamProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/** {@code finerouter serve}: the routing server with an OpenAI-compatible chat endpoint. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a router bundle over HTTP: POST /v1/route, OpenAI-compatible POST /v1/chat/completions with model \"auto\",",
                "GET /v1/models, /health, /metrics (Prometheus), POST /admin/reload. Binds 127.0.0.1 unless told otherwise;",
                "Ctrl-C or SIGTERM drains running requests and stops."})
final class ServeCommand implements Callable<Integer> {
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
    @Option(names = "--encoder-dir", paramLabel = "DIR", description = "ONNX encoder folder, when the bundle's is not where it was.")
    Path encoderDir;
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
        ServerConfig config;
        try {
            config = ServerConfig.DEFAULT.withAddress(host, port).withMaxBodyBytes(maxBody).withUpstreamTimeout(Duration.ofSeconds(upstreamTimeout));
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "check --port, --max-body and --upstream-timeout", null);
        }
        DecisionLogConfig logConfig = decisionLog == null ? null : logConfig();
        UpstreamConfig upstreams = upstreamsFile == null ? UpstreamConfig.NONE : UpstreamConfig.load(upstreamsFile);
        Map<String, Embedder> encoders = new ConcurrentHashMap<>();
        RoutingServer.ServiceFactory factory = path -> {
            RouterBundle b = BundleReader.read(path);
            Embedder e = encoders.get(b.manifest().encoder().id());
            if (e == null) {
                e = CliEncoders.open(b.manifest().encoder(), encoderDir);
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
        Thread hook = new Thread(() -> {
            err.println("finerouter serve: stopping (draining requests)");
            err.flush();
            running.stop();
            encoders.values().forEach(Embedder::close);
            stopped.countDown();
        }, "finerouter-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FineRouterCli.OK;
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

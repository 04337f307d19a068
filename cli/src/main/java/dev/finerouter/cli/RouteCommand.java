package dev.finerouter.cli;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.io.PathHints;
import dev.finerouter.engine.pipeline.Encoders;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.cli.serve.DecisionJson;
import dev.finerouter.engine.service.RouterService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter route}: routes one prompt or a JSON-lines file of prompts with a bundle. */
@Command(name = "route", mixinStandardHelpOptions = true,
        description = {"Route prompts with a router bundle: one JSON line per prompt, {id, model, task, taskSummary, cost}.",
                "Input lines: {\"id\": \"p1\", \"prompt\": \"...\"} or plain JSON strings; '-' reads stdin. Each output line "
                        + "carries the input's id, or its 1-based line number when it has none (1 for --prompt).",
                "Numbers are rounded for people: cost (USD per call, an estimate) to 4 significant digits, predicted "
                        + "qualities and probabilities to 4 decimals, in plain notation (never 1.5749999999999998E-4)."})
final class RouteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "PATH", description = "Router bundle (folder or .frb).")
    Path bundle;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "Route one prompt.")
        String prompt;
        @Option(names = "--input", paramLabel = "FILE", description = "JSON-lines prompts ('-' for stdin).")
        String input;
    }

    @Option(names = "--output", paramLabel = "FILE", description = "Where the JSON lines go (default: stdout); written atomically.")
    Path output;
    @Option(names = "--alpha", paramLabel = "A", description = "Weight of the prompt-specific prediction, a number in [0,1] (default: the bundle's).")
    Double alpha;
    @Option(names = "--tolerance", paramLabel = "T", description = "Cost tolerance, a number in [0,1]: 0 the best estimated quality, 1 the cheapest model; with the default "
            + "rule 0.5 spends about half-way between the two (default: the bundle's).")
    Double tolerance;
    @Option(names = "--max-cost", paramLabel = "USD", description = "Budget per call in USD, a number >= 0 (default: the bundle's).")
    Double maxCost;
    @Option(names = "--explain", description = "Add the compared models with Q̃, Q̄, Q_final, cost and the reason.")
    boolean explain;
    @Mixin
    BundleEncoderOption bundleEncoder;
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Embedding cache folder (e.g. .finerouter-cache, the one train and eval "
            + "fill): prompts embedded before by the bundle's encoder are read from it, new ones are added (default: no cache).")
    Path cacheDir;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        RouterBundle b = BundleReader.read(bundle);
        try (Embedder embedder = Encoders.cached(bundleEncoder.open(b.manifest().encoder()), cacheDir)) {
            RouterService service = new RouterService(b, embedder);
            RoutingPolicy policy;
            try {
                policy = service.policy(alpha, tolerance, maxCost);
            } catch (IllegalArgumentException e) {
                throw new EngineException(e.getMessage(), "--alpha and --tolerance take values in [0,1], --max-cost a number >= 0", null);
            }
            if (source.prompt != null) {
                PromptDecision d = service.route(List.of(source.prompt), policy).get(0);
                PrintWriter out = spec.commandLine().getOut();
                out.println(DecisionJson.text(DecisionJson.toJson(IntNode.valueOf(1), d, b.router().pool(), explain)));
                out.flush();
                return FineRouterCli.OK;
            }
            if (output == null) {
                PrintWriter out = spec.commandLine().getOut();
                routeAll(service, policy, out, err);
                out.flush();
            } else {
                try {
                    AtomicFiles.write(output, os -> {
                        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                        try {
                            routeAll(service, policy, w, err);
                        } catch (EngineException e) {
                            throw new Failed(e);
                        }
                        w.flush();
                    });
                } catch (EngineException e) {
                    if (e.getCause() instanceof Failed f) {
                        throw f.engine;
                    }
                    throw e;
                }
                err.println("wrote " + output);
            }
            return FineRouterCli.OK;
        }
    }

    private void routeAll(RouterService service, RoutingPolicy policy, Writer out, PrintWriter err) throws EngineException {
        long started = System.nanoTime();
        long routed = 0;
        try (BufferedReader in = open()) {
            PromptLines lines = new PromptLines(in, "-".equals(source.input) ? "stdin" : source.input);
            List<PromptLines.Item> batch;
            while (!(batch = lines.next(RouterService.BATCH)).isEmpty()) {
                List<PromptDecision> ds = service.route(batch.stream().map(PromptLines.Item::text).toList(), policy);
                for (int i = 0; i < ds.size(); i++) {
                    out.write(DecisionJson.text(DecisionJson.toJson(batch.get(i).id(), ds.get(i), service.bundle().router().pool(), explain)));
                    out.write('\n');
                }
                out.flush();
                routed += ds.size();
                if (routed >= RouterService.BATCH) {
                    double s = (System.nanoTime() - started) / 1e9;
                    err.printf(Locale.ROOT, "route: %d prompts routed (%.0f/s)%n", routed, routed / Math.max(1e-9, s));
                    err.flush();
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot write the routes: " + e.getMessage(), e);
        }
    }

    private BufferedReader open() throws EngineException {
        if ("-".equals(source.input)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        try {
            return Files.newBufferedReader(Path.of(source.input), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            String near = PathHints.nearby(Path.of(source.input));
            throw new EngineException("--input " + source.input + " does not exist", "--input takes a JSON-lines file of prompts, "
                    + "one {\"id\": \"p1\", \"prompt\": \"...\"} or JSON string per line, or '-' for stdin" + (near.isEmpty() ? "" : "; " + near), e);
        } catch (IOException e) {
            throw new EngineException("cannot read --input " + source.input + (PathHints.isPermission(e) ? ": permission denied" : ": " + e.getMessage()),
                    PathHints.isPermission(e) ? PathHints.permissionHint(Path.of(source.input)) : null, e);
        }
    }

    /** Carries an EngineException through AtomicFiles' IOException-only body. */
    private static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient EngineException engine;

        Failed(EngineException engine) {
            super(engine.getMessage(), engine);
            this.engine = engine;
        }
    }
}

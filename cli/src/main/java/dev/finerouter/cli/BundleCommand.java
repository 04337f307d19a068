package dev.finerouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleDiff;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.drift.DriftProposals;
import dev.finerouter.engine.drift.ProposalAcceptor;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.model.HumanNumbers;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.service.RouterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code finerouter bundle inspect|verify|diff}: look at, check and compare router bundles. */
@Command(mixinStandardHelpOptions = true, name = "bundle", description = "Inspect, verify and compare router bundles (folders or .frb files).",
        subcommands = {BundleCommand.Inspect.class, BundleCommand.Verify.class, BundleCommand.Diff.class, BundleCommand.Accept.class})
final class BundleCommand extends GroupCommand {
    private BundleCommand() {
    }

    /** {@code bundle inspect}: manifest summary and tasks table. */
    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Print a bundle's manifest summary, models and tasks.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "BUNDLE", description = "Bundle folder or .frb file.")
        Path path;

        /**
         * One line of Stage-1 settings (ℓ with "chosen on dev" when training chose it) and one of the routing rule, when
         * the manifest records them (bundles written by train/eval do).
         */
        static void settings(PrintWriter pw, JsonNode h) {
            JsonNode s1 = h.path("pipeline").path("stage1");
            if (!s1.isMissingNode()) {
                JsonNode levels = h.path("routingRule").path("levelSearch");
                StringBuilder tried = new StringBuilder();
                for (JsonNode t : levels) {
                    tried.append(tried.length() == 0 ? "" : ", ").append(t.path("levels").asInt()).append(": ")
                            .append(String.format(Locale.ROOT, "%.2f", 100 * t.path("qual").asDouble()));
                }
                pw.printf(Locale.ROOT, "stage 1: k %s, τ %s, ℓ %s%s, δ %s, min task size %s, resolution %s%n", s1.path("k").asText("?"),
                        s1.path("tau").asText("?"), s1.path("levels").asText("?"),
                        levels.isEmpty() ? "" : " (chosen on dev + left-out training prompts, Qual by ℓ " + tried + ")", s1.path("delta").asText("?"),
                        s1.path("minTaskSize").asText("?"), s1.path("leidenResolution").asText("?"));
            }
            JsonNode rule = h.path("routingRule");
            if (rule.has("preset")) {
                pw.printf(Locale.ROOT, "routing rule: %s%s%n", rule.path("preset").asText(), !rule.has("k") ? ""
                        : String.format(Locale.ROOT, ", k %d, β %s, α %s (chosen on dev)%s", rule.path("k").asInt(), rule.path("beta").asText(),
                                rule.path("alpha").asText(), rule.path("guardedTasks").asInt() == 0 ? "" : ", " + rule.path("guardedTasks").asInt()
                                        + " task(s) guarded"));
            }
        }

        @Override
        public Integer call() throws EngineException {
            RouterBundle b = BundleReader.read(path);
            PrintWriter pw = spec.commandLine().getOut();
            BundleManifest m = b.manifest();
            pw.printf(Locale.ROOT, "bundle %s: format %s v%d, written by FineRouter %s at %s%n", path, m.format(), m.formatVersion(),
                    m.engineVersion(), m.createdAt());
            pw.printf(Locale.ROOT, "data: %s (fingerprint %s…), seed %d%n", m.data().name(), abbreviate(m.data().fingerprint()), m.seed());
            pw.printf(Locale.ROOT, "encoder: %s (%s%s, %d-d)%n", m.encoder().id(), m.encoder().kind(),
                    m.encoder().modelDir() == null ? "" : " " + m.encoder().modelDir(), m.encoder().dimension());
            pw.printf(Locale.ROOT, "describer: %s; classifier threshold %s%n", m.describerId(), m.hyperparameters().path("classifierThreshold").asText("?"));
            pw.printf(Locale.ROOT, "default policy: %s; cost model: %.1f chars/token, %d output tokens%n", policy(m.defaultPolicy()),
                    m.costModel().charsPerToken(), m.costModel().outputTokens());
            settings(pw, m.hyperparameters());
            pw.printf(Locale.ROOT, "files: %d verified (SHA-256)%n%n", m.files().size());
            TextTable models = new TextTable("model", ">$/call", ">$/1k in", ">$/1k out", ">Q̄ Others");
            float[] others = b.router().othersMedianScore();
            for (int i = 0; i < m.models().size(); i++) {
                ModelSpec s = m.models().get(i);
                models.row(s.name(), price(s.costPerQuery()), price(s.inputCostPer1kTokens()), price(s.outputCostPer1kTokens()), score(others[i]));
            }
            pw.print(models.render());
            pw.println();
            TextTable tasks = new TextTable(">task", ">size", "candidates (Q̄)", "summary");
            ModelPool pool = b.router().pool();
            for (RouterTask t : b.router().tasks()) {
                List<String> c = new ArrayList<>();
                float[] med = t.medianScore();
                for (int cand : t.candidates()) {
                    c.add(pool.get(cand).name() + " " + score(med[cand]));
                }
                tasks.row(Integer.toString(t.id()), Integer.toString(t.size()), String.join(", ", c), t.summary());
            }
            pw.print(tasks.render());
            pw.flush();
            return FineRouterCli.OK;
        }
    }

    /** {@code bundle verify}: exit 0 when the bundle is intact and loadable, 1 otherwise. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a bundle's format version, every file's SHA-256 and that its networks load; exit 0 if intact, 1 if not.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "BUNDLE", description = "Bundle folder or .frb file.")
        Path path;

        @Override
        public Integer call() throws EngineException {
            RouterBundle b = BundleReader.read(path);
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf(Locale.ROOT, "OK %s: format v%d, %d files verified, %d tasks, %d models, encoder %s%n", path, b.manifest().formatVersion(),
                    b.manifest().files().size(), b.router().tasks().size(), b.router().pool().size(), b.manifest().encoder().id());
            pw.flush();
            return FineRouterCli.OK;
        }
    }

    /** {@code bundle diff A B}: settings, tasks and candidates that changed, and routing agreement on prompts. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Compare two bundles: changed settings, tasks added or removed (by summary) and candidate changes.",
                    "With --prompts, also how often both route a prompt to the same model."})
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "A", description = "The first bundle.")
        Path a;
        @Parameters(index = "1", paramLabel = "B", description = "The second bundle.")
        Path b;
        @Option(names = "--prompts", paramLabel = "FILE", description = "JSON-lines prompts to compare routing on (optional).")
        Path prompts;
        @Option(names = "--encoder-dir", paramLabel = "DIR", description = "ONNX encoder folder, when the bundles' is not where it was.")
        Path encoderDir;

        @Override
        public Integer call() throws EngineException {
            RouterBundle ra = BundleReader.read(a);
            RouterBundle rb = BundleReader.read(b);
            BundleDiff d = BundleDiff.of(ra, rb);
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf("A = %s%nB = %s%n", a, b);
            if (d.settings().isEmpty()) {
                pw.println("settings: identical");
            } else {
                pw.println("settings:");
                TextTable t = new TextTable("setting", "A", "B");
                for (BundleDiff.SettingChange c : d.settings()) {
                    t.row(c.path(), shorten(c.a()), shorten(c.b()));
                }
                pw.print(t.render());
            }
            pw.printf(Locale.ROOT, "tasks: %d in A, %d in B; %d added, %d removed, %d with other candidates%n", ra.router().tasks().size(),
                    rb.router().tasks().size(), d.tasksAdded().size(), d.tasksRemoved().size(), d.candidateChanges().size());
            d.tasksAdded().forEach(s -> pw.println("  + " + s));
            d.tasksRemoved().forEach(s -> pw.println("  - " + s));
            for (BundleDiff.CandidateChange c : d.candidateChanges()) {
                pw.println("  ~ " + c.summary() + ": " + String.join(", ", c.a()) + " → " + String.join(", ", c.b()));
            }
            if (prompts == null) {
                pw.println("routing agreement: skipped (bundles carry no prompts; pass --prompts FILE)");
            } else {
                agreement(pw, ra, rb);
            }
            pw.flush();
            return FineRouterCli.OK;
        }

        private void agreement(PrintWriter pw, RouterBundle ra, RouterBundle rb) throws EngineException {
            List<PromptLines.Item> items;
            try (BufferedReader in = Files.newBufferedReader(prompts, StandardCharsets.UTF_8)) {
                items = PromptLines.readAll(in, prompts.toString());
            } catch (IOException e) {
                throw new EngineException("cannot read " + prompts + ": " + e.getMessage(), "pass a JSON-lines file to --prompts", e);
            }
            List<String> texts = items.stream().map(PromptLines.Item::text).toList();
            List<PromptDecision> da;
            List<PromptDecision> db;
            boolean sameEncoder = ra.manifest().encoder().id().equals(rb.manifest().encoder().id());
            try (Embedder ea = FineRouterCli.encoders(spec).open(ra.manifest().encoder(), encoderDir);
                 Embedder eb = sameEncoder ? null : FineRouterCli.encoders(spec).open(rb.manifest().encoder(), encoderDir)) {
                da = new RouterService(ra, ea).route(texts, ra.defaultPolicy());
                db = new RouterService(rb, sameEncoder ? ea : eb).route(texts, rb.defaultPolicy());
            }
            BundleDiff.Agreement ag = BundleDiff.agreement(da, ra.router().pool(), db, rb.router().pool());
            pw.printf(Locale.ROOT, "routing agreement on %d prompts (each bundle's default policy): %.1f%% routed to the same model%n",
                    ag.prompts(), 100 * ag.share());
            ag.moves().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> pw.printf(Locale.ROOT, "  %s: %d%n", e.getKey(), e.getValue()));
        }
    }

    /** {@code bundle accept}: a new bundle version with accepted drift proposals as new tasks. */
    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = {"Write a new bundle: B plus the accepted proposals of discover --incremental as new tasks.",
                    "Each new task takes the proposal's center as its task vector, candidates and Q̄ from the proposal, and the "
                            + "general quality adapters. B is not changed; the new bundle is read back and verified."})
    static final class Accept implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--bundle", required = true, paramLabel = "PATH", description = "The deployed bundle B.")
        Path bundle;
        @Option(names = "--proposals", required = true, paramLabel = "FILE", description = "proposals.json from discover --incremental.")
        Path proposals;
        @Option(names = "--accept", required = true, split = ",", paramLabel = "ID", description = "Proposal ids to accept, comma-separated.")
        List<String> accept;
        @Option(names = "--out", required = true, paramLabel = "PATH", description = "The new bundle (folder or .frb).")
        Path out;
        @Option(names = "--median-bias", description = "Give new tasks the median of the old task biases instead of calibrating each bias "
                + "on the proposal's example prompts (which needs the bundle's encoder).")
        boolean medianBias;
        @Mixin
        BundleEncoderOption bundleEncoder;

        @Override
        public Integer call() throws EngineException {
            OutputPaths.requireBundle(out, "--out");
            RouterBundle b = BundleReader.read(bundle);
            DriftProposals ps = DriftProposals.read(proposals);
            if (medianBias) {
                ProposalAcceptor.accept(b, ps, accept, out, java.time.Instant.now());
            } else {
                try (dev.finerouter.engine.embed.Embedder e = bundleEncoder.open(b.manifest().encoder())) {
                    ProposalAcceptor.accept(b, ps, accept, out, java.time.Instant.now(), e);
                }
            }
            RouterBundle written = BundleReader.read(out);
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf(Locale.ROOT, "wrote %s: %d tasks (%d before, +%s), verified%n", out, written.router().tasks().size(), b.router().tasks().size(),
                    String.join(", ", accept));
            pw.flush();
            return FineRouterCli.OK;
        }
    }

    /** A setting's value for the diff table: "(absent)" for none, long values (e.g. id lists) cut to their start and length. */
    static String shorten(String value) {
        if (value == null) {
            return "(absent)";
        }
        return value.length() <= 100 ? value : value.substring(0, 90) + "… (" + value.length() + " chars)";
    }

    static String policy(RoutingPolicy p) {
        return String.format(Locale.ROOT, "α %.2f, tolerance %.2f, %s", p.alpha(), p.tolerance(),
                p.maxCostPerCall() == null ? "no budget" : "budget " + HumanNumbers.costText(p.maxCostPerCall()) + "/call");
    }

    private static String abbreviate(String s) {
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    /** A configured price as {@code GET /v1/models} shows it: plain notation, conversion noise dropped; {@code -} when unknown. */
    private static String price(Double d) {
        BigDecimal p = HumanNumbers.price(d);
        return p == null ? "-" : p.toPlainString();
    }

    private static String score(float f) {
        return Float.isNaN(f) ? "?" : String.format(Locale.ROOT, "%.3f", f);
    }
}

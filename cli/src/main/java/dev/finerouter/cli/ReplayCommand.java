package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.HumanNumbers;
import dev.finerouter.engine.replay.DecisionLogReader;
import dev.finerouter.engine.replay.Replay;
import dev.finerouter.engine.replay.ReplayReport;
import dev.finerouter.engine.replay.ReplayReportWriter;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.service.RouterService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code finerouter replay}: how another bundle would have routed logged traffic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Route the prompts of a decision log again with another bundle and compare the two routings.",
                "The log comes from serve --decision-log with --log-prompts full. The report gives agreement overall and per task, "
                        + "logged → replayed moves, the cost change, model shares and, with --data, the true-score change on prompts "
                        + "found in the dataset.",
                "Each prompt is replayed under the bundle's default policy (--policy bundle) or the one it was logged with (--policy logged)."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--log", required = true, paramLabel = "FILE_OR_DIR", description = "Decision log folder or one of its files.")
    Path log;
    @Option(names = "--bundle", required = true, paramLabel = "PATH", description = "The bundle to replay with (folder or .frb).")
    Path bundle;
    @Option(names = {"-d", "--data"}, paramLabel = "PATH",
            description = "Dataset with true scores: prompts whose text matches a row get the quality change (optional).")
    Path data;
    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here: .json for JSON, anything else Markdown (default: print Markdown).")
    Path out;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON report here.")
    Path json;
    @Option(names = "--policy", defaultValue = "bundle", paramLabel = "bundle|logged",
            description = "Replay under the new bundle's default policy (bundle: B2 as deployed, e.g. after 'calibrate') or under each "
                    + "record's logged α/tolerance/budget (logged). Default: ${DEFAULT-VALUE}.")
    PolicySource policy;

    /** Which policy a replay routes under. */
    enum PolicySource { BUNDLE, LOGGED }

    @Mixin
    BundleEncoderOption bundleEncoder;
    @Option(names = "--lenient", description = "Skip and count torn or malformed log lines (e.g. a last line cut by a crash) instead of stopping.")
    boolean lenient;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        if (out != null) {
            OutputPaths.requireFile(out, "--out");
        }
        if (json != null) {
            OutputPaths.requireFile(json, "--json");
        }
        DecisionLogReader.Result read = DecisionLogReader.read(log, lenient);
        if (read.skipped() > 0) {
            err.printf("finerouter replay: skipped %d torn or malformed line%s (--lenient):%n", read.skipped(), read.skipped() == 1 ? "" : "s");
            read.problems().forEach(p -> err.println("  " + p));
        }
        List<DecisionRecord> records = read.records();
        Replay.requireText(records, log.toString());
        List<DecisionRecord> withText = Replay.withText(records);
        RouterBundle b = BundleReader.read(bundle);
        Replay.TrueScores scores = null;
        if (data != null) {
            LoadedDataset loaded = DatasetLoader.load(data, new ImportOptions(false, null));
            DatasetOptions.printReport(loaded.report(), err);
            scores = Replay.scoresOf(loaded.dataset());
        }
        ReplayReport report;
        try (Embedder e = bundleEncoder.open(b.manifest().encoder())) {
            RouterService service = new RouterService(b, e);
            List<Replay.Choice> choices = Replay.route(service, withText, policy == PolicySource.BUNDLE ? service.defaultPolicy() : null);
            err.println("finerouter replay: policy " + (policy == PolicySource.BUNDLE ? "of the bundle: " + describe(service.defaultPolicy())
                    : "logged with each record"));
            report = Replay.compare(bundle.toString(), Replay.bundleId(service), records, choices, scores);
        }
        if (records.size() > withText.size()) {
            err.printf("finerouter replay: %d of %d records have no prompt text and were skipped%n", records.size() - withText.size(), records.size());
        }
        if (out == null) {
            spec.commandLine().getOut().print(ReplayReportWriter.markdown(report));
        } else {
            ReplayReportWriter.write(report, out);
            err.println("finerouter replay: wrote " + out);
        }
        if (json != null) {
            ReplayReportWriter.write(report, json.getFileName().toString().endsWith(".json") ? json : json.resolveSibling(json.getFileName() + ".json"));
        }
        spec.commandLine().getOut().flush();
        err.flush();
        return FineRouterCli.OK;
    }

    private static String describe(dev.finerouter.engine.route.RoutingPolicy p) {
        return String.format(java.util.Locale.ROOT, "α %.2f, tolerance %.4f%s", p.alpha(), p.tolerance(),
                p.maxCostPerCall() == null ? "" : ", max cost per call " + HumanNumbers.costText(p.maxCostPerCall()));
    }
}

package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.drift.DriftProposals;
import dev.finerouter.engine.drift.IncrementalDiscovery;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.replay.DecisionLogReader;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.pipeline.DiscoveryMetrics;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryReportWriter;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.Encoders;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.StageTiming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter discover}: Stage 1, fine-grained task discovery, with a report folder. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Stage 1: describe, embed, kNN + RBO graph, iterative Leiden, candidates and summaries.",
                "Writes run.json, tasks.json, assignments.jsonl and summary.md to --out. Stages are cached in "
                        + "--cache-dir: a rerun or a run after Ctrl-C resumes; changing only τ/δ/ℓ re-clusters."})
final class DiscoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatasetOptions dataset;

    @Option(names = {"-o", "--out"}, defaultValue = "out/discover", paramLabel = "DIR",
            description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Mixin
    Stage1Options stage1;
    @Option(names = "--incremental", description = {"Cluster the prompts of a decision log (--log) against the tasks of a deployed bundle (--bundle)",
            "and write proposals.json + proposals.md for new tasks; the bundle is not changed. --data (optional here) gives true scores."})
    boolean incremental;
    @Option(names = "--bundle", paramLabel = "PATH", description = "With --incremental: the deployed bundle.")
    Path bundle;
    @Option(names = "--log", paramLabel = "FILE_OR_DIR", description = "With --incremental: the decision log (serve --decision-log, --log-prompts full).")
    Path log;
    @Option(names = "--novelty", paramLabel = "COS",
            description = "With --incremental: propose communities whose center cosine to every bundle task is below COS (default: ${DEFAULT-VALUE}).")
    double novelty = IncrementalDiscovery.Settings.DEFAULTS.novelty();
    @Option(names = "--all-logged", description = "With --incremental: cluster every logged prompt, not only those flagged drift (Others or low task probability).")
    boolean allLogged = !IncrementalDiscovery.Settings.DEFAULTS.driftOnly();

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter pw = spec.commandLine().getOut();
        PipelineConfig config = stage1.config();
        OutputPaths.requireFolder(out, "--out");
        if (incremental) {
            return incremental(config, err, pw);
        }
        LoadedDataset loaded = dataset.load(err);
        dev.finerouter.engine.data.DatasetSplitter.requireTrainRows(loaded.dataset(), config.split());
        ConsoleProgress progress = new ConsoleProgress(err, config.seed());
        DiscoveryResult result = progress.runCancellable(
                () -> new DiscoveryPipeline(stage1.cacheDirOrNull(), progress.stageLogger()).run(loaded.dataset(), config, progress));
        DiscoveryMetrics metrics = DiscoveryMetrics.of(result);
        DiscoveryReportWriter.write(result, metrics, out);
        print(pw, result, metrics);
        pw.println("wrote " + out.resolve("summary.md") + ", tasks.json, assignments.jsonl, run.json");
        return FineRouterCli.OK;
    }

    private int incremental(PipelineConfig config, PrintWriter err, PrintWriter pw) throws EngineException {
        if (bundle == null || log == null) {
            throw new EngineException("--incremental needs --bundle and --log", "e.g. discover --incremental --bundle router.frb --log decisions/", null);
        }
        IncrementalDiscovery.Settings settings;
        try {
            settings = new IncrementalDiscovery.Settings(!allLogged, novelty);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "check --novelty", null);
        }
        RouterBundle b = BundleReader.read(bundle);
        List<DecisionRecord> records = DecisionLogReader.read(log);
        boolean dataGiven = spec.commandLine().getParseResult().hasMatchedOption("--data");
        RoutingDataset data = dataGiven ? dataset.load(err).dataset() : null;
        ConsoleProgress progress = new ConsoleProgress(err, config.seed());
        Path outDir = spec.commandLine().getParseResult().hasMatchedOption("--out") ? out : Path.of("out/drift");
        DriftProposals proposals;
        try (Embedder encoder = Encoders.cached(FineRouterCli.encoders(spec).open(b.manifest().encoder(), stage1.encoderDir), stage1.cacheDirOrNull())) {
            proposals = progress.runCancellable(() -> IncrementalDiscovery.run(b, bundle.toString(), encoder, records, data, config,
                    stage1.cacheDirOrNull(), progress.stageLogger(), settings, progress));
        }
        proposals.write(outDir);
        pw.print(proposals.markdown());
        pw.println("wrote " + outDir.resolve("proposals.json") + " and proposals.md; the bundle is unchanged (accept with: finerouter bundle accept)");
        pw.flush();
        return FineRouterCli.OK;
    }

    static void print(PrintWriter pw, DiscoveryResult r, DiscoveryMetrics m) {
        pw.printf(Locale.ROOT, "%n%d tasks over %d training prompts; %.2f candidates per task (%.0f%% of %d models); %.1f%% in Others%n",
                m.tasks(), r.trainRows().length, m.meanCandidates(), 100 * m.candidateShareOfPool(), r.dataset().pool().size(),
                100 * m.othersShare());
        if (m.degenerateWarning() != null) {
            pw.println("WARNING: " + m.degenerateWarning());
        }
        if (m.agreementWithSubtask() != null) {
            pw.printf(Locale.ROOT, "agreement with ground-truth sub-tasks: ARI %.3f, NMI %.3f%n", m.agreementWithSubtask().ari(),
                    m.agreementWithSubtask().nmi());
        }
        if (m.agreementWithTask() != null) {
            pw.printf(Locale.ROOT, "agreement with benchmark labels:       ARI %.3f, NMI %.3f%n", m.agreementWithTask().ari(),
                    m.agreementWithTask().nmi());
        }
        ModelPool pool = r.dataset().pool();
        TextTable table = new TextTable(">task", ">size", "candidates", "summary");
        int shown = 0;
        for (DiscoveredTask t : r.discovery().tasks()) {
            if (shown++ == 20) {
                break;
            }
            StringBuilder cand = new StringBuilder();
            for (int c : t.candidates()) {
                cand.append(cand.length() == 0 ? "" : ", ").append(pool.get(c).name());
            }
            String summary = r.summaries().get(t.id());
            table.row(t.id(), t.size(), cand, summary.length() > 70 ? summary.substring(0, 69) + "…" : summary);
        }
        pw.println();
        pw.print(table.render());
        if (r.discovery().tasks().size() > 20) {
            pw.printf("… %d more in summary.md%n", r.discovery().tasks().size() - 20);
        }
        long total = r.timings().stream().mapToLong(StageTiming::millis).sum();
        pw.printf(Locale.ROOT, "total %.1f s%n", total / 1000.0);
    }
}

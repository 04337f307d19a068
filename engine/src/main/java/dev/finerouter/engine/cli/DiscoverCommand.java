package dev.finerouter.engine.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.data.SplitConfig;
import dev.finerouter.engine.describe.ChatEndpointConfig;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.pipeline.DescriberSettings;
import dev.finerouter.engine.pipeline.DiscoveryMetrics;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryReportWriter;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.PipelineListener;
import dev.finerouter.engine.pipeline.PipelineStage;
import dev.finerouter.engine.pipeline.StageTiming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
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
    @Option(names = "--cache-dir", defaultValue = ".finerouter-cache", paramLabel = "DIR",
            description = "Cache of descriptions, embeddings and graphs (default: ${DEFAULT-VALUE}).")
    Path cacheDir;
    @Option(names = "--no-cache", description = "Compute everything, store nothing.")
    boolean noCache;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of splits and clustering (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--resplit", description = "Ignore the data's splits and split anew (80/10/10, stratified by task).")
    boolean resplit;

    @Option(names = "--k", defaultValue = "5", description = "Neighbours per node (paper: ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--tau", defaultValue = "0.4", description = "RBO threshold τ (paper: ${DEFAULT-VALUE}).")
    double tau;
    @Option(names = "--levels", defaultValue = "3", description = "Clustering levels ℓ (paper: ${DEFAULT-VALUE}).")
    int levels;
    @Option(names = "--delta", defaultValue = "0.8", description = "Candidate coverage δ (paper: ${DEFAULT-VALUE}).")
    double delta;
    @Option(names = "--min-task-size", defaultValue = "5", description = "Smaller communities go to Others (default: ${DEFAULT-VALUE}).")
    int minTaskSize;
    @Option(names = "--rbo-p", defaultValue = "0.8", description = "RBO persistence p (default: ${DEFAULT-VALUE}).")
    double rboP;
    @Option(names = "--resolution", defaultValue = "1.0", description = "Leiden modularity resolution (default: ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--llm-url", paramLabel = "URL",
            description = "OpenAI-compatible endpoint for task descriptions, e.g. http://127.0.0.1:8000/v1 (default: offline describer).")
    String llmUrl;
    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name at --llm-url.")
    String llmModel;
    @Option(names = "--llm-key-env", paramLabel = "VAR", description = "Environment variable holding the API key (optional).")
    String llmKeyEnv;
    @Option(names = "--encoder-dir", paramLabel = "DIR",
            description = "Bring-your-own ONNX sentence encoder folder (model.onnx + tokenizer.json); default: bundled all-MiniLM-L6-v2.")
    Path encoderDir;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter pw = spec.commandLine().getOut();
        PipelineConfig config = config();
        LoadedDataset loaded = dataset.load(err);
        ConsoleProgress progress = new ConsoleProgress(err, seed);
        Thread hook = new Thread(progress::cancel, "finerouter-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        DiscoveryResult result;
        try {
            PipelineListener listener = new PipelineListener() {
                @Override
                public void stageFinished(PipelineStage stage, boolean cached, long millis) {
                    progress.log(String.format(Locale.ROOT, "%-10s %7.1f s%s", stage.label(), millis / 1000.0, cached ? " (cached)" : ""));
                }
            };
            result = new DiscoveryPipeline(noCache ? null : cacheDir, listener).run(loaded.dataset(), config, progress);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running
            }
        }
        DiscoveryMetrics metrics = DiscoveryMetrics.of(result);
        DiscoveryReportWriter.write(result, metrics, out);
        print(pw, result, metrics);
        pw.println("wrote " + out.resolve("summary.md") + ", tasks.json, assignments.jsonl, run.json");
        return FineRouterCli.OK;
    }

    private PipelineConfig config() throws EngineException {
        try {
            Stage1Config stage1 = new Stage1Config(k, tau, levels, delta, 60, rboP, minTaskSize, resolution, 50);
            DescriberSettings describer = DescriberSettings.OFFLINE;
            if (llmUrl != null) {
                if (llmModel == null) {
                    throw new EngineException("--llm-url needs --llm-model", "e.g. --llm-model gpt-4o-mini", null);
                }
                describer = new DescriberSettings(ChatEndpointConfig.of(llmUrl, llmModel, llmKeyEnv));
            }
            EmbedderSettings embedder = new EmbedderSettings(encoderDir, EmbedderSettings.BUNDLED.batchSize());
            return new PipelineConfig(seed, new SplitConfig(seed, 0.8, 0.1, 0.1, resplit), describer, embedder, stage1);
        } catch (IllegalArgumentException e) {
            throw new EngineException("invalid setting: " + e.getMessage(), "see finerouter discover --help", null);
        }
    }

    private static void print(PrintWriter pw, DiscoveryResult r, DiscoveryMetrics m) {
        pw.printf(Locale.ROOT, "%n%d tasks over %d training prompts; %.2f candidates per task (%.0f%% of %d models); %.1f%% in Others%n",
                m.tasks(), r.trainRows().length, m.meanCandidates(), 100 * m.candidateShareOfPool(), r.dataset().pool().size(),
                100 * m.othersShare());
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

package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.cli.bench.DiscoveryBenchmark;
import dev.finerouter.cli.bench.LoadBenchmark;
import dev.finerouter.cli.bench.ServeSoakBenchmark;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.data.BenchmarkPrompts;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.service.RouterService;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.pipeline.PipelineConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter bench ...}: speed and memory measurements that write JSON and print a table. */
@Command(mixinStandardHelpOptions = true, name = "bench", description = "Benchmarks: write JSON and print a table (never assertions on time).",
        subcommands = {BenchCommand.Load.class, BenchCommand.Discovery.class, BenchWhatIfCommand.class, BenchCommand.ServeSoak.class,
                BenchEncoderCommand.class, BenchScaleCommand.class})
final class BenchCommand extends GroupCommand {

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Time loading a dataset against a Jackson tree-model baseline measured in the same run.")
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-d", "--data"}, required = true, paramLabel = "PATH", defaultValue = "${env:FINEROUTER_SAMPLE:-${sys:finerouter.sample}}",
                description = "Dataset file or folder (default: the bundled sample).")
        Path data;
        @Option(names = "--repeat", defaultValue = "3", description = "Timed repeats after one warm-up (default: ${DEFAULT-VALUE}).")
        int repeat;
        @Mixin
        BenchOutOption out;

        @Override
        public Integer call() throws EngineException {
            if (repeat < 1) {
                throw new EngineException("--repeat must be at least 1", "e.g. --repeat 3", null);
            }
            LoadBenchmark.Result r = LoadBenchmark.run(data, repeat);
            out.writeJson(r);
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf(Locale.ROOT, "load benchmark: %s (%,d prompts × %d models), %d cores, Java %s%n", r.data(), r.prompts(),
                    r.models(), r.availableProcessors(), r.javaVersion());
            TextTable t = new TextTable("variant", ">median ms", ">prompts/s", ">ratio");
            t.row("streaming importer (finerouter)", fmt(r.loaderMedianMillis()), fmt(r.promptsPerSecond()), "1.00");
            t.row("baseline: Jackson readTree per line, parse only", fmt(r.baselineMedianMillis()),
                    fmt(r.prompts() / Math.max(r.baselineMedianMillis() / 1000.0, 1e-9)),
                    String.format(Locale.ROOT, "%.2f", r.baselineMedianMillis() / Math.max(r.loaderMedianMillis(), 1e-9)));
            pw.print(t.render());
            pw.printf(Locale.ROOT, "score storage %.1f MB, heap after load %.1f MB%n", r.scoreStorageBytes() / 1e6,
                    r.heapAfterLoadBytes() / 1e6);
            pw.println("wrote " + out.file);
            return FineRouterCli.OK;
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
    }

    @Command(name = "discovery", mixinStandardHelpOptions = true,
            description = {"Measure Stage 1 (task discovery) on a dataset.",
                    "Reports stage timings, embedding throughput, τ re-cluster and δ re-select times, peak heap and "
                            + "tasks/candidates/Others and, with sub-task labels, ARI/NMI against benchmark-label and k-means baselines."})
    static final class Discovery implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatasetOptions dataset;
        @Mixin
        Stage1Options stage1;
        @Option(names = "--index", defaultValue = "exact", paramLabel = "exact|hnsw|ivf",
                description = "Neighbour search of the prompt graph; hnsw and ivf also report recall@k against exact, ivf its own "
                        + "validation recall and nprobe (default: ${DEFAULT-VALUE}).")
        String index;
        @Option(names = "--no-kmeans", description = "Skip the k-means baselines (slow on 100k prompts).")
        boolean noKMeans;
        @Option(names = "--kmeans-iterations", defaultValue = "30", description = "k-means iteration cap (default: ${DEFAULT-VALUE}).")
        int kMeansIterations;
        @Option(names = "--embed-sample", defaultValue = "2000",
                description = "Distinct descriptions embedded uncached to measure texts/s; 0 skips (default: ${DEFAULT-VALUE}).")
        int embedSample;
        @Option(names = "--tau-probe", defaultValue = "0.5", description = "τ of the re-cluster measurement (default: ${DEFAULT-VALUE}).")
        double tauProbe;
        @Option(names = "--delta-probe", defaultValue = "0.9", description = "δ of the re-select measurement (default: ${DEFAULT-VALUE}).")
        double deltaProbe;
        @Mixin
        BenchOutOption out;

        @Override
        public Integer call() throws EngineException {
            PrintWriter err = spec.commandLine().getErr();
            DiscoveryBenchmark.IndexKind kind;
            try {
                kind = DiscoveryBenchmark.IndexKind.valueOf(index.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new EngineException("unknown --index " + index, "use exact, hnsw or ivf", null);
            }
            PipelineConfig config = stage1.config();
            DiscoveryBenchmark.Options options;
            try {
                options = new DiscoveryBenchmark.Options(String.valueOf(dataset.data), stage1.cacheDirOrNull(), config, kind,
                        !noKMeans, kMeansIterations, embedSample, tauProbe, deltaProbe);
            } catch (IllegalArgumentException e) {
                throw new EngineException("invalid setting: " + e.getMessage(), "see --help", null);
            }
            LoadedDataset loaded = dataset.load(err);
            ConsoleProgress progress = new ConsoleProgress(err, config.seed());
            DiscoveryBenchmark.Result r = progress.runCancellable(() -> DiscoveryBenchmark.run(loaded.dataset(), options, progress));
            out.writeJson(r);
            print(spec.commandLine().getOut(), r);
            spec.commandLine().getOut().println("wrote " + out.file);
            return FineRouterCli.OK;
        }

        static void print(PrintWriter pw, DiscoveryBenchmark.Result r) {
            DiscoveryBenchmark.Timings t = r.timings();
            pw.printf(Locale.ROOT, "discovery benchmark: %s — %,d prompts (%,d train) × %d models, ℓ = %d, index %s; %d cores, load %.2f, Java %s%n",
                    r.data(), r.prompts(), r.trainPrompts(), r.models(), r.levels(), r.index(), r.availableProcessors(),
                    r.loadAverage(), r.javaVersion());
            TextTable table = new TextTable("measure", ">value");
            table.row("describe" + (t.describeCached() ? " (cache)" : ""), sec(t.describe()));
            table.row("embed stage" + (t.embedCached() ? " (cache)" : ""), sec(t.embed()));
            table.row("embedding throughput, uncached (" + t.embedThroughputTexts() + " texts)",
                    String.format(Locale.ROOT, "%.0f texts/s", t.embedTextsPerSecond()));
            table.row("distinct training embeddings", String.format(Locale.ROOT, "%,d of %,d", r.distinctVectors(), r.trainPrompts()));
            if (r.ivf() != null) {
                table.row("IVF lists / nprobe / validation recall (tie-aware)", String.format(Locale.ROOT, "%d / %d%s / %.4f on %,d rows",
                        r.ivf().lists(), r.ivf().probes(), r.ivf().exactFallback() ? " (exact fallback)" : "",
                        r.ivf().validationRecall(), r.ivf().validationRows()));
            }
            table.row("kNN + RBO (" + r.index() + ")", sec(t.knnRbo()));
            if (t.exactKnn() >= 0) {
                table.row("exact kNN alone (for recall)", sec(t.exactKnn()));
            }
            if (r.recallRows() > 0) {
                table.row("recall@k of " + r.index() + " vs exact (by index / tie-aware), " + r.recallRows() + " rows",
                        String.format(Locale.ROOT, "%.4f / %.4f", r.recallAtK(), r.tieAwareRecallAtK()));
            }
            table.row("cluster: Leiden × ℓ + Others + candidates", sec(t.cluster()));
            table.row("kNN + RBO + cluster (no describe/embed)", sec(t.graphStageAndClusterWithoutEmbed()));
            table.row("τ re-cluster from cached edges (τ = " + r.tauProbe() + ")", sec(t.tauRecluster()));
            table.row("preference rankings (once)", ms(t.rankings()));
            table.row("δ re-select (δ = " + r.deltaProbe() + ", median of 5)", String.format(Locale.ROOT, "%.2f ms", t.deltaReselect()));
            table.row("peak heap (polled)", String.format(Locale.ROOT, "%.0f MB of %.0f MB", r.peakHeapBytes() / 1e6, r.maxHeapBytes() / 1e6));
            table.row("tasks (communities per level)", r.tasks() + " " + java.util.Arrays.toString(r.communitiesPerLevel()));
            table.row("avg candidates per task", String.format(Locale.ROOT, "%.2f", r.meanCandidates()));
            table.row("Others share", String.format(Locale.ROOT, "%.1f%%", 100 * r.othersShare()));
            table.row("tasks at τ probe / avg candidates at δ probe", r.tasksAtTauProbe() + " / "
                    + String.format(Locale.ROOT, "%.2f", r.meanCandidatesAtDeltaProbe()));
            pw.print(table.render());
            if (!r.agreement().isEmpty()) {
                pw.printf("recovery of %d ground-truth sub-tasks (training prompts):%n", r.subTasks());
                TextTable a = new TextTable("clustering", ">clusters", ">ARI", ">NMI", ">time");
                r.agreement().forEach(row -> a.row(row.method(), row.clusters(), String.format(Locale.ROOT, "%.3f", row.ari()),
                        String.format(Locale.ROOT, "%.3f", row.nmi()), row.millis() == 0 ? "" : sec(row.millis())));
                pw.print(a.render());
            }
        }

        private static String sec(long millis) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }

        private static String ms(long millis) {
            return millis + " ms";
        }
    }

    @Command(name = "serve-soak", mixinStandardHelpOptions = true,
            description = {"Soak the routing server with a bundle for a bounded time and report latency, errors and memory.",
                    "The server runs in this process on 127.0.0.1: GET /health briefly as a baseline, then mixed POST /v1/route "
                            + "requests (one prompt, one with α/tolerance overrides, four prompts) over N keep-alive connections, "
                            + "sampling resident memory (VmRSS) every few seconds.",
                    "Reports p50/p95/p99, errors, and RSS after the first minute and at the end. Stops by itself. Writes JSON, prints a table."})
    static final class ServeSoak implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--bundle", required = true, paramLabel = "PATH",
                description = "Router bundle (folder or .frb), e.g. out/run/router.frb from './finerouter train --levels 1'.")
        Path bundle;
        @Option(names = {"-d", "--data"}, required = true, paramLabel = "PATH", defaultValue = "${env:FINEROUTER_SAMPLE:-${sys:finerouter.sample}}",
                description = "Dataset whose prompts are sent: its test split, or all prompts without splits (default: the bundled sample).")
        Path data;
        @Option(names = "--connections", defaultValue = "8", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
        int connections;
        @Option(names = "--minutes", defaultValue = "10", description = "Duration of the /v1/route load in minutes, fractions allowed (default: ${DEFAULT-VALUE}).")
        double minutes;
        @Option(names = "--sample-seconds", defaultValue = "10", description = "Seconds between memory samples (default: ${DEFAULT-VALUE}).")
        double sampleSeconds;
        @Option(names = "--settle-seconds", defaultValue = "60",
                description = "The end's memory is compared with the first sample at or after this time (default: ${DEFAULT-VALUE}).")
        double settleSeconds;
        @Option(names = "--health-seconds", defaultValue = "10", description = "Duration of the /health baseline, 0 to skip (default: ${DEFAULT-VALUE}).")
        double healthSeconds;
        @Option(names = "--seed", defaultValue = "42", description = "Seed of the request mix (default: ${DEFAULT-VALUE}).")
        long seed;
        @Mixin
        BundleEncoderOption bundleEncoder;
        @Mixin
        BenchOutOption out;

        @Override
        public Integer call() throws EngineException {
            PrintWriter err = spec.commandLine().getErr();
            if (!(minutes > 0 && minutes <= 24 * 60) || !(sampleSeconds >= 0.1) || settleSeconds < 0 || healthSeconds < 0 || connections < 1
                    || connections > 1024) {
                throw new EngineException("invalid setting: --minutes must be in (0, 1440], --sample-seconds ≥ 0.1, --connections in 1..1024, "
                        + "--settle-seconds and --health-seconds ≥ 0", "see --help", null);
            }
            List<String> prompts = BenchmarkPrompts.of(DatasetLoader.load(data, ImportOptions.STRICT).dataset());
            if (prompts.isEmpty()) {
                throw new EngineException(data + " has no prompts to send", "point --data at a dataset with prompts", null);
            }
            ServeSoakBenchmark.Options options = new ServeSoakBenchmark.Options(connections, seconds(minutes * 60), seconds(sampleSeconds),
                    seconds(settleSeconds), seconds(healthSeconds), prompts, seed);
            RouterBundle b = BundleReader.read(bundle);
            Embedder encoder = bundleEncoder.open(b.manifest().encoder());
            ServeSoakBenchmark.Result r;
            try {
                r = ServeSoakBenchmark.run(new RouterService(b, encoder), bundle, options, line -> {
                    err.println(line);
                    err.flush();
                });
            } finally {
                encoder.close();
            }
            out.writeJson(r);
            print(spec.commandLine().getOut(), r);
            spec.commandLine().getOut().println("wrote " + out.file);
            return FineRouterCli.OK;
        }

        private static Duration seconds(double s) {
            return Duration.ofNanos(Math.round(s * 1e9));
        }

        static void print(PrintWriter pw, ServeSoakBenchmark.Result r) {
            pw.printf(Locale.ROOT, "serve soak: %s, %d connections, %,d prompts in the pool; %d cores, load %.2f → %.2f, Java %s%n", r.bundle(),
                    r.connections(), r.prompts(), r.availableProcessors(), r.loadAverageStart(), r.loadAverageEnd(), r.javaVersion());
            TextTable t = new TextTable("load", ">requests", ">errors", ">req/s", ">p50 ms", ">p95 ms", ">p99 ms", ">max ms");
            row(t, "POST /v1/route (mixed)", r.route());
            if (r.health() != null) {
                row(t, "GET /health (baseline)", r.health());
            }
            pw.print(t.render());
            pw.printf(Locale.ROOT, "resident memory: %s at start, %s after %.0f s, %s at the end (%s); %,d micro-batches, %.2f prompts each%n",
                    mb(r.rssStartBytes()), mb(r.rssAfterSettleBytes()), r.settleSeconds(), mb(r.rssEndBytes()),
                    r.rssGrowthAfterSettle() == null ? "run shorter than the settle time" : String.format(Locale.ROOT, "%+.1f%% since then",
                            100 * r.rssGrowthAfterSettle()), r.batches(), r.batches() == 0 ? 0.0 : (double) r.batchedPrompts() / r.batches());
            if (r.route().firstError() != null) {
                pw.println("first error: " + r.route().firstError());
            }
        }

        private static void row(TextTable t, String name, ServeSoakBenchmark.Phase p) {
            t.row(name, String.format(Locale.ROOT, "%,d", p.requests()), String.format(Locale.ROOT, "%,d", p.errors()),
                    String.format(Locale.ROOT, "%,.1f", p.requestsPerSecond()), ms(p.p50Millis()), ms(p.p95Millis()), ms(p.p99Millis()),
                    ms(p.maxMillis()));
        }

        private static String ms(double v) {
            return String.format(Locale.ROOT, "%.2f", v);
        }

        private static String mb(long bytes) {
            return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
    }
}

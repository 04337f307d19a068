package dev.finerouter.cli.bench;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.cluster.TaskDiscoveryRunner;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.graph.ExactKnn;
import dev.finerouter.engine.graph.HnswKnn;
import dev.finerouter.engine.graph.IvfKnn;
import dev.finerouter.engine.graph.KnnIndex;
import dev.finerouter.engine.graph.KnnRecall;
import dev.finerouter.engine.graph.KnnResult;
import dev.finerouter.engine.graph.PreferenceRanking;
import dev.finerouter.engine.graph.ScoredEdges;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.Encoders;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.PipelineListener;
import dev.finerouter.engine.pipeline.PipelineStage;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.pipeline.StageTiming;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Measures Stage 1 on a dataset (issue 4, "Measure and report"): stage timings, embedding throughput, τ re-cluster
 * and δ re-select times, peak heap, the headline numbers, and — when the data has {@code subtask} labels — how
 * well the discovered tasks recover them next to two coarse baselines (benchmark label only; k-means on the same
 * description embeddings with k = number of discovered tasks and k = number of true sub-tasks).
 *
 * <p>How each figure is taken:
 * <ul>
 *   <li>describe, embed: the {@link DiscoveryPipeline}'s own stage timings (both use the per-text disk caches, so a
 *       rerun measures cache reads; {@code describeCached}/{@code embedCached} are heuristics: the stage read the cache
 *       if it ran faster than 2,000 texts/s).</li>
 *   <li>embedding throughput: a separate, uncached encoder embeds up to {@code embedSample} distinct descriptions after
 *       a 64-text warm-up.</li>
 *   <li>kNN + RBO: the selected index scoring the prompt graph from the embeddings, always computed (never read from the
 *       cache), except that with the exact index a graph the pipeline just computed is reused with its timing. An
 *       approximate index (HNSW, IVF) is compared with the exact search: on all rows up to 20,000 training prompts,
 *       else on 1,000 rows drawn with the seed, each scanned exactly ({@link KnnRecall}); IVF also reports the recall
 *       on its own validation sample, which chose its nprobe.</li>
 *   <li>cluster + candidates: Leiden × ℓ, Others, fusion, candidates and Q̄ from the scored edges; then once more with
 *       τ = {@code tauProbe} — that second run is the "τ re-cluster with caches" figure.</li>
 *   <li>δ re-select: {@link TaskDiscoveryRunner#withDelta(TaskDiscovery, PreferenceRanking[], double)}, median of 5,
 *       rankings prebuilt (their build time is reported separately).</li>
 *   <li>peak heap: {@link HeapSampler} every 20 ms over the whole run.</li>
 * </ul>
 * Nothing here asserts on time; the numbers depend on the machine and its load.
 */
public final class DiscoveryBenchmark {
    /** Which neighbour search builds the prompt graph. */
    public enum IndexKind {
        /** {@link ExactKnn}. */
        EXACT,
        /** {@link HnswKnn}, with recall@k against exact reported. */
        HNSW,
        /** {@link IvfKnn} with nprobe tuned to recall 0.95, with its own validation recall and recall@k against exact. */
        IVF;

        /** A new search of this kind with its defaults. */
        KnnIndex create() {
            return switch (this) {
                case EXACT -> new ExactKnn();
                case HNSW -> new HnswKnn();
                case IVF -> new IvfKnn();
            };
        }
    }

    /**
     * The IVF index's own report (see {@link IvfKnn.Outcome}).
     *
     * @param lists number of lists
     * @param probes nprobe chosen
     * @param validationRecall tie-aware recall@k on its validation sample
     * @param validationRows rows in that sample
     * @param exactFallback whether the target was out of reach and the exact search ran instead
     */
    public record IvfReport(int lists, int probes, double validationRecall, int validationRows, boolean exactFallback) {
    }

    /**
     * What to run.
     *
     * @param dataLabel how the data is named in the output
     * @param cacheDir cache folder of descriptions, embeddings and graphs (null: none)
     * @param config pipeline settings (levels etc.)
     * @param index the neighbour search to benchmark
     * @param kMeans whether to run the k-means baselines (needs sub-task labels)
     * @param kMeansIterations iteration cap of k-means
     * @param embedSample distinct descriptions for the throughput measurement (0: skip)
     * @param tauProbe the τ of the re-cluster measurement
     * @param deltaProbe the δ of the re-select measurement
     */
    public record Options(String dataLabel, Path cacheDir, PipelineConfig config, IndexKind index, boolean kMeans,
                          int kMeansIterations, int embedSample, double tauProbe, double deltaProbe) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(dataLabel, "dataLabel");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(index, "index");
            if (kMeansIterations < 1 || embedSample < 0) {
                throw new IllegalArgumentException("kMeansIterations must be >= 1 and embedSample >= 0");
            }
            config.stage1().withTau(tauProbe).withDelta(deltaProbe); // validates the probes
        }
    }

    /**
     * Wall times in milliseconds.
     *
     * @param describe the describe stage (see {@code describeCached})
     * @param describeCached whether descriptions came from the cache (heuristic, see class doc)
     * @param embed the embed stage
     * @param embedCached whether embeddings came from the cache (heuristic)
     * @param embedThroughputTexts texts in the uncached throughput measurement
     * @param embedThroughputMillis its time
     * @param embedTextsPerSecond its throughput
     * @param knnRbo kNN + RBO with the selected index
     * @param exactKnn exact kNN alone (measured with an approximate index up to 20,000 prompts, for recall), else −1
     * @param cluster Leiden × ℓ + Others + fusion + candidates + Q̄ from the scored edges
     * @param tauRecluster the same from cached edges with τ = tauProbe
     * @param rankings building the preference rankings of all prompts (once per data)
     * @param deltaReselect median δ re-select time (rankings prebuilt)
     * @param graphStageAndClusterWithoutEmbed knnRbo + cluster: the "kNN + RBO + Leiden × ℓ + candidates" target figure
     */
    public record Timings(long describe, boolean describeCached, long embed, boolean embedCached, int embedThroughputTexts,
                          long embedThroughputMillis, double embedTextsPerSecond, long knnRbo, long exactKnn, long cluster,
                          long tauRecluster, long rankings, double deltaReselect, long graphStageAndClusterWithoutEmbed) {
    }

    /**
     * The benchmark's outcome.
     *
     * @param data the data label
     * @param prompts prompts in the data
     * @param trainPrompts training prompts Stage 1 ran on
     * @param models models in the pool
     * @param levels clustering levels ℓ
     * @param index the neighbour search
     * @param distinctVectors distinct (bit-identical rows counted once) training embeddings the exact and IVF searches
     *     work on
     * @param recallAtK recall@k of the approximate index against exact, by neighbour index (NaN with the exact index)
     * @param tieAwareRecallAtK recall@k counting any neighbour as good as the exact k-th one (NaN with exact)
     * @param recallRows rows the recall was measured on (all up to 20,000 training prompts, else a seeded sample of 1,000)
     * @param ivf the IVF index's settings and validation recall (null with the other indexes)
     * @param tasks number of discovered tasks
     * @param communitiesPerLevel communities after each level
     * @param meanCandidates average candidates per task
     * @param othersShare share of training prompts in Others
     * @param tauProbe the τ of the re-cluster measurement
     * @param tasksAtTauProbe tasks found with it
     * @param deltaProbe the δ of the re-select measurement
     * @param meanCandidatesAtDeltaProbe average candidates with it
     * @param subTasks distinct true sub-tasks among training prompts (0 without labels)
     * @param agreement ARI/NMI rows against the sub-tasks (empty without labels)
     * @param timings wall times
     * @param peakHeapBytes peak used heap (polled)
     * @param maxHeapBytes the JVM's maximum heap
     * @param availableProcessors cores the JVM sees
     * @param loadAverage 1-minute system load average at the end (−1 if unknown)
     * @param javaVersion the Java runtime
     * @param describerId the describer used
     * @param embedderId the encoder used
     */
    public record Result(String data, int prompts, int trainPrompts, int models, int levels, String index,
                         int distinctVectors, double recallAtK, double tieAwareRecallAtK, int recallRows, IvfReport ivf,
                         int tasks, int[] communitiesPerLevel, double meanCandidates, double othersShare, double tauProbe,
                         int tasksAtTauProbe, double deltaProbe, double meanCandidatesAtDeltaProbe, int subTasks,
                         List<LabelAgreement.Row> agreement, Timings timings, long peakHeapBytes, long maxHeapBytes,
                         int availableProcessors, double loadAverage, String javaVersion, String describerId,
                         String embedderId) {
    }

    /** Up to this many training prompts, recall is measured against a full exact search. */
    static final int FULL_RECALL_ROWS = 20_000;
    /** Above it, recall is measured on this many rows drawn with the run's seed, each searched exactly. */
    static final int RECALL_SAMPLE = 1_000;

    private DiscoveryBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @throws EngineException when Stage 1 fails or is cancelled
     */
    public static Result run(RoutingDataset dataset, Options options, StageContext ctx) throws EngineException {
        try (HeapSampler heap = new HeapSampler(20)) {
            return measure(dataset, options, ctx, heap);
        }
    }

    private static Result measure(RoutingDataset input, Options o, StageContext ctx, HeapSampler heap) throws EngineException {
        boolean[] graphCached = new boolean[1];
        PipelineListener listener = new PipelineListener() {
            @Override
            public void stageFinished(PipelineStage stage, boolean cached, long millis) {
                if (stage == PipelineStage.GRAPH) {
                    graphCached[0] = cached;
                }
                ctx.log(String.format(java.util.Locale.ROOT, "%-14s %7.1f s%s", stage.label(), millis / 1000.0,
                        cached ? " (cached)" : ""));
            }
        };
        DiscoveryResult base = new DiscoveryPipeline(o.cacheDir(), listener).run(input, o.config(), ctx);
        Map<PipelineStage, StageTiming> stages = DiscoveryPipeline.byStage(base.timings());
        RoutingDataset dataset = base.dataset();
        int[] trainRows = base.trainRows();
        int n = trainRows.length;
        EmbeddingMatrix embeddings = base.embeddings();
        ScoreMatrix scores = dataset.scores().selectRows(trainRows);
        var stage1 = o.config().stage1();

        long[] embedThroughput = embedThroughput(base.descriptions(), o, ctx);

        TaskDiscoveryRunner runner = new TaskDiscoveryRunner(o.index().create());
        ScoredEdges edges;
        long knnRbo;
        double recall = Double.NaN;
        double tieAware = Double.NaN;
        int recallRows = 0;
        long exactKnn = -1;
        IvfReport ivf = null;
        if (o.index() != IndexKind.EXACT) {
            long t0 = System.nanoTime();
            KnnResult approx;
            if (o.index() == IndexKind.IVF) {
                IvfKnn.Outcome outcome = new IvfKnn().searchMeasured(embeddings, stage1.k(), ctx);
                ctx.log(outcome.summary());
                ivf = new IvfReport(outcome.lists(), outcome.probes(), outcome.validationRecall(), outcome.validationRows(),
                        outcome.exact());
                approx = outcome.knn();
            } else {
                approx = o.index().create().search(embeddings, stage1.k(), ctx);
            }
            // the prompt level reuses this search; the (small) center levels search anew
            KnnIndex reuse = (e, k, c) -> e == embeddings && k == stage1.k() ? approx : o.index().create().search(e, k, c);
            edges = new TaskDiscoveryRunner(reuse).scorePromptGraph(embeddings, scores, stage1, ctx);
            knnRbo = ms(t0);
            if (n <= FULL_RECALL_ROWS) {
                t0 = System.nanoTime();
                KnnResult exact = new ExactKnn().search(embeddings, stage1.k(), ctx);
                exactKnn = ms(t0);
                recall = KnnRecall.byIndex(exact, approx);
                tieAware = KnnRecall.tieAware(exact, approx);
                recallRows = n;
            } else {
                double[] sampled = KnnRecall.sampled(embeddings, approx, RECALL_SAMPLE, o.config().seed(), ctx);
                recall = sampled[0];
                tieAware = sampled[1];
                recallRows = RECALL_SAMPLE;
            }
        } else if (!graphCached[0]) {
            edges = base.promptEdges();
            knnRbo = stages.get(PipelineStage.GRAPH).millis();
        } else {
            long t0 = System.nanoTime();
            edges = runner.scorePromptGraph(embeddings, scores, stage1, ctx);
            knnRbo = ms(t0);
        }

        long t0 = System.nanoTime();
        TaskDiscovery discovery = runner.run(edges, embeddings, scores, stage1, ctx);
        long cluster = ms(t0);
        t0 = System.nanoTime();
        TaskDiscovery atTau = runner.run(edges, embeddings, scores, stage1.withTau(o.tauProbe()), ctx);
        long tauRecluster = ms(t0);

        t0 = System.nanoTime();
        PreferenceRanking[] rankings = PreferenceRanking.ofRows(scores);
        long rankingsMs = ms(t0);
        double[] deltaTimes = new double[5];
        TaskDiscovery atDelta = null;
        for (int r = 0; r < deltaTimes.length; r++) {
            long d0 = System.nanoTime();
            atDelta = TaskDiscoveryRunner.withDelta(discovery, rankings, o.deltaProbe());
            deltaTimes[r] = (System.nanoTime() - d0) / 1e6;
        }
        Arrays.sort(deltaTimes);

        List<LabelAgreement.Row> agreement = new ArrayList<>();
        int[] truth = LabelAgreement.labels(dataset, trainRows, Prompt::subtask);
        int subTasks = 0;
        if (truth != null) {
            subTasks = LabelAgreement.distinct(truth);
            agreement.add(LabelAgreement.compare("Stage 1 tasks (Others = 1 cluster)", discovery.assignment().taskOfPrompt(), truth, cluster));
            int[] bench = LabelAgreement.labels(dataset, trainRows, Prompt::task);
            if (bench != null) {
                agreement.add(LabelAgreement.compare("benchmark label only", bench, truth, 0));
            }
            if (o.kMeans()) {
                int k1 = Math.max(1, discovery.tasks().size());
                agreement.add(LabelAgreement.kMeans("k-means, k = tasks = " + k1, embeddings, k1, o.kMeansIterations(),
                        o.config().seed(), truth, ctx));
                agreement.add(LabelAgreement.kMeans("k-means, k = sub-tasks = " + subTasks, embeddings, subTasks,
                        o.kMeansIterations(), o.config().seed(), truth, ctx));
            }
        }
        int others = discovery.othersMembers().length;
        long describe = stages.get(PipelineStage.DESCRIBE).millis();
        long embed = stages.get(PipelineStage.EMBED).millis();
        Timings timings = new Timings(describe, describe < n / 2.0, embed, embed < n / 2.0, (int) embedThroughput[0],
                embedThroughput[1], embedThroughput[1] == 0 ? Double.NaN : embedThroughput[0] * 1000.0 / embedThroughput[1],
                knnRbo, exactKnn, cluster, tauRecluster, rankingsMs, deltaTimes[deltaTimes.length / 2], knnRbo + cluster);
        Runtime rt = Runtime.getRuntime();
        return new Result(o.dataLabel(), dataset.size(), n, dataset.pool().size(), stage1.levels(),
                o.index().name().toLowerCase(java.util.Locale.ROOT), embeddings.distinctRows().count(), recall, tieAware,
                recallRows, ivf, discovery.tasks().size(),
                discovery.assignment().communitiesPerLevel(), discovery.meanCandidates(), (double) others / n, o.tauProbe(),
                atTau.tasks().size(), o.deltaProbe(), atDelta.meanCandidates(), subTasks, agreement, timings,
                heap.peakBytes(), rt.maxMemory(), rt.availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"), base.describerId(), base.embedderId());
    }

    /** {texts, millis} of an uncached encoder on up to embedSample distinct descriptions, after a warm-up. */
    private static long[] embedThroughput(List<String> descriptions, Options o, StageContext ctx) throws EngineException {
        if (o.embedSample() == 0) {
            return new long[] {0, 0};
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String d : descriptions) {
            if (distinct.size() == o.embedSample() + 64) {
                break;
            }
            distinct.add(d);
        }
        List<String> all = new ArrayList<>(distinct);
        List<String> warm = all.subList(0, Math.min(64, all.size()));
        List<String> timed = all.subList(warm.size(), all.size());
        if (timed.isEmpty()) {
            timed = warm;
        }
        try (Embedder e = Encoders.open(o.config().embedder(), null)) {
            e.embed(warm, StageContext.silent(0));
            long t0 = System.nanoTime();
            e.embed(timed, ctx);
            return new long[] {timed.size(), Math.max(1, ms(t0))};
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.cluster.TaskDiscoveryRunner;
import dev.finerouter.engine.data.DatasetSplitter;
import dev.finerouter.engine.data.SplitSummary;
import dev.finerouter.engine.describe.CachingDescriber;
import dev.finerouter.engine.describe.ClusterSummarizer;
import dev.finerouter.engine.describe.DescriptionCache;
import dev.finerouter.engine.describe.LlmClusterSummarizer;
import dev.finerouter.engine.describe.OfflineTaskDescriber;
import dev.finerouter.engine.describe.OpenAiChatDescriber;
import dev.finerouter.engine.describe.TaskDescriber;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.graph.ScoredEdges;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.stage.StageContext;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Stage 1 end to end on a dataset: split → describe → embed → kNN + RBO → iterative Leiden, Others,
 * candidates → summaries (written by the same LLM endpoint as the descriptions when one is configured, else extractive). Expensive stages are cached under the cache folder (descriptions and embeddings per text,
 * the prompt graph per input), so a rerun — or a run that was cancelled half way — only does what is missing, and a
 * changed τ, δ, ℓ or minimum task size only re-clusters.
 */
public final class DiscoveryPipeline {
    /** Version of the prompt-graph cache entry format; bump when the codec or its meaning changes. */
    static final int GRAPH_CACHE_VERSION = 1;

    private final Path cacheDir;
    private final PipelineListener listener;
    private final Embedder encoder;

    /**
     * @param cacheDir the cache folder, or {@code null} to cache nothing
     * @param listener receives stage boundaries
     */
    public DiscoveryPipeline(Path cacheDir, PipelineListener listener) {
        this(cacheDir, listener, null);
    }

    /**
     * A pipeline that embeds the descriptions with an encoder the caller opened (e.g. a deployed bundle's own encoder,
     * so new communities live in the bundle's space) instead of the one the configuration names.
     *
     * @param cacheDir the cache folder, or {@code null} to cache nothing
     * @param listener receives stage boundaries
     * @param encoder used as given (the caller wraps it in a cache if wanted, and closes it), or {@code null} to open
     *                {@link PipelineConfig#embedder()} on the cache folder
     */
    public DiscoveryPipeline(Path cacheDir, PipelineListener listener, Embedder encoder) {
        this.cacheDir = cacheDir;
        this.listener = listener == null ? PipelineListener.NONE : listener;
        this.encoder = encoder;
    }

    /**
     * What the split step says beyond its counts: a warning when the data's own splits put one text in two splits
     * (copies of training prompts among the test or dev prompts flatter every router that remembers them), and how
     * many labels were too small for a stratum of their own.
     */
    static List<String> splitNotes(SplitSummary summary) {
        List<String> out = new ArrayList<>();
        if (summary.textsInSeveralSplits() > 0) {
            out.add("warning: " + summary.textsInSeveralSplits() + " prompt texts occur in more than one split (the data's own "
                    + "splits were kept): a test or dev prompt whose copy is a training prompt flatters every router that "
                    + "remembers it; --resplit splits anew with identical texts kept together");
        }
        if (summary.pooledLabels() > 0) {
            out.add(summary.pooledLabels() + " task labels too small for a stratum of their own (some split would expect less "
                    + "than one of their prompts) were split together");
        }
        return out;
    }

    /**
     * One line per model that the training prompts score too thinly to learn: no score at all (no router can learn
     * it, and the robust rule, with no estimate for it, never chooses it) or fewer than {@value RobustRule#MIN_SCORED_PROMPTS}
     * (its estimates rest on those few; when other models are scored on more than twice as many, the robust rule treats
     * it as unscored: {@link RobustRule#tooThinlyScored}).
     */
    static List<String> sparseModels(RoutingDataset dataset, int[] trainRows) {
        int[] scored = new int[dataset.pool().size()];
        for (int j = 0; j < scored.length; j++) {
            for (int row : trainRows) {
                if (dataset.scores().isPresent(row, j)) {
                    scored[j]++;
                }
            }
        }
        int most = java.util.Arrays.stream(scored).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (int j = 0; j < scored.length; j++) {
            String name = dataset.pool().get(j).name();
            if (scored[j] == 0) {
                out.add(String.format(java.util.Locale.ROOT, "model %s has no score on any of the %d training prompts: no router can "
                        + "learn it, and the default rule does not choose it (score it on training prompts, or add it to a trained "
                        + "bundle with 'finerouter onboard')", name, trainRows.length));
            } else if (RobustRule.tooThinlyScored(scored[j], most)) {
                out.add(String.format(java.util.Locale.ROOT, "model %s is scored on only %d of the %d training prompts: the "
                        + "default rule does not choose it (fewer than %d, and other models are scored on %d; score it on more "
                        + "training prompts), and other routers' estimates of it rest on those few", name, scored[j],
                        trainRows.length, RobustRule.MIN_SCORED_PROMPTS, most));
            } else if (scored[j] < RobustRule.MIN_SCORED_PROMPTS) {
                out.add(String.format(java.util.Locale.ROOT, "model %s is scored on only %d of the %d training prompts: its "
                        + "estimates rest on those few", name, scored[j], trainRows.length));
            }
        }
        return out;
    }

    /** Runs Stage 1. */
    public DiscoveryResult run(RoutingDataset input, PipelineConfig config, StageContext ctx) throws EngineException {
        List<StageTiming> timings = new ArrayList<>();
        StageCache stageCache = cacheDir == null ? StageCache.disabled() : StageCache.at(cacheDir.resolve("stages"));

        long t0 = start(PipelineStage.SPLIT);
        DatasetSplitter.Result split = DatasetSplitter.split(input, config.split());
        RoutingDataset dataset = split.dataset();
        int[] trainRows = dataset.indicesOf(Split.TRAIN);
        if (trainRows.length < 2) {
            throw new EngineException("the training split has " + trainRows.length + " prompts; task discovery needs more",
                    "check the data's split field, or use data split --resplit", null);
        }
        List<String> trainTexts = new ArrayList<>(trainRows.length);
        for (int row : trainRows) {
            trainTexts.add(dataset.prompts().get(row).text());
        }
        ctx.log(String.format("split: %s (%s); %d training prompts", split.summary().counts(), split.summary().method(), trainRows.length));
        for (String note : splitNotes(split.summary())) {
            ctx.log("split: " + note);
        }
        for (String warning : sparseModels(dataset, trainRows)) {
            ctx.log("split: " + warning);
        }
        finish(PipelineStage.SPLIT, t0, false, timings);

        t0 = start(PipelineStage.DESCRIBE);
        String describerId;
        List<String> descriptions;
        try (TaskDescriber describer = describer(config.describer())) {
            describerId = describer.id();
            descriptions = describer.describe(trainTexts, stageContext(ctx, PipelineStage.DESCRIBE));
        } catch (EngineException e) {
            throw e;
        } catch (Exception e) {
            throw new EngineException("describing prompts failed: " + e.getMessage(), e);
        }
        finish(PipelineStage.DESCRIBE, t0, false, timings);

        t0 = start(PipelineStage.EMBED);
        String embedderId;
        EmbeddingMatrix embeddings;
        Embedder embedder = encoder != null ? encoder : Encoders.open(config.embedder(), cacheDir);
        try {
            embedderId = embedder.id();
            Embeddings e = embedder.embed(descriptions, stageContext(ctx, PipelineStage.EMBED));
            embeddings = EmbeddingMatrix.normalizing(e.rows(), e.dimension(), e.data());
        } finally {
            if (embedder != encoder) {
                embedder.close();
            }
        }
        finish(PipelineStage.EMBED, t0, false, timings);

        ScoreMatrix trainScores = dataset.scores().selectRows(trainRows);
        TaskDiscoveryRunner runner = new TaskDiscoveryRunner();
        t0 = start(PipelineStage.GRAPH);
        StageCache.Key graphKey = StageCache.Key.of("prompt-graph", GRAPH_CACHE_VERSION, dataset.fingerprint(),
                Arrays.toString(trainRows), describerId, embedderId, Integer.toString(config.stage1().k()),
                Double.toString(config.stage1().rboPersistence()));
        boolean graphCached = stageCache.contains(graphKey);
        final EmbeddingMatrix embeddingsForGraph = embeddings;
        ScoredEdges edges = stageCache.getOrCompute(graphKey, SCORED_EDGES, ctx,
                () -> runner.scorePromptGraph(embeddingsForGraph, trainScores, config.stage1(), stageContext(ctx, PipelineStage.GRAPH)));
        finish(PipelineStage.GRAPH, t0, graphCached, timings);

        t0 = start(PipelineStage.CLUSTER);
        TaskDiscovery discovery = runner.run(edges, embeddings, trainScores, config.stage1(), stageContext(ctx, PipelineStage.CLUSTER));
        finish(PipelineStage.CLUSTER, t0, false, timings);

        t0 = start(PipelineStage.SUMMARIZE);
        List<String> summaries = summaries(config, discovery, descriptions, embeddings, stageContext(ctx, PipelineStage.SUMMARIZE));
        finish(PipelineStage.SUMMARIZE, t0, false, timings);

        return new DiscoveryResult(config, dataset, split.summary(), trainRows, descriptions, embeddings, edges, discovery,
                summaries, describerId, embedderId, timings);
    }

    /**
     * The same Stage 1 with another number of clustering levels ℓ, from the result's own level-1 graph, descriptions and
     * embeddings: clustering and summaries only (the split, descriptions, embeddings and kNN + RBO graph are reused, so
     * the result equals a full {@link #run} with {@code levels} on the same inputs). Leiden's seed for level L is the
     * run's seed + L − 1 whatever ℓ is, so the partitions of ℓ = 1, 2, … are the levels of one iterated run.
     *
     * @throws EngineException when clustering fails or the run is cancelled
     */
    public static DiscoveryResult atLevels(DiscoveryResult stage1, int levels, StageContext ctx) throws EngineException {
        PipelineConfig config = stage1.config().withStage1(stage1.config().stage1().withLevels(levels));
        ScoreMatrix trainScores = stage1.dataset().scores().selectRows(stage1.trainRows());
        TaskDiscovery discovery = new TaskDiscoveryRunner().run(stage1.promptEdges(), stage1.embeddings(), trainScores, config.stage1(),
                ctx.quiet().withoutLog());
        List<String> summaries = summaries(config, discovery, stage1.descriptions(), stage1.embeddings(), ctx.quiet().withoutLog());
        return new DiscoveryResult(config, stage1.dataset(), stage1.split(), stage1.trainRows(), stage1.descriptions(), stage1.embeddings(),
                stage1.promptEdges(), discovery, summaries, stage1.describerId(), stage1.embedderId(), stage1.timings());
    }

    /** One summary per task: the LLM's when the describer uses one, else offline extractive ones. */
    private static List<String> summaries(PipelineConfig config, TaskDiscovery discovery, List<String> descriptions, EmbeddingMatrix embeddings,
                                          StageContext ctx) throws EngineException {
        return config.describer().usesLlm()
                ? new LlmClusterSummarizer(config.describer().endpoint(), System::getenv).summarize(membersDescriptions(discovery, descriptions), ctx)
                : summarize(discovery, descriptions, embeddings);
    }

    private static List<List<String>> membersDescriptions(TaskDiscovery discovery, List<String> descriptions) {
        List<List<String>> perTask = new ArrayList<>();
        for (DiscoveredTask task : discovery.tasks()) {
            perTask.add(Arrays.stream(task.memberIndices()).mapToObj(descriptions::get).toList());
        }
        return perTask;
    }

    /** Offline extractive summaries: the medoid description plus distinctive terms. */
    static List<String> summarize(TaskDiscovery discovery, List<String> descriptions, EmbeddingMatrix embeddings) {
        List<List<String>> perTask = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int dim = embeddings.dim();
        for (DiscoveredTask task : discovery.tasks()) {
            int[] members = task.memberIndices();
            List<String> texts = new ArrayList<>(members.length);
            float[] block = new float[members.length * dim];
            for (int i = 0; i < members.length; i++) {
                texts.add(descriptions.get(members[i]));
                System.arraycopy(embeddings.row(members[i]), 0, block, i * dim, dim);
            }
            perTask.add(texts);
            vectors.add(block);
        }
        return new ClusterSummarizer().summarize(perTask, vectors, dim);
    }

    private TaskDescriber describer(DescriberSettings settings) throws EngineException {
        TaskDescriber inner = settings.usesLlm() ? new OpenAiChatDescriber(settings.endpoint()) : new OfflineTaskDescriber();
        if (cacheDir == null) {
            return inner;
        }
        return new CachingDescriber(inner, DescriptionCache.open(cacheDir.resolve("descriptions.jsonl")));
    }

    private long start(PipelineStage stage) {
        listener.stageStarted(stage);
        return System.nanoTime();
    }

    private void finish(PipelineStage stage, long startNanos, boolean cached, List<StageTiming> timings) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        timings.add(new StageTiming(stage, millis, cached));
        listener.stageFinished(stage, cached, millis);
    }

    /** The run's context with messages prefixed by the stage name. */
    static StageContext stageContext(StageContext ctx, PipelineStage stage) {
        return ctx.mapped(f -> f, message -> stage.label() + (message == null ? "" : ": " + message));
    }

    /** Timings by stage, for reports. */
    public static Map<PipelineStage, StageTiming> byStage(List<StageTiming> timings) {
        Map<PipelineStage, StageTiming> out = new EnumMap<>(PipelineStage.class);
        timings.forEach(t -> out.put(t.stage(), t));
        return out;
    }

    /** Cache codec of the level-1 scored edges. */
    static final StageCache.Codec<ScoredEdges> SCORED_EDGES = new StageCache.Codec<>() {
        @Override
        public void write(ScoredEdges e, DataOutputStream out) throws IOException {
            out.writeInt(e.nodes());
            out.writeInt(e.edgeCount());
            for (int i = 0; i < e.edgeCount(); i++) {
                out.writeInt(e.source(i));
                out.writeInt(e.target(i));
                out.writeFloat(e.cosine(i));
                out.writeDouble(e.rbo(i));
            }
        }

        @Override
        public ScoredEdges read(DataInputStream in) throws IOException {
            int nodes = in.readInt();
            int m = in.readInt();
            int[] source = new int[m];
            int[] target = new int[m];
            float[] cosine = new float[m];
            double[] rbo = new double[m];
            for (int i = 0; i < m; i++) {
                source[i] = in.readInt();
                target[i] = in.readInt();
                cosine[i] = in.readFloat();
                rbo[i] = in.readDouble();
            }
            return ScoredEdges.of(nodes, source, target, cosine, rbo);
        }
    };
}

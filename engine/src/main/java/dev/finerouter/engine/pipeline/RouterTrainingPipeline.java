package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RobustRuleTuner;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.RouterPreset;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.ClassifierMetrics;
import dev.finerouter.engine.train.DeviceSelector;
import dev.finerouter.engine.train.PromptScores;
import dev.finerouter.engine.train.PromptTasks;
import dev.finerouter.engine.train.QualityEstimator;
import dev.finerouter.engine.train.TaskClassifier;
import dev.finerouter.engine.train.TrainingDevice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Stage 2 on top of a Stage-1 result: embeds every prompt, trains the task classifier on the discovered task labels
 * (a seeded share of the training prompts held out for early stopping, the threshold and its macro-F1), labels the
 * training and dev prompts with it, trains the quality estimator (general adapters, then task adapters) and assembles
 * the {@link TrainedRouter}.
 */
public final class RouterTrainingPipeline {
    private final Path cacheDir;
    private final PipelineListener listener;

    /**
     * @param cacheDir the cache folder (prompt embeddings are cached per text), or {@code null}
     * @param listener receives stage boundaries
     */
    public RouterTrainingPipeline(Path cacheDir, PipelineListener listener) {
        this.cacheDir = cacheDir;
        this.listener = listener == null ? PipelineListener.NONE : listener;
    }

    /** Trains the router. */
    public TrainingResult train(DiscoveryResult stage1, TrainingConfig config, StageContext ctx) throws EngineException {
        TaskDiscovery discovery = stage1.discovery();
        if (discovery.tasks().isEmpty()) {
            throw new EngineException("task discovery found no task, so there is nothing to route by",
                    "lower --min-task-size or --levels, or use more training data", null);
        }
        RoutingDataset dataset = stage1.dataset();
        List<StageTiming> timings = new ArrayList<>();
        TrainingDevice device = DeviceSelector.select(config.device());
        ctx.log("training device: " + device.description());

        listener.stageStarted(PipelineStage.EMBED_PROMPTS);
        long t0 = System.nanoTime();
        List<String> texts = dataset.prompts().stream().map(Prompt::text).toList();
        float[] promptEmbeddings;
        float[] taskVectors;
        String encoderId;
        int dim;
        try (Embedder encoder = Encoders.open(stage1.config().embedder(), cacheDir)) {
            encoderId = encoder.id();
            dim = encoder.dimension();
            Embeddings e = encoder.embed(texts, DiscoveryPipeline.stageContext(ctx, PipelineStage.EMBED_PROMPTS));
            promptEmbeddings = e.data();
            taskVectors = encoder.embed(stage1.summaries(), StageContext.silent(ctx.seed())).data();
        }
        finish(PipelineStage.EMBED_PROMPTS, t0, timings);

        listener.stageStarted(PipelineStage.CLASSIFIER);
        t0 = System.nanoTime();
        int[] trainRows = stage1.trainRows();
        int[] labels = discovery.assignment().taskOfPrompt();
        int[][] fitAndHeldOut = holdOut(trainRows.length, config.classifierHoldout(), config.classifier().seed());
        PromptTasks fit = tasks(promptEmbeddings, dim, trainRows, labels, fitAndHeldOut[0]);
        PromptTasks heldOut = tasks(promptEmbeddings, dim, trainRows, labels, fitAndHeldOut[1]);
        TaskClassifier classifier = TaskClassifier.train(config.classifier(), taskVectors, discovery.tasks().size(), fit, heldOut,
                device, DiscoveryPipeline.stageContext(ctx, PipelineStage.CLASSIFIER));
        ClassifierMetrics metrics = classifier.evaluate(heldOut);
        ctx.log(String.format(java.util.Locale.ROOT, "classifier: macro-F1 %.3f on held-out cluster labels, %.0f%% assigned a task",
                metrics.macroF1(), 100 * metrics.assignedShare()));
        finish(PipelineStage.CLASSIFIER, t0, timings);

        listener.stageStarted(PipelineStage.ESTIMATOR);
        t0 = System.nanoTime();
        int[] devRows = dataset.indicesOf(Split.DEV);
        PromptScores train = scores(dataset, promptEmbeddings, dim, trainRows, classifier);
        PromptScores dev = scores(dataset, promptEmbeddings, dim, devRows, classifier);
        int[][] candidates = discovery.tasks().stream().map(DiscoveredTask::candidates).toArray(int[][]::new);
        QualityEstimator estimator = QualityEstimator.train(config.estimator(), candidates, train, dev, device,
                DiscoveryPipeline.stageContext(ctx, PipelineStage.ESTIMATOR));
        double devMse = devRows.length == 0 ? Double.NaN : estimator.meanSquaredError(dev);
        finish(PipelineStage.ESTIMATOR, t0, timings);

        List<RouterTask> routerTasks = new ArrayList<>();
        for (DiscoveredTask t : discovery.tasks()) {
            routerTasks.add(new RouterTask(t.id(), stage1.summaries().get(t.id()), t.size(), t.candidates(), t.medianScorePerModel()));
        }
        TrainedRouter router = new TrainedRouter(dataset.pool(), routerTasks, discovery.othersMedianScorePerModel(), classifier,
                estimator, encoderId, CostModel.DEFAULT);
        RobustRuleTuner.Result tuning = null;
        if (config.preset() == RouterPreset.ROBUST) {
            listener.stageStarted(PipelineStage.ROUTING_RULE);
            t0 = System.nanoTime();
            ctx.checkCancelled();
            tuning = tuneRule(router, dataset, promptEmbeddings, dim, trainRows, train, devRows);
            router = router.withRule(tuning.rule());
            ctx.log(tuning.note());
            finish(PipelineStage.ROUTING_RULE, t0, timings);
        }
        return new TrainingResult(stage1, config, router, promptEmbeddings, dim, metrics, devMse, device.description(), timings, tuning);
    }

    /**
     * The robust rule: the training prompts become the router's memory, their classifier probabilities give the
     * text-assigned task statistics, and k, β, α and the guards are chosen on dev ({@link RobustRuleTuner}).
     */
    private static RobustRuleTuner.Result tuneRule(TrainedRouter router, RoutingDataset dataset, float[] all, int dim, int[] trainRows,
                                                   PromptScores train, int[] devRows) throws EngineException {
        List<String> ids = java.util.Arrays.stream(trainRows).mapToObj(r -> dataset.prompts().get(r).id()).toList();
        RouterMemory memory = new RouterMemory(train.embeddings(), train.n(), dim, train.scores(), train.models(), ids);
        float[] trainProbabilities = router.classifier().predict(train.embeddings(), train.n()).probabilities();
        float[] devEmbeddings = new float[devRows.length * dim];
        for (int i = 0; i < devRows.length; i++) {
            System.arraycopy(all, devRows[i] * dim, devEmbeddings, i * dim, dim);
        }
        int m = dataset.pool().size();
        float[] devScores = new float[devRows.length * m];
        double[][] devCosts = new double[devRows.length][];
        for (int i = 0; i < devRows.length; i++) {
            for (int c = 0; c < m; c++) {
                devScores[i * m + c] = dataset.scores().get(devRows[i], c);
            }
            devCosts[i] = router.costs(dataset.prompts().get(devRows[i]).text());
        }
        return RobustRuleTuner.tune(router, memory, trainProbabilities, devEmbeddings, devScores, devCosts);
    }

    private void finish(PipelineStage stage, long t0, List<StageTiming> timings) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        timings.add(new StageTiming(stage, millis, false));
        listener.stageFinished(stage, false, millis);
    }

    /** Splits 0..n-1 into a fitting part and a held-out part of the given share, seeded. */
    static int[][] holdOut(int n, double share, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        int held = Math.max(1, (int) Math.round(n * share));
        int[] heldOut = order.subList(0, held).stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] fit = order.subList(held, n).stream().mapToInt(Integer::intValue).sorted().toArray();
        return new int[][] {fit, heldOut};
    }

    private static PromptTasks tasks(float[] all, int dim, int[] trainRows, int[] labels, int[] which) {
        float[] e = new float[which.length * dim];
        int[] t = new int[which.length];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(all, trainRows[which[i]] * dim, e, i * dim, dim);
            t[i] = labels[which[i]];
        }
        return new PromptTasks(e, which.length, dim, t);
    }

    private static PromptScores scores(RoutingDataset dataset, float[] all, int dim, int[] rows, TaskClassifier classifier)
            throws EngineException {
        float[] e = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(all, rows[i] * dim, e, i * dim, dim);
        }
        ScoreMatrix s = dataset.scores();
        int m = s.cols();
        float[] q = new float[rows.length * m];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < m; c++) {
                q[i * m + c] = s.get(rows[i], c);
            }
        }
        int[] tasks = rows.length == 0 ? new int[0] : classifier.predict(e, rows.length).tasks();
        return new PromptScores(e, rows.length, dim, q, m, tasks);
    }
}

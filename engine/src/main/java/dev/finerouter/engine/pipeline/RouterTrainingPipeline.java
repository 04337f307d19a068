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
    /** Folds of the cross-fitted task probabilities that the robust rule's task statistics are measured with. */
    static final int CROSS_FIT_FOLDS = 5;
    /** Fewest training prompts that are cross-fitted (two per fold for fitting and early stopping, and more). */
    static final int CROSS_FIT_MIN_PROMPTS = 50;

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
            float[] crossFitted = crossFittedProbabilities(config, taskVectors, discovery.tasks().size(), promptEmbeddings, dim, trainRows,
                    labels, device, DiscoveryPipeline.stageContext(ctx, PipelineStage.ROUTING_RULE));
            tuning = tuneRule(router, dataset, promptEmbeddings, dim, trainRows, train, devRows, crossFitted);
            router = router.withRule(tuning.rule());
            ctx.log(tuning.note());
            finish(PipelineStage.ROUTING_RULE, t0, timings);
        }
        return new TrainingResult(stage1, config, router, promptEmbeddings, dim, metrics, devMse, device.description(), timings, tuning);
    }

    /**
     * The robust rule: the training prompts become the router's memory, their cross-fitted classifier probabilities
     * give the text-assigned task statistics, and k, β, α and the guards are chosen on dev and on training prompts
     * left out ({@link RobustRuleTuner}).
     */
    private static RobustRuleTuner.Result tuneRule(TrainedRouter router, RoutingDataset dataset, float[] all, int dim, int[] trainRows,
                                                   PromptScores train, int[] devRows, float[] trainProbabilities) throws EngineException {
        List<String> ids = java.util.Arrays.stream(trainRows).mapToObj(r -> dataset.prompts().get(r).id()).toList();
        RouterMemory memory = new RouterMemory(train.embeddings(), train.n(), dim, train.scores(), train.models(), ids);
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
        if (trainProbabilities == null) {
            trainProbabilities = router.classifier().predict(train.embeddings(), train.n()).probabilities();
        }
        return RobustRuleTuner.tune(router, memory, trainProbabilities, devEmbeddings, devScores, devCosts);
    }

    /**
     * Task probabilities of the training prompts that no classifier saw them for: the training prompts are dealt into
     * {@value #CROSS_FIT_FOLDS} seeded folds, and each fold's prompts are predicted by a classifier trained like the
     * router's (same settings, its own seeded held-out share for early stopping) on the other folds. The router's own
     * classifier fitted these prompts' outcome-grouped task labels, so its probabilities on them are sharper than on
     * any new prompt and would make the task statistics measured through them look better than they are (the
     * winner's curse of issue 15); these probabilities are as out of sample as a new prompt's. With fewer than
     * {@value #CROSS_FIT_MIN_PROMPTS} training prompts the router's classifier is used and the log says so.
     */
    static float[] crossFittedProbabilities(TrainingConfig config, float[] taskVectors, int taskCount, float[] all, int dim, int[] trainRows,
                                            int[] labels, TrainingDevice device, StageContext ctx) throws EngineException {
        int n = trainRows.length;
        if (n < CROSS_FIT_MIN_PROMPTS) {
            ctx.log("task statistics: " + n + " training prompts are too few to cross-fit the classifier; its own probabilities are used");
            return null;
        }
        long started = System.nanoTime();
        int[] foldOf = folds(n, CROSS_FIT_FOLDS, config.classifier().seed());
        float[] out = new float[n * taskCount];
        for (int f = 0; f < CROSS_FIT_FOLDS; f++) {
            ctx.checkCancelled();
            List<Integer> rest = new ArrayList<>();
            List<Integer> fold = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (foldOf[i] == f ? fold : rest).add(i);
            }
            int[][] fitAndHeldOut = holdOut(rest.size(), config.classifierHoldout(), config.classifier().seed() + 1 + f);
            int[] fitIdx = java.util.Arrays.stream(fitAndHeldOut[0]).map(rest::get).toArray();
            int[] heldIdx = java.util.Arrays.stream(fitAndHeldOut[1]).map(rest::get).toArray();
            StageContext foldCtx = quietFold(ctx, f, "cross-fitting the task prior: classifier " + (f + 1) + "/" + CROSS_FIT_FOLDS);
            TaskClassifier c = TaskClassifier.train(config.classifier(), taskVectors, taskCount, tasks(all, dim, trainRows, labels, fitIdx),
                    tasks(all, dim, trainRows, labels, heldIdx), device, foldCtx);
            int[] foldIdx = fold.stream().mapToInt(Integer::intValue).toArray();
            float[] p = c.predict(tasks(all, dim, trainRows, labels, foldIdx).embeddings(), foldIdx.length).probabilities();
            for (int a = 0; a < foldIdx.length; a++) {
                System.arraycopy(p, a * taskCount, out, foldIdx[a] * taskCount, taskCount);
            }
        }
        ctx.log(String.format(java.util.Locale.ROOT, "task statistics: classifier probabilities of the %d training prompts cross-fitted over %d folds (%.1f s)",
                n, CROSS_FIT_FOLDS, (System.nanoTime() - started) / 1e9));
        return out;
    }

    /** Folds of the cross-fitting: {@code n} items dealt in a seeded random order, item at position i into fold i mod k. */
    static int[] folds(int n, int k, long seed) {
        List<Integer> order = shuffled(n, new Random(seed ^ 0x5DEECE66DL));
        int[] out = new int[n];
        for (int pos = 0; pos < n; pos++) {
            out[order.get(pos)] = pos % k;
        }
        return out;
    }

    /** 0..n-1 in the order {@code random} shuffles them ({@link java.util.Collections#shuffle}). */
    private static List<Integer> shuffled(int n, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        return order;
    }

    /** The stage's context for one fold: progress mapped onto the fold's share, the classifiers' epoch lines dropped. */
    private static StageContext quietFold(StageContext ctx, int fold, String message) {
        return new StageContext() {
            @Override
            public void progress(double fraction, String ignored) {
                ctx.progress((fold + Math.max(0, Math.min(1, fraction))) / CROSS_FIT_FOLDS, message);
            }

            @Override
            public boolean isCancelled() {
                return ctx.isCancelled();
            }

            @Override
            public void log(String line) {
                // the fold classifiers' epoch and threshold lines would repeat the router classifier's five times
            }

            @Override
            public long seed() {
                return ctx.seed();
            }
        };
    }

    private void finish(PipelineStage stage, long t0, List<StageTiming> timings) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        timings.add(new StageTiming(stage, millis, false));
        listener.stageFinished(stage, false, millis);
    }

    /** Splits 0..n-1 into a fitting part and a held-out part of the given share, seeded. */
    static int[][] holdOut(int n, double share, long seed) {
        List<Integer> order = shuffled(n, new Random(seed));
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

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
import dev.finerouter.engine.route.TaskStatistics;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /**
     * Most training prompts the level search trains and judges each ℓ on: above it, a seeded sample of this many
     * (the chosen ℓ's classifier is then trained on every prompt), so choosing ℓ costs a bounded number of small
     * trainings at any data size instead of three levels' worth of full ones.
     */
    static final int LEVEL_SEARCH_MAX_PROMPTS = 20_000;
    /**
     * Most prompts a cross-fitting classifier is trained on (the other folds' prompts, or a seeded sample of this many
     * of them): the five fold classifiers then cost a bounded amount at any data size, while every training prompt is
     * still predicted by a classifier that never saw it.
     */
    static final int CROSS_FIT_MAX_FIT_PROMPTS = 20_000;
    /** Prompts whose task probabilities a fold's prediction holds at a time (each prompt's are computed on their own). */
    private static final int PREDICT_CHUNK = 4096;

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

    /**
     * Trains the router. When the configuration {@linkplain TrainingConfig#searchesLevels() chooses ℓ}, every number of
     * clustering levels from 1 to the Stage-1 setting's is tried first ({@link #chooseLevels}) and the router is trained
     * on the chosen one, which becomes the result's {@link TrainingResult#discovery()}.
     */
    public TrainingResult train(DiscoveryResult stage1, TrainingConfig config, StageContext ctx) throws EngineException {
        return train(stage1, config, ctx, LEVEL_SEARCH_MAX_PROMPTS);
    }

    /** As {@link #train(DiscoveryResult, TrainingConfig, StageContext)}, with the level search's sample cap given. */
    TrainingResult train(DiscoveryResult stage1, TrainingConfig config, StageContext ctx, int levelSearchMaxPrompts) throws EngineException {
        List<DiscoveryResult> candidates = levelCandidates(stage1, config, ctx);
        if (candidates.isEmpty()) {
            throw new EngineException("task discovery found no task, so there is nothing to route by",
                    "lower --min-task-size or --levels, or use more training data", null);
        }
        if (candidates.size() == 1 && candidates.get(0) != stage1) {
            ctx.log("levels: ℓ = " + candidates.get(0).config().stage1().levels() + ", the only level with tasks (ℓ = "
                    + stage1.config().stage1().levels() + " put every training prompt in Others)");
        }
        RoutingDataset dataset = stage1.dataset();
        List<StageTiming> timings = new ArrayList<>();
        TrainingDevice device = DeviceSelector.select(config.device());
        ctx.log("training device: " + device.description());

        listener.stageStarted(PipelineStage.EMBED_PROMPTS);
        long t0 = System.nanoTime();
        List<String> texts = dataset.prompts().stream().map(Prompt::text).toList();
        float[] promptEmbeddings;
        List<float[]> taskVectorsOf = new ArrayList<>();
        String encoderId;
        int dim;
        try (Embedder encoder = Encoders.open(stage1.config().embedder(), cacheDir)) {
            encoderId = encoder.id();
            dim = encoder.dimension();
            Embeddings e = encoder.embed(texts, DiscoveryPipeline.stageContext(ctx, PipelineStage.EMBED_PROMPTS));
            promptEmbeddings = e.data();
            for (DiscoveryResult c : candidates) {
                taskVectorsOf.add(encoder.embed(c.summaries(), StageContext.silent(ctx.seed())).data());
            }
        }
        finish(PipelineStage.EMBED_PROMPTS, t0, timings);

        listener.stageStarted(PipelineStage.CLASSIFIER);
        t0 = System.nanoTime();
        int[] trainRows = stage1.trainRows();
        int[] devRows = dataset.indicesOf(Split.DEV);
        int[] everyPrompt = java.util.stream.IntStream.range(0, trainRows.length).toArray();
        int[][] fitAndHeldOut = holdOut(trainRows.length, config.classifierHoldout(), config.classifier().seed());
        boolean searching = candidates.size() > 1;
        int[] searchPrompts = searching ? seededSample(trainRows.length, levelSearchMaxPrompts, config.classifier().seed()) : everyPrompt;
        boolean sampled = searchPrompts.length < trainRows.length;
        int[][] searchFitAndHeldOut = sampled ? holdOut(searchPrompts.length, config.classifierHoldout(), config.classifier().seed()) : fitAndHeldOut;
        if (sampled) {
            ctx.log(String.format(Locale.ROOT, "level search on a seeded sample of %,d of the %,d training prompts (the chosen ℓ's classifier "
                    + "is then trained on all of them)", searchPrompts.length, trainRows.length));
        }
        StageContext classifierCtx = DiscoveryPipeline.stageContext(ctx, PipelineStage.CLASSIFIER);
        int parts = candidates.size() + (sampled ? 1 : 0);
        List<TaskFit> fits = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            StageContext part = classifierCtx.scaled((double) c / parts, (double) (c + 1) / parts);
            DiscoveryResult candidate = candidates.get(c);
            if (searching) {
                ctx.log(String.format(Locale.ROOT, "level search: ℓ = %d, %d tasks", candidate.config().stage1().levels(),
                        candidate.discovery().tasks().size()));
            }
            fits.add(fitTasks(candidate, config, taskVectorsOf.get(c), promptEmbeddings, dim, searchPrompts, searchFitAndHeldOut, searching,
                    device, part));
        }
        List<LevelTrial> levelSearch = List.of();
        int chosen = 0;
        if (searching) {
            levelSearch = chooseLevels(candidates, fits, dataset, promptEmbeddings, dim, pick(trainRows, searchPrompts), devRows);
            for (int c = 0; c < levelSearch.size(); c++) {
                if (levelSearch.get(c).chosen()) {
                    chosen = c;
                }
            }
            ctx.log(levelSearchNote(levelSearch));
        }
        stage1 = candidates.get(chosen);
        TaskFit fit = fits.get(chosen);
        if (sampled) {
            fit = fitTasks(stage1, config, taskVectorsOf.get(chosen), promptEmbeddings, dim, everyPrompt, fitAndHeldOut, false, device,
                    classifierCtx.scaled((double) candidates.size() / parts, 1));
        }
        TaskDiscovery discovery = stage1.discovery();
        TaskClassifier classifier = fit.classifier();
        ClassifierMetrics metrics = fit.metrics();
        ctx.log(String.format(java.util.Locale.ROOT, "classifier: macro-F1 %.3f on held-out cluster labels, %.0f%% assigned a task",
                metrics.macroF1(), 100 * metrics.assignedShare()));
        finish(PipelineStage.CLASSIFIER, t0, timings);

        listener.stageStarted(PipelineStage.ESTIMATOR);
        t0 = System.nanoTime();
        PromptScores train = scores(dataset, promptEmbeddings, dim, trainRows, classifier);
        PromptScores dev = scores(dataset, promptEmbeddings, dim, devRows, classifier);
        int[][] candidateModels = discovery.tasks().stream().map(DiscoveredTask::candidates).toArray(int[][]::new);
        QualityEstimator estimator = QualityEstimator.train(config.estimator(), candidateModels, train, dev, device,
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
            RouterMemory memory = memory(dataset, promptEmbeddings, dim, trainRows);
            int taskCount = discovery.tasks().size();
            TaskStatistics statistics = fit.crossFitted() != null ? TaskStatistics.of(memory, fit.crossFitted(), taskCount)
                    : crossFittedStatistics(config, fit.taskVectors(), taskCount, promptEmbeddings, dim, trainRows,
                            discovery.assignment().taskOfPrompt(), device, DiscoveryPipeline.stageContext(ctx, PipelineStage.ROUTING_RULE), memory);
            if (statistics == null) { // too few prompts to cross-fit: the router's own classifier
                statistics = TaskStatistics.of(memory, classifier.predict(train.embeddings(), train.n()).probabilities(), taskCount);
            }
            tuning = tuneRule(router, dataset, promptEmbeddings, dim, devRows, memory, statistics,
                    labels(dataset, trainRows, config.classifier().seed()));
            router = router.withRule(tuning.rule());
            ctx.log(tuning.note());
            finish(PipelineStage.ROUTING_RULE, t0, timings);
        }
        return new TrainingResult(stage1, config, router, promptEmbeddings, dim, metrics, devMse, device.description(), timings, tuning,
                levelSearch);
    }

    /**
     * The task structures to train on: the Stage-1 result alone, or, when ℓ is chosen on train/dev, the same discovery
     * at ℓ = 1, 2, … up to the levels the Stage-1 run actually made (iteration stops early when a level merges nothing;
     * the Stage-1 result itself is the last), each from the cached level-1 graph. Structures without a task are left out.
     */
    static List<DiscoveryResult> levelCandidates(DiscoveryResult stage1, TrainingConfig config, StageContext ctx) throws EngineException {
        List<DiscoveryResult> out = new ArrayList<>();
        int made = stage1.discovery().assignment().communitiesPerLevel().length;
        if (config.searchesLevels()) {
            for (int levels = 1; levels < Math.min(made, stage1.config().stage1().levels()); levels++) {
                ctx.checkCancelled();
                DiscoveryResult r = DiscoveryPipeline.atLevels(stage1, levels, ctx);
                if (!r.discovery().tasks().isEmpty()) {
                    out.add(r);
                }
            }
        }
        if (!stage1.discovery().tasks().isEmpty()) {
            out.add(stage1);
        }
        return out;
    }

    /**
     * A task structure's classifier: trained on the task labels of the given training prompts (indices into the
     * training prompts; the seeded fitting part of them), with its held-out metrics, and, when the level search needs
     * them now, the cross-fitted probabilities of those prompts ({@link #crossFittedProbabilities}).
     */
    private static TaskFit fitTasks(DiscoveryResult stage1, TrainingConfig config, float[] taskVectors, float[] promptEmbeddings, int dim,
                                    int[] prompts, int[][] fitAndHeldOut, boolean crossFit, TrainingDevice device, StageContext ctx)
            throws EngineException {
        int[] trainRows = pick(stage1.trainRows(), prompts);
        int[] labels = pick(stage1.discovery().assignment().taskOfPrompt(), prompts);
        int taskCount = stage1.discovery().tasks().size();
        PromptTasks fit = tasks(promptEmbeddings, dim, trainRows, labels, fitAndHeldOut[0]);
        PromptTasks heldOut = tasks(promptEmbeddings, dim, trainRows, labels, fitAndHeldOut[1]);
        StageContext classifierCtx = crossFit ? ctx.scaled(0, 1.0 / 6) : ctx;
        TaskClassifier classifier = TaskClassifier.train(config.classifier(), taskVectors, taskCount, fit, heldOut, device, classifierCtx);
        ClassifierMetrics metrics = classifier.evaluate(heldOut);
        float[] crossFitted = null;
        if (crossFit) {
            crossFitted = crossFittedProbabilities(config, taskVectors, taskCount, promptEmbeddings, dim, trainRows, labels, device,
                    ctx.scaled(1.0 / 6, 1));
            if (crossFitted == null) {
                crossFitted = classifier.predict(rowsOf(promptEmbeddings, dim, trainRows), trainRows.length).probabilities();
            }
        }
        return new TaskFit(taskVectors, classifier, metrics, crossFitted);
    }

    /**
     * {@code 0..n-1} when {@code n <= max}, else a seeded sample of {@code max} of them, ascending: the training prompts
     * the level search uses, and the fitting prompts of a capped cross-fitting classifier.
     */
    static int[] seededSample(int n, int max, long seed) {
        if (n <= max) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        return shuffled(n, new Random(seed ^ 0x1E7E15L)).subList(0, max).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** {@code values[which[i]]} for each i. */
    private static int[] pick(int[] values, int[] which) {
        int[] out = new int[which.length];
        for (int i = 0; i < which.length; i++) {
            out[i] = values[which[i]];
        }
        return out;
    }

    /** A trained task classifier with what the robust rule needs of it. */
    private record TaskFit(float[] taskVectors, TaskClassifier classifier, ClassifierMetrics metrics, float[] crossFitted) {
    }

    /**
     * ℓ chosen on train/dev: for each task structure, the robust rule's (k, β) search ({@link RobustRuleTuner#searchKBeta})
     * over the dev prompts and the training prompts left out, with that structure's cross-fitted task statistics and
     * its classifier's dev probabilities; the structure whose best (k, β) routes those prompts best wins (ties: the
     * smaller ℓ). It is the search that then tunes the rule, so ℓ is judged by the same criterion, on several times
     * more prompts than dev alone, with a prior that is out of sample for every prompt judged. α is not part of this
     * comparison (Stage 2 is trained only for the chosen ℓ), and neither is the test split.
     */
    static List<LevelTrial> chooseLevels(List<DiscoveryResult> candidates, List<TaskFit> fits, RoutingDataset dataset, float[] all, int dim,
                                         int[] trainRows, int[] devRows) throws EngineException {
        RouterMemory memory = memory(dataset, all, dim, trainRows);
        float[] devEmbeddings = rowsOf(all, dim, devRows);
        float[] devScores = scoresOf(dataset, devRows);
        RobustRuleTuner.Neighbours neighbours = RobustRuleTuner.searchNeighbours(memory, devEmbeddings, devRows.length); // the same for every ℓ
        List<LevelTrial> out = new ArrayList<>();
        int best = -1;
        for (int c = 0; c < candidates.size(); c++) {
            TaskDiscovery d = candidates.get(c).discovery();
            int tasks = d.tasks().size();
            float[] devProbabilities = devRows.length == 0 ? new float[0]
                    : fits.get(c).classifier().predict(devEmbeddings, devRows.length).probabilities();
            RobustRuleTuner.KTrial k = RobustRuleTuner.best(RobustRuleTuner.searchKBeta(memory, fits.get(c).crossFitted(), tasks, neighbours,
                    devProbabilities, devScores));
            LevelTrial trial = new LevelTrial(candidates.get(c).config().stage1().levels(), tasks, d.assignment().othersMembers().length,
                    k.k(), k.beta(), k.qual(), k.prompts(), false);
            out.add(trial);
            if (!Double.isNaN(trial.qual()) && (best < 0 || trial.qual() > out.get(best).qual() + 1e-12)) {
                best = c;
            }
        }
        out.set(Math.max(best, 0), out.get(Math.max(best, 0)).asChosen());
        return out;
    }

    /** One line: every ℓ tried with its tasks and routed Qual, and the one chosen. */
    static String levelSearchNote(List<LevelTrial> trials) {
        StringBuilder b = new StringBuilder("levels: ");
        LevelTrial chosen = null;
        for (LevelTrial t : trials) {
            if (t.chosen()) {
                chosen = t;
            }
        }
        b.append(String.format(Locale.ROOT, "ℓ = %d chosen on %d prompts (dev + training prompts left out, the robust rule's k and β search",
                chosen.levels(), chosen.prompts()));
        for (LevelTrial t : trials) {
            b.append(String.format(Locale.ROOT, "; ℓ = %d: %d task%s, Qual %.2f at k = %d, β = %.0f", t.levels(), t.tasks(),
                    t.tasks() == 1 ? "" : "s", 100 * t.qual(), t.k(), t.beta()));
        }
        return b.append(')').toString();
    }

    /**
     * The robust rule: the training prompts become the router's memory, their cross-fitted classifier probabilities
     * give the text-assigned task statistics, and k, β, α and the guards are chosen on dev and on training prompts
     * left out ({@link RobustRuleTuner}).
     */
    private static RobustRuleTuner.Result tuneRule(TrainedRouter router, RoutingDataset dataset, float[] all, int dim, int[] devRows,
                                                   RouterMemory memory, TaskStatistics statistics, RobustRuleTuner.Labels labels)
            throws EngineException {
        float[] devEmbeddings = rowsOf(all, dim, devRows);
        float[] devScores = scoresOf(dataset, devRows);
        double[][] devCosts = new double[devRows.length][];
        for (int i = 0; i < devRows.length; i++) {
            devCosts[i] = router.costs(dataset.prompts().get(devRows[i]).text());
        }
        return RobustRuleTuner.tune(router, memory, statistics, labels, devEmbeddings, devScores, devCosts);
    }

    /**
     * The labels the data carries for the training prompts ({@link Prompt#task}, e.g. the
     * benchmark), in memory order, named in order of first appearance; the tuner tries them as a prior
     * ({@link RobustRuleTuner.Labels#usable}).
     */
    static RobustRuleTuner.Labels labels(RoutingDataset dataset, int[] trainRows, long seed) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] labelOf = new int[trainRows.length];
        for (int i = 0; i < trainRows.length; i++) {
            String task = dataset.prompts().get(trainRows[i]).task();
            labelOf[i] = task == null || task.isBlank() ? -1 : index.computeIfAbsent(task, t -> index.size());
        }
        return new RobustRuleTuner.Labels(List.copyOf(index.keySet()), labelOf, seed);
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
        return crossFittedProbabilities(config, taskVectors, taskCount, all, dim, trainRows, labels, device, ctx, CROSS_FIT_MAX_FIT_PROMPTS);
    }

    /** As above, each fold's classifier trained on at most {@code maxFit} of the other folds' prompts (a seeded sample). */
    static float[] crossFittedProbabilities(TrainingConfig config, float[] taskVectors, int taskCount, float[] all, int dim, int[] trainRows,
                                            int[] labels, TrainingDevice device, StageContext ctx, int maxFit) throws EngineException {
        if (tooFewToCrossFit(trainRows.length, ctx)) {
            return null;
        }
        float[] out = new float[trainRows.length * taskCount];
        crossFit(config, taskVectors, taskCount, all, dim, trainRows, labels, device, ctx, maxFit,
                (from, to, p) -> System.arraycopy(p, 0, out, from * taskCount, (to - from) * taskCount));
        return out;
    }

    /**
     * The robust rule's task statistics from the same cross-fitted probabilities ({@link #crossFittedProbabilities}),
     * accumulated prompt by prompt in memory order, so the prompts × tasks matrix is never held (3.6 GB at the paper's
     * 224,000 training prompts and 4,045 tasks); the sums are added in the order {@code RobustRule.taskSums} adds them,
     * so they are the same numbers. {@code null} with fewer than {@value #CROSS_FIT_MIN_PROMPTS} prompts.
     *
     * @param memory the training prompts as remembered, in {@code trainRows} order
     */
    static TaskStatistics crossFittedStatistics(TrainingConfig config, float[] taskVectors, int taskCount, float[] all, int dim, int[] trainRows,
                                                int[] labels, TrainingDevice device, StageContext ctx, RouterMemory memory) throws EngineException {
        if (tooFewToCrossFit(trainRows.length, ctx)) {
            return null;
        }
        TaskStatistics.Accumulator statistics = TaskStatistics.accumulator(memory, taskCount);
        crossFit(config, taskVectors, taskCount, all, dim, trainRows, labels, device, ctx, CROSS_FIT_MAX_FIT_PROMPTS, (from, to, p) -> {
            for (int i = from; i < to; i++) {
                statistics.add(i, p, (i - from) * taskCount);
            }
        });
        return statistics.build();
    }

    /** Whether {@code n} training prompts are too few to cross-fit (then the log says the router's own classifier is used). */
    private static boolean tooFewToCrossFit(int n, StageContext ctx) {
        if (n >= CROSS_FIT_MIN_PROMPTS) {
            return false;
        }
        ctx.log("task statistics: " + n + " training prompts are too few to cross-fit the classifier; its own probabilities are used");
        return true;
    }

    /** Receives the cross-fitted probabilities of training prompts [from, to), row-major from index 0, in prompt order. */
    private interface CrossFitSink {
        void accept(int from, int to, float[] probabilities);
    }

    /**
     * Trains the {@value #CROSS_FIT_FOLDS} fold classifiers, then predicts the training prompts in order,
     * {@value #PREDICT_CHUNK} at a time, each by the classifier of its fold, into {@code sink}.
     */
    private static void crossFit(TrainingConfig config, float[] taskVectors, int taskCount, float[] all, int dim, int[] trainRows, int[] labels,
                                 TrainingDevice device, StageContext ctx, int maxFit, CrossFitSink sink) throws EngineException {
        int n = trainRows.length;
        long started = System.nanoTime();
        int[] foldOf = folds(n, CROSS_FIT_FOLDS, config.classifier().seed());
        TaskClassifier[] classifiers = new TaskClassifier[CROSS_FIT_FOLDS];
        boolean sampledFits = false;
        for (int f = 0; f < CROSS_FIT_FOLDS; f++) {
            ctx.checkCancelled();
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (foldOf[i] != f) {
                    rest.add(i);
                }
            }
            if (rest.size() > maxFit) {
                sampledFits = true;
                int[] keep = seededSample(rest.size(), maxFit, config.classifier().seed() + 101 + f);
                List<Integer> sampled = new ArrayList<>(maxFit);
                for (int i : keep) {
                    sampled.add(rest.get(i));
                }
                rest = sampled;
            }
            int[][] fitAndHeldOut = holdOut(rest.size(), config.classifierHoldout(), config.classifier().seed() + 1 + f);
            int[] fitIdx = java.util.Arrays.stream(fitAndHeldOut[0]).map(rest::get).toArray();
            int[] heldIdx = java.util.Arrays.stream(fitAndHeldOut[1]).map(rest::get).toArray();
            StageContext foldCtx = quietFold(ctx, f, "cross-fitting the task prior: classifier " + (f + 1) + "/" + CROSS_FIT_FOLDS);
            classifiers[f] = TaskClassifier.train(config.classifier(), taskVectors, taskCount, tasks(all, dim, trainRows, labels, fitIdx),
                    tasks(all, dim, trainRows, labels, heldIdx), device, foldCtx);
        }
        float[] buffer = new float[Math.min(n, PREDICT_CHUNK) * taskCount];
        for (int from = 0; from < n; from += PREDICT_CHUNK) { // chunk × tasks floats at a time, never n × tasks
            ctx.checkCancelled();
            int to = Math.min(n, from + PREDICT_CHUNK);
            for (int f = 0; f < CROSS_FIT_FOLDS; f++) {
                int fold = f;
                int[] part = java.util.stream.IntStream.range(from, to).filter(i -> foldOf[i] == fold).toArray();
                if (part.length == 0) {
                    continue;
                }
                float[] p = classifiers[f].predict(tasks(all, dim, trainRows, labels, part).embeddings(), part.length).probabilities();
                for (int a = 0; a < part.length; a++) {
                    System.arraycopy(p, a * taskCount, buffer, (part[a] - from) * taskCount, taskCount);
                }
            }
            sink.accept(from, to, buffer);
        }
        ctx.log(String.format(java.util.Locale.ROOT, "task statistics: classifier probabilities of the %d training prompts cross-fitted over %d folds%s (%.1f s)",
                n, CROSS_FIT_FOLDS, sampledFits ? String.format(java.util.Locale.ROOT, ", each fold's classifier fitted on a "
                        + "seeded sample of %,d of the other folds' prompts", maxFit) : "", (System.nanoTime() - started) / 1e9));
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
        // the fold classifiers' epoch and threshold lines would repeat the router classifier's five times
        return ctx.mapped(f -> (fold + Math.max(0, Math.min(1, f))) / CROSS_FIT_FOLDS, ignored -> message).withoutLog();
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

    /** The training prompts as the robust rule's memory: their embeddings, every model's score, their ids. */
    private static RouterMemory memory(RoutingDataset dataset, float[] all, int dim, int[] trainRows) {
        List<String> ids = java.util.Arrays.stream(trainRows).mapToObj(r -> dataset.prompts().get(r).id()).toList();
        return new RouterMemory(rowsOf(all, dim, trainRows), trainRows.length, dim, scoresOf(dataset, trainRows), dataset.pool().size(), ids);
    }

    /** The given rows of a row-major matrix of width {@code dim}. */
    private static float[] rowsOf(float[] all, int dim, int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(all, rows[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    /** Every model's score of the given dataset rows, row-major (NaN = missing). */
    private static float[] scoresOf(RoutingDataset dataset, int[] rows) {
        ScoreMatrix s = dataset.scores();
        int m = s.cols();
        float[] q = new float[rows.length * m];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < m; c++) {
                q[i * m + c] = s.get(rows[i], c);
            }
        }
        return q;
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
        float[] e = rowsOf(all, dim, rows);
        int[] tasks = rows.length == 0 ? new int[0] : classifier.predictTasks(e, rows.length);
        return new PromptScores(e, rows.length, dim, scoresOf(dataset, rows), dataset.scores().cols(), tasks);
    }
}

package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.Medians;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.eval.AvengersProRouter;
import dev.finerouter.engine.eval.CheapestModelRouter;
import dev.finerouter.engine.eval.ClassifiedTaskRouter;
import dev.finerouter.engine.eval.CoarseTaskRouter;
import dev.finerouter.engine.eval.EvaluationData;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.HierShrinkRouter;
import dev.finerouter.engine.eval.KnnRouter;
import dev.finerouter.engine.eval.MatrixFactorizationRouter;
import dev.finerouter.engine.eval.MlpRouter;
import dev.finerouter.engine.eval.NearestCenterRouter;
import dev.finerouter.engine.eval.OracleRouter;
import dev.finerouter.engine.eval.PolicyRescorer;
import dev.finerouter.engine.eval.PredictedQualityRouter;
import dev.finerouter.engine.eval.RandomRouter;
import dev.finerouter.engine.eval.RescoredRouter;
import dev.finerouter.engine.eval.RouterEvaluation;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.SingleModelRouter;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.TaskPrediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a trained router on the test split beside the paper's baselines and ablations, all fitted on the same
 * train split (tuned on dev where they have something to tune) and measured with the same metrics.
 */
public final class EvaluationSuite {
    /** Which routers to include. */
    public enum Scope {
        /** Single models, oracle and the full router: what {@code train} prints. */
        QUICK,
        /** Every baseline and ablation of the paper's tables. */
        FULL
    }

    private EvaluationSuite() {
    }

    /**
     * Evaluates.
     *
     * @param result the trained router and its data
     * @param policy α (and the tolerance the curve starts from) of the full router
     * @param scope which routers
     * @param ctx progress, log and cancellation (checked between the baselines' dev-grid points and epochs and
     *            between the routers tested)
     */
    public static EvaluationReport evaluate(TrainingResult result, RoutingPolicy policy, Scope scope, StageContext ctx)
            throws EngineException {
        DiscoveryResult stage1 = result.discovery();
        EvaluationData data = EvaluationData.of(stage1.dataset(), result.promptEmbeddings(), result.dim(),
                result.router().costModel());
        long seed = stage1.config().seed();
        int[] test = stage1.dataset().indicesOf(Split.TEST);
        if (test.length == 0) {
            throw new EngineException("the data has no test split to evaluate on", "use --resplit to make one", null);
        }
        TaskDiscovery discovery = stage1.discovery();
        float[] testEmbeddings = result.embeddingsOf(test);
        TaskPrediction tasks = result.router().classifier().predict(testEmbeddings, test.length);
        float[] full = result.router().estimator().predict(testEmbeddings, test.length, tasks.tasks());

        List<RouterEvaluation.Entry> entries = new ArrayList<>();
        List<String> devChoices = new ArrayList<>(ruleChoices(result));
        for (SingleModelRouter single : SingleModelRouter.all(data)) {
            entries.add(new RouterEvaluation.Entry(single, RouterKind.SINGLE_MODEL));
        }
        entries.add(new RouterEvaluation.Entry(new OracleRouter(), RouterKind.BASELINE));
        if (scope == Scope.FULL) {
            ctx.log("evaluate: fitting baselines (random, cheapest, kNN, MLP, MF, Avengers-Pro, HierShrink) on train, tuned on dev");
            ctx.progress(0, "fitting kNN");
            entries.add(new RouterEvaluation.Entry(new RandomRouter(seed), RouterKind.BASELINE));
            entries.add(new RouterEvaluation.Entry(CheapestModelRouter.fit(data), RouterKind.BASELINE));
            KnnRouter knn = KnnRouter.fit(data, ctx);
            ctx.log("evaluate: kNN k = " + knn.k() + " (dev-tuned)");
            devChoices.add(knn.name() + ": k = " + knn.k() + " (dev-tuned)");
            entries.add(new RouterEvaluation.Entry(knn, RouterKind.BASELINE));
            ctx.progress(0.1, "fitting the MLP");
            entries.add(new RouterEvaluation.Entry(MlpRouter.fit(data, withSeed(MlpRouter.Config.DEFAULT, seed), ctx), RouterKind.BASELINE));
            ctx.progress(0.25, "fitting matrix factorisation");
            entries.add(new RouterEvaluation.Entry(MatrixFactorizationRouter.fit(data, withSeed(MatrixFactorizationRouter.Config.DEFAULT, seed), ctx),
                    RouterKind.BASELINE));
            ctx.progress(0.4, "fitting Avengers-Pro");
            AvengersProRouter avengers = AvengersProRouter.fit(data, seed, ctx);
            ctx.log("evaluate: Avengers-Pro cluster router " + avengers.describe());
            devChoices.add(avengers.name() + ": " + avengers.describe());
            entries.add(new RouterEvaluation.Entry(avengers, RouterKind.BASELINE));
            ctx.progress(0.55, "fitting HierShrink");
            HierShrinkRouter hier = HierShrinkRouter.fit(data, seed, ctx);
            ctx.log("evaluate: HierShrink " + hier.describe());
            devChoices.add(hier.name() + ": " + hier.describe());
            devChoices.add("MLP, MF: fixed architectures; the number of epochs by early stopping on dev Qual");
            entries.add(new RouterEvaluation.Entry(hier, RouterKind.BASELINE));
            entries.add(new RouterEvaluation.Entry(new NearestCenterRouter(discovery, promptSpaceCenters(result)), RouterKind.ABLATION));
            entries.add(new RouterEvaluation.Entry(CoarseTaskRouter.fit(data), RouterKind.ABLATION));
            Map<Integer, Integer> taskOfRow = new HashMap<>();
            for (int i = 0; i < test.length; i++) {
                taskOfRow.put(test[i], tasks.tasks()[i]);
            }
            entries.add(new RouterEvaluation.Entry(new ClassifiedTaskRouter(discovery, row -> taskOfRow.getOrDefault(row, -1)),
                    RouterKind.ABLATION));
            int[] none = new int[test.length];
            Arrays.fill(none, -1);
            float[] general = result.router().estimator().predict(testEmbeddings, test.length, none);
            entries.add(new RouterEvaluation.Entry(PredictedQualityRouter.stage2Only("Stage 2 only (general adapters, α = 1)", test,
                    general, stage1.dataset().pool().size()), RouterKind.ABLATION));
        }
        if (result.router().rule() == null) {
            entries.add(new RouterEvaluation.Entry(PredictedQualityRouter.fromDiscovery(
                    String.format(java.util.Locale.ROOT, "FineRouter (α = %.2f)", policy.alpha()), discovery, test, full, tasks.tasks(),
                    policy.alpha()), RouterKind.FULL));
        } else {
            if (scope == Scope.FULL) {
                entries.add(new RouterEvaluation.Entry(PredictedQualityRouter.fromDiscovery(
                        String.format(java.util.Locale.ROOT, "FineRouter, paper rule (α = %.2f)", RoutingPolicy.PAPER.alpha()), discovery, test,
                        full, tasks.tasks(), RoutingPolicy.PAPER.alpha()), RouterKind.ABLATION));
            }
            PolicyRescorer rescorer = PolicyRescorer.predict(result.router(), data.split(Split.TEST));
            entries.add(new RouterEvaluation.Entry(new RescoredRouter(
                    String.format(java.util.Locale.ROOT, "FineRouter (α = %.2f)", policy.alpha()), rescorer, policy), RouterKind.FULL));
        }
        StageContext testing = scope == Scope.FULL ? ctx.scaled(0.7, 1) : ctx;
        return RouterEvaluation.evaluate(data, entries, seed, testing).withDevChoices(devChoices);
    }

    /**
     * What the routing rule chose on train/dev: the robust rule's search note (k, β, α, dev Qual tuned and
     * cross-validated, the general estimate's, guards, fallback) and one line per guarded task with its reason; for the
     * paper's rule, that it has nothing tuned on dev but the classifier threshold.
     */
    static List<String> ruleChoices(TrainingResult result) {
        List<String> out = new ArrayList<>();
        if (result.tuning() == null) {
            out.add("FineRouter (paper rule): α as given (the paper's 0.50 by default) and the classifier's threshold by macro-F1 on held-out training prompts; nothing tuned on dev");
            return out;
        }
        if (!result.levelSearch().isEmpty()) {
            out.add("FineRouter: " + RouterTrainingPipeline.levelSearchNote(result.levelSearch()));
        }
        out.add("FineRouter: " + result.tuning().note());
        var rule = result.tuning().rule();
        var tasks = result.router().tasks();
        for (int t = 0; t < tasks.size(); t++) {
            String reason = rule.guardReason().get(t);
            if (reason != null) {
                out.add(String.format(java.util.Locale.ROOT, "FineRouter guard, task %d (%s): %s", t, tasks.get(t).summary(), reason));
            }
        }
        return out;
    }

    private static MlpRouter.Config withSeed(MlpRouter.Config c, long seed) {
        return new MlpRouter.Config(c.hidden(), c.learningRate(), c.weightDecay(), c.batchSize(), c.maxEpochs(), c.patience(), seed);
    }

    private static MatrixFactorizationRouter.Config withSeed(MatrixFactorizationRouter.Config c, long seed) {
        return new MatrixFactorizationRouter.Config(c.rank(), c.learningRate(), c.weightDecay(), c.batchSize(), c.maxEpochs(),
                c.patience(), seed);
    }

    /** Task centers in prompt-embedding space: the element-wise median of the members' prompt embeddings. */
    static float[][] promptSpaceCenters(TrainingResult result) {
        int[] trainRows = result.discovery().trainRows();
        EmbeddingMatrix trainPrompts = EmbeddingMatrix.normalizing(trainRows.length, result.dim(), result.embeddingsOf(trainRows));
        List<DiscoveredTask> tasks = result.discovery().discovery().tasks();
        float[][] centers = new float[tasks.size()][];
        for (DiscoveredTask t : tasks) {
            centers[t.id()] = Medians.center(trainPrompts, t.memberIndices());
        }
        return centers;
    }
}

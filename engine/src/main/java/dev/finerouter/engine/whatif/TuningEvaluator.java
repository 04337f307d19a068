package dev.finerouter.engine.whatif;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.calibrate.PolicyEvaluator;
import dev.finerouter.engine.calibrate.SplitOutcome;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.cluster.TaskDiscoveryRunner;
import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.eval.EvaluationData;
import dev.finerouter.engine.eval.EvaluationMetrics;
import dev.finerouter.engine.eval.EvaluationSplit;
import dev.finerouter.engine.eval.PolicyRescorer;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.graph.PreferenceRanking;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The what-if computations over one trained router, with everything expensive done once in {@link #predict}: the
 * networks' predictions for the dev and test prompts, the training prompts' preference rankings. Immutable and
 * thread-safe, so sweeps can run on a worker thread while the workbench's panel re-scores on its UI thread; the
 * workbench and {@code finerouter bench whatif} call the same methods.
 *
 * <ul>
 *   <li>α, λ: {@link PolicyRescorer#score} from the cached predictions ({@link #scoreWithoutCache} runs the networks
 *       again first: the work the cache saves);</li>
 *   <li>δ: candidates re-selected ({@link TaskDiscoveryRunner#withDelta}), the router's candidate sets replaced
 *       ({@link TrainedRouter#withTaskCandidates}): a model that becomes a candidate has no task adapter and is
 *       predicted by its general adapter; Q̄ medians are per model and do not change;</li>
 *   <li>τ, ℓ: {@link #recluster} from the cached kNN + RBO graph (seconds: run it in the background); only the
 *       discovery-level figures are known until the router is retrained ({@link #preview});</li>
 *   <li>k: the graph itself changes, so nothing can be previewed from the cache.</li>
 * </ul>
 */
public final class TuningEvaluator {
    /** A single model's operating point on a split. */
    public record ModelPoint(String model, double costPerPrompt, double qual) {
    }

    private final TrainingResult result;
    private final TuningSettings trained;
    private final Map<Split, PolicyRescorer> rescorers;
    private final PreferenceRanking[] rankings;
    private final ScoreMatrix trainScores;

    private TuningEvaluator(TrainingResult result, Map<Split, PolicyRescorer> rescorers, PreferenceRanking[] rankings,
                            ScoreMatrix trainScores) {
        this.result = result;
        this.trained = TuningSettings.of(result.recommendedPolicy(), result.discovery().discovery().config());
        this.rescorers = rescorers;
        this.rankings = rankings;
        this.trainScores = trainScores;
    }

    /** Runs the router's networks over the dev and test prompts and builds the caches (slow: a worker thread). */
    public static TuningEvaluator predict(TrainingResult r) throws EngineException {
        TrainedRouter router = r.router();
        DiscoveryResult stage1 = r.discovery();
        EvaluationData data = EvaluationData.of(stage1.dataset(), r.promptEmbeddings(), r.dim(), router.costModel());
        Map<Split, PolicyRescorer> rescorers = new EnumMap<>(Split.class);
        for (Split s : new Split[]{Split.DEV, Split.TEST}) {
            EvaluationSplit split = data.split(s);
            if (split.size() > 0) {
                rescorers.put(s, PolicyRescorer.predict(router, split));
            }
        }
        ScoreMatrix trainScores = stage1.dataset().scores().selectRows(stage1.trainRows());
        return new TuningEvaluator(r, rescorers, PreferenceRanking.ofRows(trainScores), trainScores);
    }

    /** The trained router's Stage-1 setting (α and λ at the paper's values). */
    public TuningSettings trained() {
        return trained;
    }

    /** The training result this evaluator is over. */
    public TrainingResult result() {
        return result;
    }

    /** Whether the split has prompts to score. */
    public boolean hasSplit(Split split) {
        return rescorers.containsKey(split);
    }

    /** Prompts in the split (0 when empty). */
    public int size(Split split) {
        PolicyRescorer r = rescorers.get(split);
        return r == null ? 0 : r.split().size();
    }

    /** The model names, in pool order. */
    public List<String> modelNames() {
        return result.router().pool().names();
    }

    /**
     * Routes the split under a setting that keeps the trained tasks (only α, λ, δ may differ).
     *
     * @throws IllegalArgumentException when the setting changes the tasks or the split is empty
     */
    public Scored score(TuningSettings s, Split split) {
        if (s.changesTasks(trained)) {
            throw new IllegalArgumentException("τ, k or ℓ differ from the trained router's: retrain, or preview the tasks");
        }
        return decide(s, split, rescorer(split));
    }

    /**
     * Routes the split as {@link #score} does but without the cached predictions: the classifier and estimator run over
     * the split's prompts again before deciding. The same decisions, at the cost every knob change would have without
     * the cache ({@code finerouter bench whatif} times it as its baseline).
     *
     * @throws IllegalArgumentException when the setting changes the tasks or the split is empty
     * @throws EngineException when the networks fail
     */
    public Scored scoreWithoutCache(TuningSettings s, Split split) throws EngineException {
        if (s.changesTasks(trained)) {
            throw new IllegalArgumentException("τ, k or ℓ differ from the trained router's: retrain, or preview the tasks");
        }
        return decide(s, split, PolicyRescorer.predict(result.router(), rescorer(split).split()));
    }

    /** Re-selects candidates at the setting's δ (when it differs) and re-decides the split from {@code predicted}. */
    private Scored decide(TuningSettings s, Split split, PolicyRescorer predicted) {
        TaskDiscovery discovery = discoveryAt(s.delta());
        TrainedRouter router = s.delta() == trained.delta() ? result.router() : result.router().withTaskCandidates(candidates(discovery));
        PolicyRescorer.Rescored r = (router == result.router() ? predicted : predicted.withRouter(router)).score(s.policy());
        return new Scored(s, split, r.metrics(), discovery.tasks().size(), discovery.meanCandidates(), medianSize(discovery),
                othersShare(discovery), r.avgCandidates(), r.othersShare(), r.choices(), 0);
    }

    /**
     * The split as a {@link PolicyEvaluator} for calibration: each policy's α and λ are applied to {@code s} (its δ
     * kept) and re-scored from the cached predictions.
     *
     * @throws IllegalArgumentException when the setting changes the tasks or the split is empty
     */
    public PolicyEvaluator policyEvaluator(TuningSettings s, Split split) {
        if (s.changesTasks(trained)) {
            throw new IllegalArgumentException("τ, k or ℓ differ from the trained router's: retrain before calibrating");
        }
        rescorer(split);
        return policy -> {
            RouterMetrics m = score(s.withAlpha(policy.alpha()).withTolerance(policy.tolerance()), split).metrics();
            return new SplitOutcome(m.prompts(), m.qual(), 1000 * m.costPerPrompt(), m.share());
        };
    }

    /**
     * Re-clusters the training prompts at the setting's τ and ℓ from the cached level-1 kNN + RBO graph, candidates at
     * its δ (seconds on thousands of prompts).
     *
     * @throws IllegalArgumentException when k differs (the graph itself would change)
     * @throws EngineException when cancelled
     */
    public TaskDiscovery recluster(TuningSettings s, StageContext ctx) throws EngineException {
        if (s.changesGraph(trained)) {
            throw new IllegalArgumentException("k changes the kNN graph: re-run discovery (Retrain) to see its tasks");
        }
        DiscoveryResult stage1 = result.discovery();
        return new TaskDiscoveryRunner().run(stage1.promptEdges(), stage1.embeddings(), trainScores,
                s.stage1(stage1.discovery().config()), ctx);
    }

    /** The discovery-level figures of re-clustered tasks; routing metrics stay unknown until retraining. */
    public Scored preview(TuningSettings s, Split split, TaskDiscovery discovery) {
        return new Scored(s, split, null, discovery.tasks().size(), discovery.meanCandidates(), medianSize(discovery),
                othersShare(discovery), Double.NaN, Double.NaN, new int[0], 0);
    }

    /**
     * The cost–quality curve of the setting's α and δ, λ swept 0 → 1 as the evaluation sweeps it
     * ({@link dev.finerouter.engine.eval.CurveTracer}).
     */
    public CostQualityCurve curve(TuningSettings s, Split split) {
        if (s.changesTasks(trained)) {
            throw new IllegalArgumentException("τ, k or ℓ differ from the trained router's: no curve before retraining");
        }
        PolicyRescorer rescorer = rescorer(split);
        if (s.delta() != trained.delta()) {
            rescorer = rescorer.withRouter(result.router().withTaskCandidates(candidates(discoveryAt(s.delta()))));
        }
        return rescorer.curve(s.policy());
    }

    /** Every single model's cost and Qual on the split. */
    public List<ModelPoint> singleModels(Split split) {
        EvaluationSplit eval = rescorer(split).split();
        List<String> names = modelNames();
        List<ModelPoint> out = new ArrayList<>(names.size());
        int[] choices = new int[eval.size()];
        for (int m = 0; m < names.size(); m++) {
            Arrays.fill(choices, m);
            RouterMetrics metrics = EvaluationMetrics.of(eval, choices);
            out.add(new ModelPoint(names.get(m), metrics.costPerPrompt(), metrics.qual()));
        }
        return out;
    }

    private PolicyRescorer rescorer(Split split) {
        PolicyRescorer r = rescorers.get(split);
        if (r == null) {
            throw new IllegalArgumentException("the " + split.name().toLowerCase(java.util.Locale.ROOT) + " split has no prompts");
        }
        return r;
    }

    private TaskDiscovery discoveryAt(double delta) {
        TaskDiscovery d = result.discovery().discovery();
        return delta == trained.delta() ? d : TaskDiscoveryRunner.withDelta(d, rankings, delta);
    }

    private static int[][] candidates(TaskDiscovery d) {
        return d.tasks().stream().map(DiscoveredTask::candidates).toArray(int[][]::new);
    }

    private static double medianSize(TaskDiscovery d) {
        int[] sizes = d.tasks().stream().mapToInt(DiscoveredTask::size).sorted().toArray();
        int n = sizes.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sizes[n / 2] : (sizes[n / 2 - 1] + sizes[n / 2]) / 2.0;
    }

    private static double othersShare(TaskDiscovery d) {
        int n = d.assignment().promptCount();
        return n == 0 ? Double.NaN : d.othersMembers().length / (double) n;
    }
}

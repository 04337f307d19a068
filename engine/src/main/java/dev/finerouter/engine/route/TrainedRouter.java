package dev.finerouter.engine.route;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.train.QualityEstimator;
import dev.finerouter.engine.train.TaskClassifier;
import dev.finerouter.engine.train.TaskPrediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The complete FineRouter for prompts already embedded with the router's encoder: task classifier → task (or
 * Others) → quality estimator Q̃ → a per-model score → cost policy. Two rules decide ({@link RouterPreset}): with a
 * {@link RobustRule} (the default preset) every model is scored by α·Q̃ + (1 − α)·(nearest training prompts' outcomes
 * shrunk toward the soft task prior), with dev-validated fallbacks; without one (the paper preset) the task's
 * candidates are scored by Q_final = α·norm(Q̃) + (1 − α)·norm(Q̄_t). Immutable and thread-safe: predictions run the
 * classifier and estimator in plain Java arrays built once per loaded model and shared by every request (no native
 * memory, no copy of the weights per call; see {@link TaskClassifier#predict} and {@link QualityEstimator#predict}).
 */
public final class TrainedRouter {
    private final ModelPool pool;
    private final List<RouterTask> tasks;
    private final float[] othersMedianScore;
    private final TaskClassifier classifier;
    private final QualityEstimator estimator;
    private final String encoderId;
    private final CostModel costModel;
    private final int[] allModels;
    private final RobustRule rule;

    /**
     * @param pool the model pool
     * @param tasks the discovered tasks, task {@code i} at index {@code i}
     * @param othersMedianScore Q̄ of the Others group per model
     * @param classifier the task classifier
     * @param estimator the quality estimator
     * @param encoderId the id of the sentence encoder the prompts must be embedded with
     * @param costModel how per-call costs are estimated
     */
    public TrainedRouter(ModelPool pool, List<RouterTask> tasks, float[] othersMedianScore, TaskClassifier classifier,
                         QualityEstimator estimator, String encoderId, CostModel costModel) {
        this(pool, tasks, othersMedianScore, classifier, estimator, encoderId, costModel, null);
    }

    /**
     * As above, with the rule that decides.
     *
     * @param rule the robust rule, or {@code null} for the paper's rule
     */
    public TrainedRouter(ModelPool pool, List<RouterTask> tasks, float[] othersMedianScore, TaskClassifier classifier,
                         QualityEstimator estimator, String encoderId, CostModel costModel, RobustRule rule) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.tasks = List.copyOf(tasks);
        this.othersMedianScore = othersMedianScore.clone();
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.encoderId = Objects.requireNonNull(encoderId, "encoderId");
        this.costModel = Objects.requireNonNull(costModel, "costModel");
        for (int i = 0; i < this.tasks.size(); i++) {
            if (this.tasks.get(i).id() != i) {
                throw new IllegalArgumentException("task at index " + i + " has id " + this.tasks.get(i).id());
            }
        }
        if (classifier.taskCount() != this.tasks.size() || estimator.taskCount() != this.tasks.size()) {
            throw new IllegalArgumentException("classifier (" + classifier.taskCount() + ") and estimator (" + estimator.taskCount()
                    + ") must know the " + this.tasks.size() + " tasks");
        }
        if (estimator.models() != pool.size() || othersMedianScore.length != pool.size()) {
            throw new IllegalArgumentException("estimator and Others medians must cover the " + pool.size() + " models");
        }
        allModels = new int[pool.size()];
        for (int m = 0; m < allModels.length; m++) {
            allModels[m] = m;
        }
        if (rule != null && (rule.memory().models() != pool.size() || rule.taskMean().length != this.tasks.size()
                || rule.memory().dimension() != classifier.inputDim())) {
            throw new IllegalArgumentException("the robust rule must cover the " + pool.size() + " models and " + this.tasks.size()
                    + " tasks, with " + classifier.inputDim() + "-d embeddings");
        }
        this.rule = rule;
    }

    /**
     * Routes embedded prompts.
     *
     * @param embeddings row-major n × dim prompt embeddings from the encoder {@link #encoderId()}
     * @param texts the prompt texts (for cost estimates), n of them
     * @param policy α, tolerance, budget
     */
    public List<PromptDecision> route(float[] embeddings, List<String> texts, RoutingPolicy policy) throws EngineException {
        int n = texts.size();
        Predictions p = predict(embeddings, n);
        List<PromptDecision> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(decide(p, i, costs(texts.get(i)), policy));
        }
        return out;
    }

    /**
     * Task assignment and predicted quality of n embedded prompts, reusable across policies (what-if tuning). Each
     * prompt's outputs are the same whatever else is in the batch, so batching requests never changes a decision.
     */
    public Predictions predict(float[] embeddings, int n) throws EngineException {
        return predict(embeddings, n, rule == null ? 0 : rule.k());
    }

    /**
     * As {@link #predict(float[], int)}, keeping the {@code neighbours} nearest remembered training prompts of each
     * prompt (0: none; needs a {@link RobustRule}). The tuner keeps more than the rule uses, to try several k.
     */
    public Predictions predict(float[] embeddings, int n, int neighbours) throws EngineException {
        TaskPrediction t = classifier.predict(embeddings, n);
        float[] q = estimator.predict(embeddings, n, t.tasks());
        if (neighbours <= 0 || rule == null) {
            return new Predictions(t, q, pool.size());
        }
        int kept = Math.min(neighbours, rule.memory().size());
        float[] labels = rule.labelPrior() == null ? null : rule.labelPrior().probabilities(embeddings, n);
        return new Predictions(t, q, pool.size(), rule.memory().nearest(embeddings, n, kept), kept, labels);
    }

    /** Cost of one call of each model for a prompt text. */
    public double[] costs(String text) {
        double[] c = new double[pool.size()];
        boolean priced = pool.anyCostKnown();
        for (int m = 0; m < c.length; m++) {
            c[m] = costModel.estimate(pool.get(m), text, priced);
        }
        return c;
    }

    /**
     * The decision for prompt {@code i} of earlier {@link #predict predictions} under a policy: cheap, so α and
     * tolerance can be swept without re-running the networks.
     *
     * @param cost cost per model of this prompt
     */
    public PromptDecision decide(Predictions p, int i, double[] cost, RoutingPolicy policy) {
        int task = p.tasks().tasks()[i];
        int bestTask = 0;
        for (int t = 1; t < tasks.size(); t++) {
            if (p.tasks().probability(i, t) > p.tasks().probability(i, bestTask)) {
                bestTask = t;
            }
        }
        float[] predicted = new float[pool.size()];
        System.arraycopy(p.quality(), i * pool.size(), predicted, 0, pool.size());
        RoutingDecision d;
        if (rule != null) {
            d = decideRobust(p, i, task, predicted, cost, policy, rule.k(), rule.beta());
        } else if (task < 0) {
            d = QualityRouter.route(-1, allModels, predicted, othersMedianScore, cost, policy);
        } else {
            RouterTask rt = tasks.get(task);
            d = QualityRouter.route(task, rt.candidates(), predicted, rt.medianScore(), cost, policy);
        }
        return new PromptDecision(d, tasks.isEmpty() ? 0f : p.tasks().probability(i, task < 0 ? bestTask : task), bestTask,
                task < 0 ? "Others" : tasks.get(task).summary());
    }

    /**
     * The robust rule's decision for prompt {@code i} with a given k and β (the tuner tries several).
     *
     * @throws IllegalArgumentException when the predictions keep no neighbours
     */
    RoutingDecision decideRobust(Predictions p, int i, int task, float[] predicted, double[] cost, RoutingPolicy policy, int k, double beta) {
        if (p.neighbours() == null || rule.labelPrior() != null && p.labelProbabilities() == null) {
            throw new IllegalArgumentException("these predictions keep no neighbours" + (p.neighbours() == null ? "" : " or label probabilities")
                    + "; make them with this router's predict");
        }
        double[] q = new double[predicted.length];
        for (int j = 0; j < q.length; j++) {
            q[j] = predicted[j];
        }
        String fallback = rule.fallbackReason(task);
        if (fallback != null) {
            double[] general = rule.fallbackEstimate(task);
            StringBuilder reason = null; // built only when a model is left out (an onboarded bundle's guarded task)
            for (int j = 0; j < general.length; j++) {
                if (Double.isNaN(general[j])) {
                    reason = reason == null ? new StringBuilder(fallback).append("; not compared here (onboarded after this was validated on dev): ")
                            : reason.append(", ");
                    reason.append(pool.get(j).name());
                }
            }
            return QualityRouter.routeByEstimate(task, general, q, general, cost, rule.costScale(), policy,
                    reason == null ? fallback : reason.toString());
        }
        LabelPrior labels = rule.labelPrior();
        double[] prior = labels == null ? rule.prior(p.tasks().probabilities(), i * tasks.size())
                : labels.prior(p.labelProbabilities(), i * labels.size());
        double[] local = rule.local(p.neighbours(), i * p.neighboursPerPrompt(), p.neighboursPerPrompt(), k, beta, prior);
        double[] estimate = RobustRule.blend(predicted, 0, local, policy.alpha());
        return QualityRouter.routeByEstimate(task, estimate, q, local, cost, rule.costScale(), policy, null);
    }

    /**
     * The same router with other candidate sets L_t (e.g. re-selected at another coverage target δ): classifier,
     * estimator, summaries and Q̄ medians are shared, nothing is retrained. The estimator has task adapters only for
     * the candidates it was trained with ({@link QualityEstimator#candidates(int)}); a new candidate without one is
     * predicted by its general adapter, exactly as {@link QualityEstimator#predict} already does for non-candidates,
     * so earlier {@link Predictions} stay valid for the new router.
     *
     * @param candidates the new candidate models of each task, by task id; one non-empty array per task
     * @throws IllegalArgumentException when the number of tasks differs or a candidate is not a model index
     */
    public TrainedRouter withTaskCandidates(int[][] candidates) {
        if (candidates.length != tasks.size()) {
            throw new IllegalArgumentException(candidates.length + " candidate sets for " + tasks.size() + " tasks");
        }
        List<RouterTask> changed = new ArrayList<>(tasks.size());
        for (RouterTask t : tasks) {
            changed.add(new RouterTask(t.id(), t.summary(), t.size(), candidates[t.id()], t.medianScore()));
        }
        return new TrainedRouter(pool, changed, othersMedianScore, classifier, estimator, encoderId, costModel, rule);
    }

    /** The same router deciding with {@code newRule} ({@code null}: the paper's rule); nothing is retrained. */
    public TrainedRouter withRule(RobustRule newRule) {
        return new TrainedRouter(pool, tasks, othersMedianScore, classifier, estimator, encoderId, costModel, newRule);
    }

    /** The robust rule, or {@code null} when the paper's rule decides. */
    public RobustRule rule() {
        return rule;
    }

    /** Which rule decides. */
    public RouterPreset preset() {
        return rule == null ? RouterPreset.PAPER : RouterPreset.ROBUST;
    }

    /** Mean number of candidates per task (0 without tasks). */
    public double meanCandidates() {
        return tasks.stream().mapToInt(t -> t.candidates().length).average().orElse(0);
    }

    /**
     * Network outputs for a batch of prompts.
     *
     * @param tasks classifier output
     * @param quality Q̃, row-major n × models
     * @param models number of models
     * @param neighbours the nearest remembered training prompts, row-major n × neighboursPerPrompt, or {@code null}
     * @param neighboursPerPrompt neighbours kept per prompt (0 without)
     * @param labelProbabilities P(label | x) of the rule's {@link LabelPrior}, row-major n × labels, or {@code null}
     *                           when the rule has none
     */
    public record Predictions(TaskPrediction tasks, float[] quality, int models, int[] neighbours, int neighboursPerPrompt,
                              float[] labelProbabilities) {
        /** Network outputs without neighbours (the paper's rule needs none). */
        public Predictions(TaskPrediction tasks, float[] quality, int models) {
            this(tasks, quality, models, null, 0, null);
        }

        /** Network outputs with neighbours, for a rule without a label prior. */
        public Predictions(TaskPrediction tasks, float[] quality, int models, int[] neighbours, int neighboursPerPrompt) {
            this(tasks, quality, models, neighbours, neighboursPerPrompt, null);
        }
    }

    /** The model pool. */
    public ModelPool pool() {
        return pool;
    }

    /** The tasks, by id. */
    public List<RouterTask> tasks() {
        return tasks;
    }

    /** Q̄ of the Others group per model. */
    public float[] othersMedianScore() {
        return othersMedianScore.clone();
    }

    /** The task classifier. */
    public TaskClassifier classifier() {
        return classifier;
    }

    /** The quality estimator. */
    public QualityEstimator estimator() {
        return estimator;
    }

    /** The encoder prompts must be embedded with. */
    public String encoderId() {
        return encoderId;
    }

    /** The cost model. */
    public CostModel costModel() {
        return costModel;
    }
}

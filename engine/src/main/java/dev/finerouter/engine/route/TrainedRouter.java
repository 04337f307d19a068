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
 * Others) → quality estimator Q̃ → Q_final with the task prior Q̄ → cost policy. Immutable; thread-safe as far as the
 * DJL models are (predictions open their own NDManager).
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

    /** Task assignment and predicted quality of n embedded prompts, reusable across policies (what-if tuning). */
    public Predictions predict(float[] embeddings, int n) throws EngineException {
        TaskPrediction t = classifier.predict(embeddings, n);
        float[] q = estimator.predict(embeddings, n, t.tasks());
        return new Predictions(t, q, pool.size());
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
        if (task < 0) {
            d = QualityRouter.route(-1, allModels, predicted, othersMedianScore, cost, policy);
        } else {
            RouterTask rt = tasks.get(task);
            d = QualityRouter.route(task, rt.candidates(), predicted, rt.medianScore(), cost, policy);
        }
        return new PromptDecision(d, tasks.isEmpty() ? 0f : p.tasks().probability(i, task < 0 ? bestTask : task), bestTask,
                task < 0 ? "Others" : tasks.get(task).summary());
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
        return new TrainedRouter(pool, changed, othersMedianScore, classifier, estimator, encoderId, costModel);
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
     */
    public record Predictions(TaskPrediction tasks, float[] quality, int models) {
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

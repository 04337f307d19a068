package dev.finerouter.engine.eval;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.util.List;
import java.util.Objects;

/**
 * What-if re-scoring of one split: the router's networks run once ({@link #predict}), then any routing policy (α,
 * tolerance λ, budget) or any candidate sets with the same tasks ({@link #withRouter}, e.g. after a δ change) is
 * re-decided from the cached {@link TrainedRouter.Predictions} in a single cheap pass over the prompts. Immutable;
 * {@link #score} is thread-safe.
 */
public final class PolicyRescorer {
    private final TrainedRouter router;
    private final EvaluationSplit split;
    private final TrainedRouter.Predictions predictions;
    private final double[][] costs;

    /** The metrics of one re-decision of the split under a policy. */
    public record Rescored(RoutingPolicy policy, RouterMetrics metrics, double avgCandidates, double othersShare, int[] choices) {
        /** Validates and copies. */
        public Rescored {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(metrics, "metrics");
            choices = choices.clone();
        }

        /** A copy of the chosen model per prompt. */
        @Override
        public int[] choices() {
            return choices.clone();
        }
    }

    private PolicyRescorer(TrainedRouter router, EvaluationSplit split, TrainedRouter.Predictions predictions, double[][] costs) {
        this.router = router;
        this.split = split;
        this.predictions = predictions;
        this.costs = costs;
    }

    /**
     * Runs the router's classifier and estimator once over the split's prompts (the expensive part) and keeps them.
     *
     * @param router the trained router; its pool must be the split's models
     * @param split a non-empty split of evaluation data embedded with the router's encoder
     * @throws EngineException when the networks fail
     * @throws IllegalArgumentException when the split is empty or the model counts differ
     */
    public static PolicyRescorer predict(TrainedRouter router, EvaluationSplit split) throws EngineException {
        Objects.requireNonNull(router, "router");
        if (split.size() == 0) {
            throw new IllegalArgumentException("the " + split.which() + " split has no prompt to re-score");
        }
        if (router.pool().size() != split.data().models()) {
            throw new IllegalArgumentException("the router knows " + router.pool().size() + " models, the data "
                    + split.data().models());
        }
        int dim = split.data().dim();
        int[] rows = split.rows();
        float[] embeddings = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(split.data().embeddingRow(rows[i]), 0, embeddings, i * dim, dim);
        }
        return of(router, split, router.predict(embeddings, rows.length));
    }

    /**
     * A re-scorer over predictions made earlier for exactly the split's prompts, in split order.
     *
     * @throws IllegalArgumentException when the predictions do not cover the split's prompts and the router's models
     */
    public static PolicyRescorer of(TrainedRouter router, EvaluationSplit split, TrainedRouter.Predictions predictions) {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(predictions, "predictions");
        int n = split.size();
        if (predictions.tasks().tasks().length != n || predictions.models() != router.pool().size()
                || predictions.quality().length != n * predictions.models()) {
            throw new IllegalArgumentException("the predictions must cover the " + n + " prompts of the split and the "
                    + router.pool().size() + " models");
        }
        double[][] costs = new double[n][];
        for (int i = 0; i < n; i++) {
            costs[i] = split.data().costRow(split.row(i));
        }
        return new PolicyRescorer(router, split, predictions, costs);
    }

    /**
     * The same cached predictions under another router with the same tasks, classifier and estimator (from
     * {@link TrainedRouter#withTaskCandidates}); nothing is recomputed.
     *
     * @throws IllegalArgumentException when the router has another number of tasks or models
     */
    public PolicyRescorer withRouter(TrainedRouter other) {
        if (other.tasks().size() != router.tasks().size() || other.pool().size() != router.pool().size()) {
            throw new IllegalArgumentException("the new router must have the same tasks and models");
        }
        return new PolicyRescorer(other, split, predictions, costs);
    }

    /** Re-decides every prompt of the split under {@code policy} and measures the result. */
    public Rescored score(RoutingPolicy policy) {
        int n = split.size();
        int[] choices = new int[n];
        int[] taskOf = new int[n];
        long compared = 0;
        int others = 0;
        for (int i = 0; i < n; i++) {
            PromptDecision d = router.decide(predictions, i, costs[i], policy);
            choices[i] = d.decision().chosenModel();
            taskOf[i] = d.decision().task();
            compared += d.decision().compared().size();
            if (taskOf[i] < 0) {
                others++;
            }
        }
        return new Rescored(policy, EvaluationMetrics.of(split, choices, taskOf), compared / (double) n, others / (double) n, choices);
    }

    /**
     * The cost–quality curve of {@code base} with the tolerance swept from 0 to 1 as the evaluation sweeps it
     * ({@link CurveTracer}; α and budget kept).
     */
    public CostQualityCurve curve(RoutingPolicy base) {
        return new CostQualityCurve(CurveTracer.trace(lambda -> point(base, lambda), point(base, 0)));
    }

    private CurvePoint point(RoutingPolicy base, double lambda) {
        RouterMetrics m = score(base.withTolerance(lambda)).metrics();
        return new CurvePoint(lambda, m.costPerPrompt(), m.qual());
    }

    /** The router whose decisions are re-scored. */
    public TrainedRouter router() {
        return router;
    }

    /** The split. */
    public EvaluationSplit split() {
        return split;
    }

    /** The cached network outputs. */
    public TrainedRouter.Predictions predictions() {
        return predictions;
    }
}

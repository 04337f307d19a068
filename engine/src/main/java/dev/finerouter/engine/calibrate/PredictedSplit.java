package dev.finerouter.engine.calibrate;

import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.util.Objects;

/**
 * A split of prompts whose network outputs are already computed ({@link TrainedRouter.Predictions}): evaluating a
 * policy only re-runs the cheap routing rule ({@link TrainedRouter#decide}), so calibration never re-runs the
 * networks.
 */
public final class PredictedSplit implements PolicyEvaluator {
    private final TrainedRouter router;
    private final TrainedRouter.Predictions predictions;
    private final double[][] costs;
    private final float[][] scores;

    /**
     * @param router the router
     * @param predictions its predictions for the n prompts
     * @param costs cost of each model per prompt, n rows of one value per model
     * @param scores true score of each model per prompt (NaN = missing), n rows of one value per model
     */
    public PredictedSplit(TrainedRouter router, TrainedRouter.Predictions predictions, double[][] costs, float[][] scores) {
        this.router = Objects.requireNonNull(router, "router");
        this.predictions = Objects.requireNonNull(predictions, "predictions");
        int m = router.pool().size();
        if (costs.length == 0 || costs.length != scores.length || predictions.quality().length != (long) costs.length * m) {
            throw new IllegalArgumentException("one cost row, score row and prediction per prompt expected (" + costs.length
                    + " costs, " + scores.length + " scores, " + predictions.quality().length / Math.max(1, m) + " predictions)");
        }
        this.costs = new double[costs.length][];
        this.scores = new float[scores.length][];
        for (int i = 0; i < costs.length; i++) {
            if (costs[i].length != m || scores[i].length != m) {
                throw new IllegalArgumentException("prompt " + i + " needs " + m + " costs and scores");
            }
            this.costs[i] = costs[i].clone();
            this.scores[i] = scores[i].clone();
        }
    }

    /** The number of prompts. */
    public int size() {
        return costs.length;
    }

    /** The chosen model per prompt under a policy. */
    public int[] choices(RoutingPolicy policy) {
        int[] out = new int[costs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = router.decide(predictions, i, costs[i], policy).decision().chosenModel();
        }
        return out;
    }

    @Override
    public SplitOutcome evaluate(RoutingPolicy policy) {
        return outcome(choices(policy), costs, scores);
    }

    /**
     * The outcome of given choices: Qual over prompts whose chosen model has a score (missing skipped), cost per
     * 1,000 prompts over all prompts, shares.
     */
    static SplitOutcome outcome(int[] choices, double[][] costs, float[][] scores) {
        int n = choices.length;
        int m = costs[0].length;
        double cost = 0;
        double sum = 0;
        int scored = 0;
        double[] share = new double[m];
        for (int i = 0; i < n; i++) {
            int c = choices[i];
            cost += costs[i][c];
            share[c] += 1.0 / n;
            float q = scores[i][c];
            if (!Float.isNaN(q)) {
                sum += q;
                scored++;
            }
        }
        return new SplitOutcome(n, scored == 0 ? Double.NaN : sum / scored, 1000 * cost / n, share);
    }
}

package dev.finerouter.engine.eval;

/**
 * The cost knob shared by the score-predicting baselines (kNN, MF): among the models whose estimated quality is at
 * least (1 − λ) · the best estimate, the cheapest wins (ties: higher estimate, then lower index). NaN estimates are
 * not admissible; if every estimate is NaN, the cheapest model wins. λ = 0 is the argmax.
 */
public final class ToleranceChoice {
    private ToleranceChoice() {
    }

    /**
     * Chooses a model.
     *
     * @param estimate estimated quality per model (NaN = no estimate)
     * @param data evaluation data (costs)
     * @param row the prompt's row (costs)
     * @param tolerance λ in [0, 1]
     */
    public static int choose(double[] estimate, EvaluationData data, int row, double tolerance) {
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be in [0,1], was " + tolerance);
        }
        double best = Double.NEGATIVE_INFINITY;
        for (double e : estimate) {
            if (!Double.isNaN(e) && e > best) {
                best = e;
            }
        }
        boolean none = best == Double.NEGATIVE_INFINITY;
        double threshold = best - tolerance * Math.abs(best);
        int chosen = -1;
        for (int j = 0; j < estimate.length; j++) {
            if (!none && (Double.isNaN(estimate[j]) || estimate[j] < threshold - 1e-12)) {
                continue;
            }
            if (chosen < 0) {
                chosen = j;
                continue;
            }
            double cj = data.cost(row, j);
            double cc = data.cost(row, chosen);
            if (cj < cc || (cj == cc && !none && estimate[j] > estimate[chosen])) {
                chosen = j;
            }
        }
        return chosen;
    }

    /** The argmax of the estimates (ties: lower index); the cheapest model when all are NaN. */
    public static int argmax(double[] estimate, EvaluationData data, int row) {
        return choose(estimate, data, row, 0);
    }
}

package dev.finerouter.engine.eval;

/**
 * Baseline: the cheapest model. The model is fixed from the mean cost over the training prompts (ties: lower
 * index), so it is one model for all prompts, like a single-model baseline.
 */
public final class CheapestModelRouter implements RouterUnderTest {
    private final int model;

    private CheapestModelRouter(int model) {
        this.model = model;
    }

    /** Picks the model with the lowest mean cost on the training prompts. */
    public static CheapestModelRouter fit(EvaluationData data) {
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        int[] train = data.train();
        for (int j = 0; j < data.models(); j++) {
            double sum = 0;
            for (int r : train) {
                sum += data.cost(r, j);
            }
            double mean = sum / train.length;
            if (mean < bestCost) {
                bestCost = mean;
                best = j;
            }
        }
        return new CheapestModelRouter(best);
    }

    /** The chosen model. */
    public int model() {
        return model;
    }

    @Override
    public String name() {
        return "Cheapest";
    }

    @Override
    public boolean hasCostKnob() {
        return false;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        int[] out = new int[split.size()];
        java.util.Arrays.fill(out, model);
        return out;
    }
}

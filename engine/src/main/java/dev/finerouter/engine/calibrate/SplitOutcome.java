package dev.finerouter.engine.calibrate;

/**
 * How a routing policy does on one split: the numbers calibration targets are stated in.
 *
 * @param prompts prompts routed
 * @param qual mean true score of the routed model over prompts whose score is known (missing scores are skipped,
 *             never 0); NaN when none is known
 * @param costPer1k total cost of the routed calls per 1,000 prompts (USD, or calls when the pool has no prices)
 * @param share fraction of prompts routed to each model (indexed by model)
 */
public record SplitOutcome(int prompts, double qual, double costPer1k, double[] share) {
    /** Validates and copies. */
    public SplitOutcome {
        if (prompts < 1) {
            throw new IllegalArgumentException("an outcome needs at least one prompt");
        }
        if (!(costPer1k >= 0) || Double.isInfinite(costPer1k)) {
            throw new IllegalArgumentException("cost per 1k must be finite and >= 0, was " + costPer1k);
        }
        share = share.clone();
    }

    /** A copy of the shares. */
    @Override
    public double[] share() {
        return share.clone();
    }

    /** The fraction of prompts routed to {@code model}. */
    public double shareOf(int model) {
        return share[model];
    }
}

package dev.finerouter.engine.model;

/**
 * Estimates what one call of a model on a prompt costs.
 *
 * <p>Rules, in order (see docs/decisions/0003-data-format.md):
 * <ol>
 *   <li>an observed per-prompt cost from the data ({@code costs} field) is the truth;</li>
 *   <li>otherwise cost = costPerQuery + inputTokens/1000 × inputPrice + outputTokens/1000 × outputPrice, where
 *       inputTokens = ceil(characters / {@link #CHARS_PER_TOKEN}) of the prompt and outputTokens is a fixed
 *       assumption ({@link #DEFAULT_OUTPUT_TOKENS} unless configured) because answers are not in the data;</li>
 *   <li>when no model of the pool has any price, every call costs 1 (equal-cost assumption; reports say so).</li>
 * </ol>
 *
 * @param charsPerToken characters per token used to estimate input tokens (> 0)
 * @param outputTokens assumed answer length in tokens (>= 0)
 */
public record CostModel(double charsPerToken, int outputTokens) {
    /** Characters per token of English text with BPE tokenizers, a common rule of thumb. */
    public static final double CHARS_PER_TOKEN = 4.0;
    /** Assumed answer length when the data carries none. */
    public static final int DEFAULT_OUTPUT_TOKENS = 256;
    /** The defaults above. */
    public static final CostModel DEFAULT = new CostModel(CHARS_PER_TOKEN, DEFAULT_OUTPUT_TOKENS);

    public CostModel {
        if (!(charsPerToken > 0) || Double.isInfinite(charsPerToken)) {
            throw new IllegalArgumentException("charsPerToken must be > 0, was " + charsPerToken);
        }
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must be >= 0, was " + outputTokens);
        }
    }

    /** Estimated input tokens of a prompt text. */
    public int inputTokens(String text) {
        return (int) Math.ceil(text.length() / charsPerToken);
    }

    /**
     * The estimated cost of calling {@code model} with {@code text}, in USD, or 1.0 per call when the pool has no
     * prices at all ({@code poolHasPrices == false}). A priced pool in which this model has no price gives 0 for it,
     * which the loader refuses up front, so it does not happen for loaded datasets.
     */
    public double estimate(ModelSpec model, String text, boolean poolHasPrices) {
        if (!poolHasPrices) {
            return 1.0;
        }
        double cost = model.costPerQuery() == null ? 0 : model.costPerQuery();
        if (model.inputCostPer1kTokens() != null) {
            cost += inputTokens(text) / 1000.0 * model.inputCostPer1kTokens();
        }
        if (model.outputCostPer1kTokens() != null) {
            cost += outputTokens / 1000.0 * model.outputCostPer1kTokens();
        }
        return cost;
    }
}

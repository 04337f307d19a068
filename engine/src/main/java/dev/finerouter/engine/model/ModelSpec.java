package dev.finerouter.engine.model;

import java.util.Objects;

/**
 * One model of the pool, with its price. Any price may be {@code null} (unknown); a model whose prices are
 * all unknown has an unknown cost (see {@link CostModel} for what that means).
 *
 * @param name the model's identifier as used in the score data, non-blank
 * @param displayName a human-friendly name; defaults to {@code name}
 * @param costPerQuery USD per call, or {@code null}
 * @param inputCostPer1kTokens USD per 1,000 input tokens, or {@code null}
 * @param outputCostPer1kTokens USD per 1,000 output tokens, or {@code null}
 */
public record ModelSpec(String name, String displayName, Double costPerQuery, Double inputCostPer1kTokens,
                        Double outputCostPer1kTokens) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name is blank");
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = name;
        }
        requireValidPrice(name, "costPerQuery", costPerQuery);
        requireValidPrice(name, "inputCostPer1kTokens", inputCostPer1kTokens);
        requireValidPrice(name, "outputCostPer1kTokens", outputCostPer1kTokens);
    }

    /** A model with no price information. */
    public static ModelSpec unpriced(String name) {
        return new ModelSpec(name, name, null, null, null);
    }

    /** Whether any price of this model is known. */
    public boolean hasKnownCost() {
        return costPerQuery != null || inputCostPer1kTokens != null || outputCostPer1kTokens != null;
    }

    private static void requireValidPrice(String model, String field, Double value) {
        if (value != null && (value.isNaN() || value.isInfinite() || value < 0)) {
            throw new IllegalArgumentException("model " + model + ": " + field + " must be a finite number >= 0, was " + value);
        }
    }
}

package dev.finerouter.engine.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered pool of candidate models. The order is the column order of every {@link ScoreMatrix} built for it.
 *
 * @param models the models, non-empty, with unique names
 */
public record ModelPool(List<ModelSpec> models) {
    public ModelPool {
        Objects.requireNonNull(models, "models");
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the model pool is empty");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < models.size(); i++) {
            if (seen.put(models.get(i).name(), i) != null) {
                throw new IllegalArgumentException("model " + models.get(i).name() + " is listed twice");
            }
        }
    }

    /** Number of models. */
    public int size() {
        return models.size();
    }

    /** The model at column {@code index}. */
    public ModelSpec get(int index) {
        return models.get(index);
    }

    /** The column index of the model called {@code name}, or -1 when it is not in the pool. */
    public int indexOf(String name) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The model names in column order. */
    public List<String> names() {
        return models.stream().map(ModelSpec::name).toList();
    }

    /** Whether at least one model has a known price. */
    public boolean anyCostKnown() {
        return models.stream().anyMatch(ModelSpec::hasKnownCost);
    }
}

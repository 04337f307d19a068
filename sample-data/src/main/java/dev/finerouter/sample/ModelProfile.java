package dev.finerouter.sample;

import dev.finerouter.engine.model.ModelSpec;

import java.util.Map;
import java.util.Objects;

/**
 * A synthetic model: its name and prices, and its skill profile. The model's latent ability on a sub-task, on a logit
 * scale, is {@code base + familyAffinity[family] + subtaskAffinity[subtask]} (absent entries count 0), so within one
 * family different sub-tasks can have different best models.
 *
 * @param spec the model's name and prices as written to {@code models.json}
 * @param base general ability
 * @param familyAffinity ability added on every sub-task of a family (lookup only)
 * @param subtaskAffinity ability added on one sub-task (lookup only)
 */
public record ModelProfile(ModelSpec spec, double base, Map<String, Double> familyAffinity,
                           Map<String, Double> subtaskAffinity) {
    /** Validates the profile: finite abilities, known families and sub-tasks only; copies the maps. */
    public ModelProfile {
        Objects.requireNonNull(spec, "spec");
        if (!Double.isFinite(base)) {
            throw new IllegalArgumentException(spec.name() + ": base ability must be finite");
        }
        familyAffinity = Map.copyOf(familyAffinity);
        subtaskAffinity = Map.copyOf(subtaskAffinity);
        for (Map.Entry<String, Double> e : familyAffinity.entrySet()) {
            if (!TaskCatalog.FAMILIES.contains(e.getKey()) || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(spec.name() + ": bad family affinity " + e);
            }
        }
        for (Map.Entry<String, Double> e : subtaskAffinity.entrySet()) {
            TaskCatalog.subtask(e.getKey()); // throws when unknown
            if (!Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException(spec.name() + ": bad sub-task affinity " + e);
            }
        }
    }

    /** The model's name. */
    public String name() {
        return spec.name();
    }

    /** Latent ability on {@code subtask} (logit scale; higher is better). */
    public double ability(SubtaskSpec subtask) {
        return base + familyAffinity.getOrDefault(subtask.family(), 0.0) + subtaskAffinity.getOrDefault(subtask.name(), 0.0);
    }
}

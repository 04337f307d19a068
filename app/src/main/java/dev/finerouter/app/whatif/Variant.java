package dev.finerouter.app.whatif;

import dev.finerouter.engine.whatif.Scored;
import dev.finerouter.engine.whatif.TuningSettings;
import dev.finerouter.engine.whatif.WhatIfMetric;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named what-if setting with the metrics it had when it was saved.
 *
 * @param name the user's name for it (non-blank, unique in a {@link VariantStore})
 * @param settings the setting
 * @param split the split the metrics are of ("dev" or "test")
 * @param metrics metric label → value at save time (unknown values left out)
 */
public record Variant(String name, TuningSettings settings, String split, Map<String, Double> metrics) {
    /** Validates and copies. */
    public Variant {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a variant needs a name");
        }
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(split, "split");
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The variant of a scoring: every known metric and per-model share. */
    public static Variant of(String name, Scored s, java.util.List<String> models) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (WhatIfMetric m : WhatIfMetric.values()) {
            put(values, m.label(), m.of(s));
        }
        for (int i = 0; i < models.size(); i++) {
            put(values, "share " + models.get(i), WhatIfMetric.share(s, i));
        }
        return new Variant(name, s.settings(), s.split().name().toLowerCase(java.util.Locale.ROOT), values);
    }

    private static void put(Map<String, Double> values, String key, double v) {
        if (!Double.isNaN(v)) {
            values.put(key, v);
        }
    }

    /** The saved value of a metric, NaN when unknown. */
    public double metric(String label) {
        Double v = metrics.get(label);
        return v == null ? Double.NaN : v;
    }
}

package dev.finerouter.app.whatif;

import dev.finerouter.engine.whatif.Scored;
import dev.finerouter.engine.whatif.TuningSettings;
import dev.finerouter.engine.whatif.WhatIfMetric;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of a metrics table: a value, the value it is compared with (NaN when none) and how to format them.
 *
 * @param name the label
 * @param current the current (or left-hand) value, NaN when unknown
 * @param pinned the baseline (or right-hand) value, NaN when none
 * @param kind how it is formatted and which direction is better
 * @param needsRetraining whether {@code current} is unknown because the setting needs a retrained router
 */
public record MetricRow(String name, double current, double pinned, WhatIfMetric.Kind kind, boolean needsRetraining) {
    /** current − pinned, NaN when either is unknown. */
    public double delta() {
        return current - pinned;
    }

    /**
     * The rows of the panel: the six knobs, every {@link WhatIfMetric} and each model's routing share, {@code current}
     * against {@code pinned}.
     *
     * @param settings the current setting (its knobs come first, against the pinned setting's)
     * @param current the current scoring, or null when nothing is known (then every metric row needs retraining)
     * @param pinned the baseline, or null
     * @param models model names in pool order
     */
    public static List<MetricRow> of(TuningSettings settings, Scored current, Scored pinned, List<String> models) {
        List<MetricRow> out = new ArrayList<>(settingRows(settings, pinned == null ? null : pinned.settings()));
        boolean unknown = current == null;
        for (WhatIfMetric m : WhatIfMetric.values()) {
            boolean stale = unknown || (m.routing() && current.needsRetraining());
            out.add(new MetricRow(m.label(), m.of(current), m.of(pinned), m.kind(), stale));
        }
        for (int i = 0; i < models.size(); i++) {
            out.add(new MetricRow("share " + models.get(i), WhatIfMetric.share(current, i), WhatIfMetric.share(pinned, i),
                    WhatIfMetric.Kind.SHARE, unknown || current.needsRetraining()));
        }
        return out;
    }

    /** Side-by-side rows of two variants: the settings, then every metric either has (a's order first). */
    public static List<MetricRow> compare(Variant a, Variant b) {
        List<MetricRow> out = new ArrayList<>(settingRows(a.settings(), b.settings()));
        java.util.LinkedHashSet<String> labels = new java.util.LinkedHashSet<>(a.metrics().keySet());
        labels.addAll(b.metrics().keySet());
        for (String label : labels) {
            out.add(new MetricRow(label, a.metric(label), b.metric(label), kindOf(label), false));
        }
        return out;
    }

    /** The knobs of {@code x} against those of {@code y} (NaN when y is null). */
    static List<MetricRow> settingRows(TuningSettings x, TuningSettings y) {
        boolean none = y == null;
        return List.of(setting("α", x.alpha(), none ? Double.NaN : y.alpha()),
                setting("λ", x.tolerance(), none ? Double.NaN : y.tolerance()),
                setting("δ", x.delta(), none ? Double.NaN : y.delta()),
                setting("τ", x.tau(), none ? Double.NaN : y.tau()),
                new MetricRow("k", x.k(), none ? Double.NaN : y.k(), WhatIfMetric.Kind.INTEGER, false),
                new MetricRow("ℓ", x.levels(), none ? Double.NaN : y.levels(), WhatIfMetric.Kind.INTEGER, false));
    }

    private static MetricRow setting(String name, double a, double b) {
        return new MetricRow(name, a, b, WhatIfMetric.Kind.COUNT, false);
    }

    private static WhatIfMetric.Kind kindOf(String label) {
        if (label.startsWith("share ")) {
            return WhatIfMetric.Kind.SHARE;
        }
        for (WhatIfMetric m : WhatIfMetric.values()) {
            if (m.label().equals(label)) {
                return m.kind();
            }
        }
        return WhatIfMetric.Kind.COUNT;
    }
}

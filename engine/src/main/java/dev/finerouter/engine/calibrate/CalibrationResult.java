package dev.finerouter.engine.calibrate;

import dev.finerouter.engine.bundle.BundleCalibration;
import dev.finerouter.engine.route.RoutingPolicy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The setting calibration chose and how it does.
 *
 * @param target the goal
 * @param policy the chosen policy (α, tolerance; the base policy's budget kept); when {@code feasible} is false, the
 *               setting closest to the target on dev
 * @param dev its outcome on the dev split (where it was chosen)
 * @param test its outcome on the test split (reported, never used to choose)
 * @param feasible whether the target is met on dev
 * @param metOnTest whether the target is also met on test
 * @param evaluations how many settings were evaluated on dev
 * @param tunedAlpha whether α was searched (otherwise the base policy's α was kept)
 */
public record CalibrationResult(CalibrationTarget target, RoutingPolicy policy, SplitOutcome dev, SplitOutcome test,
                                boolean feasible, boolean metOnTest, int evaluations, boolean tunedAlpha) {
    /** Validates. */
    public CalibrationResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(test, "test");
    }

    /**
     * The record stored in a bundle manifest.
     *
     * @param models model names in pool order (for the shares)
     * @param at the time of calibration
     */
    public BundleCalibration toBundleCalibration(List<String> models, Instant at) {
        String model = target instanceof CalibrationTarget.MaxShare s ? s.model() : null;
        return new BundleCalibration(target.kind(), target.describe(), model, target.bound(), tunedAlpha, feasible, metOnTest,
                outcome(dev, models), outcome(test, models), at.toString());
    }

    private static BundleCalibration.Outcome outcome(SplitOutcome o, List<String> models) {
        Map<String, Double> share = new LinkedHashMap<>();
        for (int j = 0; j < models.size(); j++) {
            share.put(models.get(j), o.shareOf(j));
        }
        return new BundleCalibration.Outcome(o.prompts(), Double.isNaN(o.qual()) ? null : o.qual(), o.costPer1k(), share);
    }
}

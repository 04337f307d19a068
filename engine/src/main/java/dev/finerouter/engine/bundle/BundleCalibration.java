package dev.finerouter.engine.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The calibration a bundle's default policy came from ({@code finerouter calibrate}): the target, and how the chosen
 * setting did on dev (where it was chosen) and test. Informational: routing uses {@code defaultPolicy}.
 *
 * @param target {@code max-cost-per-1k}, {@code max-share} or {@code min-quality}
 * @param description the target in words, e.g. "at most 30.0% of calls to coder-xl"
 * @param model the capped model for {@code max-share}, otherwise {@code null}
 * @param bound the target's number (USD per 1,000 prompts, a share in [0,1], or a Qual)
 * @param tunedAlpha whether α was searched too (otherwise kept)
 * @param metOnDev whether the target is met on dev (false: the closest achievable setting was stored)
 * @param metOnTest whether the target also holds on test
 * @param dev the outcome on dev
 * @param test the outcome on test
 * @param calibratedAt ISO-8601 instant of calibration
 */
public record BundleCalibration(String target, String description, String model, double bound, boolean tunedAlpha,
                                boolean metOnDev, boolean metOnTest, Outcome dev, Outcome test, String calibratedAt) {
    /** Validates. */
    public BundleCalibration {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(calibratedAt, "calibratedAt");
    }

    /**
     * The outcome of the calibrated policy on one split.
     *
     * @param prompts prompts in the split
     * @param qual mean true score of the routed models, {@code null} when no score was known
     * @param costPer1k cost per 1,000 prompts
     * @param share model name → fraction of prompts routed to it
     */
    public record Outcome(int prompts, Double qual, double costPer1k, Map<String, Double> share) {
        /** Validates and copies. */
        public Outcome {
            share = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(share, "share")));
        }
    }
}

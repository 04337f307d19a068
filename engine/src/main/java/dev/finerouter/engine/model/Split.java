package dev.finerouter.engine.model;

import java.util.Locale;

/** The three data splits of the paper's protocol: train to fit, dev to tune, test to report. */
public enum Split {
    TRAIN, DEV, TEST;

    /** The lower-case name used in files ({@code train}, {@code dev}, {@code test}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a split label as found in data files. Accepts {@code train}, {@code dev}, {@code test} and the
     * common aliases {@code validation}/{@code val}/{@code valid} for dev, case-insensitively.
     *
     * @return the split, or {@code null} when the label is not known
     */
    public static Split parse(String label) {
        if (label == null) {
            return null;
        }
        switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "train":
            case "training":
                return TRAIN;
            case "dev":
            case "val":
            case "valid":
            case "validation":
                return DEV;
            case "test":
                return TEST;
            default:
                return null;
        }
    }
}

package dev.finerouter.report;

/**
 * The pixel size of a chart.
 *
 * @param width width in pixels (> 0)
 * @param height height in pixels (> 0)
 */
record ChartSize(int width, int height) {
    /** The default: readable embedded in a README at 1×. */
    static final ChartSize DEFAULT = new ChartSize(1000, 640);

    /** Validates. */
    ChartSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("chart size must be positive, was " + width + "x" + height);
        }
    }
}

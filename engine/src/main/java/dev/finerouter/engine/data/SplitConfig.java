package dev.finerouter.engine.data;

/**
 * How to assign train/dev/test splits.
 *
 * @param seed seed of the shuffle
 * @param train share of prompts for training
 * @param dev share for tuning
 * @param test share for reporting
 * @param resplit ignore the splits the data carries and split everything anew
 */
public record SplitConfig(long seed, double train, double dev, double test, boolean resplit) {
    /** The default: seed 42, 80/10/10, keep the data's own splits. */
    public static final SplitConfig DEFAULT = new SplitConfig(42, 0.8, 0.1, 0.1, false);

    public SplitConfig {
        for (double share : new double[] {train, dev, test}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("split shares must be in [0,1], got " + train + "/" + dev + "/" + test);
            }
        }
        if (Math.abs(train + dev + test - 1.0) > 1e-6) {
            throw new IllegalArgumentException("split shares must add up to 1, got " + (train + dev + test));
        }
        if (train == 0) {
            throw new IllegalArgumentException("the train share must be > 0");
        }
    }
}

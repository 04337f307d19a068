package dev.finerouter.engine.train;

/**
 * Early stopping on a dev loss: remembers the best epoch and says when {@code patience} epochs in a row brought no
 * improvement. Without dev data every epoch counts as an improvement, so training runs all epochs and keeps the last.
 */
final class EarlyStopping {
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int sinceBest;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /**
     * Records an epoch's dev loss ({@code NaN} when there is no dev data).
     *
     * @return whether this epoch is the new best (keep a snapshot)
     */
    boolean record(int epoch, double devLoss) {
        if (Double.isNaN(devLoss) || devLoss < best) {
            best = Double.isNaN(devLoss) ? best : devLoss;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Whether to stop now. */
    boolean shouldStop() {
        return sinceBest >= patience;
    }

    /** The best dev loss so far (infinity before the first epoch or without dev data). */
    double best() {
        return best;
    }

    /** The epoch (0-based) of the kept snapshot. */
    int bestEpoch() {
        return bestEpoch;
    }
}

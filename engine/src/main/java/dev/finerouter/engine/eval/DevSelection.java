package dev.finerouter.engine.eval;

import java.util.function.Supplier;

/**
 * Early stopping on the dev split for the baselines that train by epochs (MLP, matrix factorisation): after each
 * epoch the router's dev Qual is measured; the best epoch's parameters are kept, and training stops once
 * {@code patience} epochs brought no improvement. Without dev prompts the last epoch is kept.
 */
final class DevSelection {
    private final int devSize;
    private final int patience;
    private double[] best;
    private double bestQual = Double.NEGATIVE_INFINITY;
    private int bestEpoch;

    /**
     * @param devSize number of dev prompts (0: no selection, keep the last epoch)
     * @param patience epochs without improvement before stopping
     * @param initial the parameters before training
     */
    DevSelection(int devSize, int patience, double[] initial) {
        this.devSize = devSize;
        this.patience = patience;
        this.best = initial.clone();
    }

    /**
     * Records the end of an epoch.
     *
     * @param epoch 1-based epoch number
     * @param params the current parameters (copied when they are the best so far)
     * @param devQual computes the dev Qual of the current parameters (not called without dev prompts)
     * @return whether to stop training
     */
    boolean afterEpoch(int epoch, double[] params, Supplier<Double> devQual) {
        if (devSize == 0) {
            best = params.clone();
            bestEpoch = epoch;
            return false;
        }
        double q = devQual.get();
        if (q > bestQual + 1e-12) {
            bestQual = q;
            best = params.clone();
            bestEpoch = epoch;
            return false;
        }
        return epoch - bestEpoch >= patience;
    }

    /** The kept parameters. */
    double[] best() {
        return best;
    }

    /** The epoch they come from (0 when no epoch ran). */
    int bestEpoch() {
        return bestEpoch;
    }
}

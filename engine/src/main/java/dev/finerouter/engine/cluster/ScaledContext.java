package dev.finerouter.engine.cluster;

import dev.finerouter.engine.pipeline.StageContext;

/**
 * Forwards everything to another context but maps progress fractions [0, 1] onto [from, to], so that the phases of
 * one run (kNN, then the clustering levels) fill one progress bar without going backwards.
 */
record ScaledContext(StageContext inner, double from, double to) implements StageContext {
    @Override
    public void progress(double fraction, String message) {
        inner.progress(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
    }

    @Override
    public boolean isCancelled() {
        return inner.isCancelled();
    }

    @Override
    public void log(String line) {
        inner.log(line);
    }

    @Override
    public long seed() {
        return inner.seed();
    }
}

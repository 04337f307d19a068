package dev.finerouter.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks peak used heap by polling {@link MemoryMXBean#getHeapMemoryUsage()} from a daemon thread every
 * {@code periodMillis}. Polling can miss a short spike between two samples (and "used" includes garbage not yet
 * collected), so the figure is an approximate high-water mark of the live + uncollected heap, good to tens of MB.
 */
public final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong intervalPeak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts sampling.
     *
     * @param periodMillis time between samples, ≥ 1
     */
    public HeapSampler(long periodMillis) {
        if (periodMillis < 1) {
            throw new IllegalArgumentException("periodMillis must be >= 1");
        }
        sample();
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
        intervalPeak.accumulateAndGet(used, Math::max);
    }

    /** The highest used heap seen so far, in bytes. */
    public long peakBytes() {
        sample();
        return peak.get();
    }

    /**
     * The highest used heap seen since the last call of this method (or since the start), in bytes; the next interval
     * starts from the heap used now. For per-stage high-water marks; {@link #peakBytes()} is unaffected.
     */
    public long takePeakBytes() {
        sample();
        return intervalPeak.getAndSet(memory.getHeapMemoryUsage().getUsed());
    }

    /** Stops the sampling thread. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

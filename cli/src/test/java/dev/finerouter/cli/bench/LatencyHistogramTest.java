package dev.finerouter.cli.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The soak benchmark's constant-memory latency histogram: percentiles within its 1% bucket width. */
class LatencyHistogramTest {
    @Test
    void percentilesAreWithinOnePercentOfTheExactOnes() {
        ServeSoakBenchmark.LatencyHistogram a = new ServeSoakBenchmark.LatencyHistogram();
        ServeSoakBenchmark.LatencyHistogram b = new ServeSoakBenchmark.LatencyHistogram();
        // 1..10,000 ms, split over two histograms that are then merged
        for (int i = 1; i <= 10_000; i++) {
            (i % 2 == 0 ? a : b).record(i * 1_000_000L);
        }
        a.add(b);
        assertEquals(10_000, a.total());
        assertEquals(5_000, a.percentileMillis(0.50), 5_000 * 0.011);
        assertEquals(9_500, a.percentileMillis(0.95), 9_500 * 0.011);
        assertEquals(9_900, a.percentileMillis(0.99), 9_900 * 0.011);
        assertEquals(10_000, a.maxMillis(), 1e-9);
        assertEquals(-1, new ServeSoakBenchmark.LatencyHistogram().percentileMillis(0.5));
    }

    @Test
    void subMicrosecondAndHugeLatenciesStayInRange() {
        ServeSoakBenchmark.LatencyHistogram h = new ServeSoakBenchmark.LatencyHistogram();
        h.record(10);
        h.record(Long.MAX_VALUE / 4);
        assertEquals(2, h.total());
        assertEquals(0.001, h.percentileMillis(0.5), 0.0001);
    }
}

package dev.finerouter.engine.bench;

import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The what-if benchmark's statistics and option checks (the timings themselves are never asserted). */
class WhatIfBenchmarkTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, WhatIfBenchmark.median(new double[]{3, 1, 2}));
        assertEquals(2.5, WhatIfBenchmark.median(new double[]{4, 1, 3, 2}));
    }

    @Test
    void p95IsTheNearestRank() {
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = 20 - i;
        }
        assertEquals(19.0, WhatIfBenchmark.percentile(twenty, 0.95));
        assertEquals(7.0, WhatIfBenchmark.percentile(new double[]{7}, 0.95));
    }

    @Test
    void timeRunsOneWarmUpAndTheRepetitions() throws Exception {
        List<Integer> calls = new ArrayList<>();
        WhatIfBenchmark.Timing t = WhatIfBenchmark.time("x", 3, StageContext.silent(1), i -> {
            calls.add(i);
            return i;
        });
        assertEquals(List.of(1, 0, 1, 2), calls);
        assertEquals(3, t.repetitions());
        assertEquals(3, t.millis().length);
    }

    @Test
    void optionsRejectTrainSplitAndOutOfRangeProbes() {
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TRAIN, 30, 5, 0.8, 0.2, 0.9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TEST, 0, 5, 0.8, 0.2, 0.9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TEST, 30, 5, 1.5, 0.2, 0.9, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WhatIfBenchmark.Options(Split.TEST, 30, 5, 0.8, 0.2, 0, 0.5));
    }
}

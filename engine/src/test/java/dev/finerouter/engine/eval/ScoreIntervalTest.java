package dev.finerouter.engine.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreIntervalTest {
    @Test
    void binaryScoresGetTheWilsonInterval() {
        // 8 of 10 correct: Wilson 95% = [0.4902, 0.9433]
        float[] s = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
        ScoreInterval i = ScoreInterval.of(s);
        assertTrue(i.binary());
        assertEquals(10, i.n());
        assertEquals(0.8, i.mean(), 1e-12);
        assertEquals(0.4902, i.low(), 1e-4);
        assertEquals(0.9433, i.high(), 1e-4);
        ScoreInterval all = ScoreInterval.of(new float[]{1, 1, 1, 1});
        assertEquals(1.0, all.high(), 1e-12);
        assertEquals(0.5101, all.low(), 1e-4, "all correct still has an interval below 1");
    }

    @Test
    void gradedScoresGetTheNormalIntervalAndMissingOnesAreSkipped() {
        ScoreInterval i = ScoreInterval.of(new float[]{0.2f, 0.4f, Float.NaN, 0.6f});
        assertFalse(i.binary());
        assertEquals(3, i.n());
        assertEquals(0.4, i.mean(), 1e-6);
        // s = 0.2, half width = 1.96 · 0.2 / √3 = 0.22632
        assertEquals(0.4 - 0.22632, i.low(), 1e-4);
        assertEquals(0.4 + 0.22632, i.high(), 1e-4);
        ScoreInterval none = ScoreInterval.of(new float[]{Float.NaN});
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()));
    }
}

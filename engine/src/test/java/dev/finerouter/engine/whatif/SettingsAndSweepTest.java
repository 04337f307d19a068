package dev.finerouter.engine.whatif;

import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The what-if building blocks that need no trained router: settings, which changes need retraining, grids, CSV. */
class SettingsAndSweepTest {
    @TempDir
    Path dir;

    @Test
    void paperSettingsAndWhichChangesNeedRetraining() {
        TuningSettings p = TuningSettings.PAPER;
        assertEquals(new TuningSettings(0.5, 0, 0.8, 0.4, 5, 3), p);
        assertFalse(p.withAlpha(1).withTolerance(1).withDelta(0.9).changesTasks(p));
        assertTrue(p.withTau(0.5).changesTasks(p));
        assertTrue(p.withLevels(1).changesTasks(p));
        assertFalse(p.withTau(0.5).changesGraph(p));
        assertTrue(p.withK(6).changesGraph(p));
        assertThrows(IllegalArgumentException.class, () -> p.withDelta(0));
        assertThrows(IllegalArgumentException.class, () -> p.withAlpha(1.5));
        assertThrows(IllegalArgumentException.class, () -> p.withK(0));
    }

    @Test
    void gridIsEvenAndIncludesBothEnds() {
        assertArrayEquals(new double[]{0, 0.25, 0.5, 0.75, 1}, Sweep.grid(Sweep.Knob.ALPHA, 0, 1, 5));
        assertArrayEquals(new double[]{0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, Sweep.grid(Sweep.Knob.DELTA, 0.5, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid(Sweep.Knob.ALPHA, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid(Sweep.Knob.ALPHA, 0.5, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid(Sweep.Knob.DELTA, 0, 1, 3));
    }

    @Test
    void sweepCsvHasAHeaderAndLeavesUnknownValuesEmpty() throws Exception {
        Sweep s = new Sweep(Sweep.Knob.TOLERANCE, WhatIfMetric.COST_PER_PROMPT, Split.TEST,
                List.of(new Sweep.Point(0, 0.5), new Sweep.Point(1, Double.NaN)));
        assertEquals("tolerance,cost per prompt\n0.0,0.5\n1.0,\n", s.toCsv());
        Path f = dir.resolve("out/sweep.csv");
        s.writeCsv(f);
        assertEquals(s.toCsv(), Files.readString(f));
    }
}

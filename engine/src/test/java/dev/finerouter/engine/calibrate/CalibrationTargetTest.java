package dev.finerouter.engine.calibrate;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTargetTest {
    private static final SplitOutcome OUT = new SplitOutcome(4, 0.7, 3.0, new double[]{0.25, 0.75});

    @Test
    void costCapIsMetAtTheBoundAndMissedAbove() {
        assertTrue(new CalibrationTarget.MaxCostPer1k(3).met(OUT));
        assertFalse(new CalibrationTarget.MaxCostPer1k(2.5).met(OUT));
        assertEquals(0.5, new CalibrationTarget.MaxCostPer1k(2.5).violation(OUT), 1e-12);
    }

    @Test
    void shareCapReadsTheModelsShare() {
        assertTrue(new CalibrationTarget.MaxShare("b", 1, 0.75).met(OUT));
        assertFalse(new CalibrationTarget.MaxShare("b", 1, 0.7).met(OUT));
        assertEquals(0.05, new CalibrationTarget.MaxShare("b", 1, 0.7).violation(OUT), 1e-12);
    }

    @Test
    void qualityFloorAndNaNQuality() {
        assertTrue(new CalibrationTarget.MinQuality(0.7).met(OUT));
        assertEquals(0.1, new CalibrationTarget.MinQuality(0.8).violation(OUT), 1e-12);
        SplitOutcome none = new SplitOutcome(1, Double.NaN, 0, new double[]{1, 0});
        assertFalse(new CalibrationTarget.MinQuality(0).met(none));
        assertEquals(Double.POSITIVE_INFINITY, new CalibrationTarget.MinQuality(0).violation(none));
    }

    @Test
    void secondaryObjectives() {
        SplitOutcome better = new SplitOutcome(4, 0.8, 3.0, new double[]{1, 0});
        SplitOutcome cheaper = new SplitOutcome(4, 0.7, 2.0, new double[]{1, 0});
        assertTrue(new CalibrationTarget.MaxCostPer1k(5).better(better, OUT), "caps prefer Qual");
        assertTrue(new CalibrationTarget.MaxCostPer1k(5).better(cheaper, OUT), "equal Qual: cheaper");
        assertTrue(new CalibrationTarget.MinQuality(0.5).better(cheaper, better), "floors prefer cost");
    }

    @Test
    void badTargetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CalibrationTarget.MaxCostPer1k(-1));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationTarget.MaxShare("a", 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationTarget.MinQuality(2));
        ModelPool pool = new ModelPool(List.of(ModelSpec.unpriced("a"), ModelSpec.unpriced("b")));
        assertEquals(1, CalibrationTarget.MaxShare.of(pool, "b", 0.2).modelIndex());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationTarget.MaxShare.of(pool, "z", 0.2));
        assertTrue(e.getMessage().contains("no model 'z'"), e.getMessage());
    }

    @Test
    void outcomeOfChoicesSkipsMissingScores() {
        double[][] costs = {{1, 4}, {1, 4}, {1, 4}, {1, 4}};
        float[][] scores = {{0.5f, 1f}, {0.5f, Float.NaN}, {0f, 1f}, {1f, 0f}};
        // choices 0, 1, 1, 0: cost (1 + 4 + 4 + 1) / 4 × 1000 = 2500; Qual (0.5 + 1 + 1) / 3 (prompt 2's score is missing)
        SplitOutcome o = PredictedSplit.outcome(new int[]{0, 1, 1, 0}, costs, scores);
        assertEquals(2500, o.costPer1k(), 1e-9);
        assertEquals(2.5 / 3, o.qual(), 1e-7);
        assertEquals(0.5, o.shareOf(0), 1e-12);
        assertEquals(4, o.prompts());
    }
}

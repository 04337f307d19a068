package dev.finerouter.engine.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedDifferenceTest {
    private static final double EPS = 1e-12;

    @Test
    void twoRoutingsOutcomesArePairedWhereBothAreKnown() {
        // d = 1 − 0, 0 − 0, (NaN skipped), 1 − 1, 0 − 1: mean 0, sd √(2/3), se √(2/3)/2
        PairedDifference d = PairedDifference.of(new float[] {1, 0, Float.NaN, 1, 0}, new float[] {0, 0, 1, 1, 1});
        assertEquals(4, d.n());
        assertEquals(0, d.mean(), EPS);
        assertEquals(Math.sqrt(2.0 / 3) / 2, d.se(), EPS);
        assertFalse(d.lost());
    }

    @Test
    void nothingPairedIsNone() {
        PairedDifference none = PairedDifference.of(new float[] {Float.NaN, 1}, new float[] {1, Float.NaN});
        assertSame(PairedDifference.NONE, none);
        assertTrue(Double.isNaN(none.mean()));
        assertTrue(Double.isNaN(none.se()));
        assertFalse(none.lost(), "no prompts, no loss");
    }

    @Test
    void aLossNeedsTheMeanBelowZeroByMoreThanOneStandardError() {
        // d = −1, −1, 0, 0 over the accepted indices 0..3: mean −0.5, se √(1/3)/2 ≈ 0.289
        float[] a = {0, 0, 1, 1, 1, 1};
        float[] b = {1, 1, 1, 1, 0, 0};
        PairedDifference first = PairedDifference.of(6, i -> a[i], i -> b[i], i -> i < 4);
        assertEquals(-0.5, first.mean(), EPS);
        assertEquals(Math.sqrt(1.0 / 3) / 2, first.se(), EPS);
        assertTrue(first.lost());
        // d = −1, 0, 0, 0: mean −0.25, se 0.25: mean + se = 0 is not below zero
        float[] c = {0, 1, 1, 1};
        float[] e = {1, 1, 1, 1};
        PairedDifference level = PairedDifference.of(c, e);
        assertEquals(-0.25, level.mean(), EPS);
        assertEquals(0.25, level.se(), EPS);
        assertFalse(level.lost());
        // one prompt: its difference, no spread
        PairedDifference one = PairedDifference.of(new float[] {0.25f}, new float[] {1});
        assertEquals(-0.75, one.mean(), EPS);
        assertEquals(0, one.se(), EPS);
        assertTrue(one.lost(), "a single prompt's loss has no spread to hide in");
    }

    @Test
    void aDifferenceIsToldFromNoiseBeyondTwoStandardErrorsAndPrintsOnTheQualScale() {
        assertTrue(new PairedDifference(0.05, 0.02, 100).beyondTwoStandardErrors());
        assertTrue(new PairedDifference(-0.05, 0.02, 100).beyondTwoStandardErrors(), "either sign");
        assertFalse(new PairedDifference(0.04, 0.02, 100).beyondTwoStandardErrors(), "exactly two is not beyond");
        assertFalse(new PairedDifference(0, 0, 100).beyondTwoStandardErrors(), "the same outcome everywhere is no difference");
        assertFalse(new PairedDifference(0.5, 0, 1).beyondTwoStandardErrors(), "one prompt has no spread to judge by");
        assertFalse(PairedDifference.NONE.beyondTwoStandardErrors());
        assertEquals("+5.57 ± 1.35", new PairedDifference(0.0557, 0.0135, 610).formatted());
        assertEquals("-0.28 ± 1.33", new PairedDifference(-0.0028, 0.0133, 361).formatted());
        assertEquals("–", PairedDifference.NONE.formatted());
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> PairedDifference.of(new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new PairedDifference(0, 0, -1));
    }
}

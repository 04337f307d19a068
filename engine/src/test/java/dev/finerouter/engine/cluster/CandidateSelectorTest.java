package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finerouter.engine.graph.PreferenceRanking;
import org.junit.jupiter.api.Test;

class CandidateSelectorTest {
    private static final float NAN = Float.NaN;

    /** Prompts whose top models are 0, 0, 1, 1, 2 (and one prompt with no known score). */
    private static final PreferenceRanking[] RANKINGS = {
        PreferenceRanking.ofScores(new float[] {0.9f, 0.1f, 0.1f}),
        PreferenceRanking.ofScores(new float[] {0.9f, 0.5f, 0.1f}),
        PreferenceRanking.ofScores(new float[] {0.2f, 0.8f, 0.1f}),
        PreferenceRanking.ofScores(new float[] {NAN, 0.8f, 0.1f}),
        PreferenceRanking.ofScores(new float[] {0.2f, 0.3f, 0.7f}),
        PreferenceRanking.ofScores(new float[] {NAN, NAN, NAN}),
    };
    private static final PreferenceRanking FUSED = PreferenceRanking.of(new int[] {1, 0, 2}, 3);

    @Test
    void addsInFusedOrderUntilDelta() {
        // 5 prompts with a known top (the all-NaN prompt is left out): add 1 → 2/5 = .4; add 0 → 4/5 = .8 ≥ .8 stop
        CandidateSelection s = new CandidateSelector(0.8).select(RANKINGS, new int[] {0, 1, 2, 3, 4, 5}, FUSED);
        assertArrayEquals(new int[] {1, 0}, s.candidates());
        assertArrayEquals(new double[] {0.4, 0.8}, s.coverageSteps(), 1e-15);
        assertEquals(0.8, s.finalCoverage(), 1e-15);
    }

    @Test
    void higherDeltaNeedsAllModels() {
        // δ = .81: .4, .8, then model 2 → 5/5 = 1
        CandidateSelection s = new CandidateSelector(0.81).select(RANKINGS, new int[] {0, 1, 2, 3, 4}, FUSED);
        assertArrayEquals(new int[] {1, 0, 2}, s.candidates());
        assertArrayEquals(new double[] {0.4, 0.8, 1.0}, s.coverageSteps(), 1e-15);
    }

    @Test
    void singleModelCanSuffice() {
        // members {2, 3}: both tops are model 1 → coverage 1 after the first candidate
        CandidateSelection s = new CandidateSelector(0.8).select(RANKINGS, new int[] {2, 3}, FUSED);
        assertArrayEquals(new int[] {1}, s.candidates());
        assertArrayEquals(new double[] {1.0}, s.coverageSteps(), 0);
    }

    @Test
    void fusedModelThatIsNobodysTopAddsNoCoverage() {
        // members {0, 4}: tops 0 and 2; fused [1,0,2]: 1 → 0, 0 → .5, 2 → 1
        CandidateSelection s = new CandidateSelector(0.8).select(RANKINGS, new int[] {0, 4}, FUSED);
        assertArrayEquals(new int[] {1, 0, 2}, s.candidates());
        assertArrayEquals(new double[] {0.0, 0.5, 1.0}, s.coverageSteps(), 0);
    }

    @Test
    void noKnownScoresGivesTopFusedModelWithNaN() {
        CandidateSelection s = new CandidateSelector(0.8).select(RANKINGS, new int[] {5}, FUSED);
        assertArrayEquals(new int[] {1}, s.candidates());
        assertEquals(Double.NaN, s.finalCoverage());
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> new CandidateSelector(0));
        assertThrows(IllegalArgumentException.class, () -> new CandidateSelector(1.5));
        assertThrows(IllegalArgumentException.class, () -> new CandidateSelection(new int[0], new double[0]));
    }
}

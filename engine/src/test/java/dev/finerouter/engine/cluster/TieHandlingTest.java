package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.PreferenceRanking;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With 0/1 scores most prompts have ties; the model index inside a tie must not decide anything. */
class TieHandlingTest {
    private static final float NAN = Float.NaN;

    @Test
    void tiedModelsShareTheirGroupsMeanRank() {
        // scores: m0 = 1, m1 = 0, m2 = 1, m3 = missing -> order [0, 2, 1, 3]; m0, m2 share positions 1-2
        PreferenceRanking r = PreferenceRanking.ofScores(new float[] {1f, 0f, 1f, NAN});
        assertEquals(1.5, r.fractionalRank(0));
        assertEquals(1.5, r.fractionalRank(2));
        assertEquals(3.0, r.fractionalRank(1));
        assertEquals(4.0, r.fractionalRank(3));
        assertTrue(r.isTiedTop(0));
        assertTrue(r.isTiedTop(2));
        assertFalse(r.isTiedTop(1));
        PreferenceRanking allMissing = PreferenceRanking.ofScores(new float[] {NAN, NAN});
        assertEquals(1.5, allMissing.fractionalRank(1));
        assertFalse(allMissing.isTiedTop(0), "no known score, no top");
    }

    @Test
    void fusionGivesTiedModelsEqualCredit() {
        // prompt A: all three models tie (score 1); prompt B: m2 alone is best.
        // MRR(m) with ε = 60: A gives every model 1/(2 + 60); B gives m2 1/61, m0 1/(2.5 + 60), m1 1/(2.5 + 60) (m0, m1 tie at 0)
        PreferenceRanking a = PreferenceRanking.ofScores(new float[] {1f, 1f, 1f});
        PreferenceRanking b = PreferenceRanking.ofScores(new float[] {0f, 0f, 1f});
        FusedRanking f = new RankFusion(60).fuse(new PreferenceRanking[] {a, b}, new int[] {0, 1});
        double tiedAll = 1.0 / 62;
        assertEquals((tiedAll + 1.0 / 62.5) / 2, f.mrr()[0], 1e-12);
        assertEquals(f.mrr()[0], f.mrr()[1], 1e-15, "m0 and m1 are never ahead of each other");
        assertEquals((tiedAll + 1.0 / 61) / 2, f.mrr()[2], 1e-12);
        assertEquals(2, f.ranking().top());
    }

    @Test
    void aPromptIsCoveredByAnyModelSharingItsBestScore() {
        // three prompts: {m0, m1 tie best}, {m1 best}, {m2 best}; fused order [1, 2, 0]
        PreferenceRanking[] rankings = {
            PreferenceRanking.ofScores(new float[] {1f, 1f, 0f}),
            PreferenceRanking.ofScores(new float[] {0f, 1f, 0f}),
            PreferenceRanking.ofScores(new float[] {0f, 0f, 1f}),
        };
        PreferenceRanking fused = PreferenceRanking.of(new int[] {1, 2, 0}, 3);
        CandidateSelection s = new CandidateSelector(0.6).select(rankings, new int[] {0, 1, 2}, fused);
        // m1 covers prompts 0 and 1 -> 2/3 >= 0.6
        assertArrayEquals(new int[] {1}, s.candidates());
        assertArrayEquals(new double[] {2.0 / 3}, s.coverageSteps(), 1e-12);
    }

    @Test
    void promptsThatPreferNoModelDoNotCountTowardsCoverage() {
        assertFalse(PreferenceRanking.ofScores(new float[] {1f, 1f, 1f}).isInformative(), "every model solves it");
        assertFalse(PreferenceRanking.ofScores(new float[] {0f, 0f, NAN}).isInformative(), "every known model fails it");
        assertTrue(PreferenceRanking.ofScores(new float[] {1f, 0f, NAN}).isInformative());
        // prompts: {all solve}, {m2 best}, {m2 best}, {m0 best}; fused order [2, 0, 1]; δ = 0.6
        // informative prompts: 3; m2 covers 2 of them = 0.667 >= 0.6 -> one candidate
        // (counting the all-solve prompt, m2 would cover 3/4 too, but with δ = 0.8 the difference shows:)
        PreferenceRanking[] rankings = {
            PreferenceRanking.ofScores(new float[] {1f, 1f, 1f}),
            PreferenceRanking.ofScores(new float[] {0f, 0f, 1f}),
            PreferenceRanking.ofScores(new float[] {0f, 0f, 1f}),
            PreferenceRanking.ofScores(new float[] {1f, 0f, 0f}),
        };
        PreferenceRanking fused = PreferenceRanking.of(new int[] {2, 0, 1}, 3);
        CandidateSelection s = new CandidateSelector(0.8).select(rankings, new int[] {0, 1, 2, 3}, fused);
        // counting the uninformative prompt, m2 alone would reach 3/4 < 0.8 and m0 would then be added with 4/4;
        // without it, m2 covers 2/3 < 0.8 and m0 brings 3/3: the same list, but the coverage steps differ
        assertArrayEquals(new int[] {2, 0}, s.candidates());
        assertArrayEquals(new double[] {2.0 / 3, 1.0}, s.coverageSteps(), 1e-12);
    }
}

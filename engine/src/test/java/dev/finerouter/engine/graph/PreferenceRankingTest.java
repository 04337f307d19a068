package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.finerouter.engine.model.ScoreMatrix;
import org.junit.jupiter.api.Test;

class PreferenceRankingTest {
    private static final float NAN = Float.NaN;

    @Test
    void sortsByScoreDescendingTiesByIndexMissingLast() {
        PreferenceRanking r = PreferenceRanking.ofScores(new float[] {0.2f, NAN, 0.9f, 0.2f, NAN});
        assertArrayEquals(new int[] {2, 0, 3, 1, 4}, r.toArray());
        assertEquals(3, r.knownCount());
        assertEquals(2, r.top());
        assertEquals(1, r.rankOf(2));
        assertEquals(2, r.rankOf(0));
        assertEquals(3, r.rankOf(3));
        assertEquals(5, r.rankOf(4));
    }

    @Test
    void allMissingHasNoKnownTop() {
        PreferenceRanking r = PreferenceRanking.ofScores(new float[] {NAN, NAN, NAN});
        assertArrayEquals(new int[] {0, 1, 2}, r.toArray());
        assertFalse(r.hasKnownTop());
        assertTrue(PreferenceRanking.ofScores(new float[] {NAN, 0f}).hasKnownTop());
    }

    @Test
    void allTiedKeepsIndexOrder() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, PreferenceRanking.ofScores(new float[] {1, 1, 1, 1}).toArray());
    }

    @Test
    void ofValuesForFusedRankings() {
        PreferenceRanking r = PreferenceRanking.ofValues(new double[] {0.1, 0.3, 0.3, 0.2});
        assertArrayEquals(new int[] {1, 2, 3, 0}, r.toArray());
        assertEquals(4, r.knownCount());
        assertThrows(IllegalArgumentException.class, () -> PreferenceRanking.ofValues(new double[] {Double.NaN}));
    }

    @Test
    void ofRowsOfAScoreMatrix() {
        ScoreMatrix s = ScoreMatrix.ofRows(new float[] {0.1f, 0.9f}, new float[] {NAN, 0.5f});
        PreferenceRanking[] r = PreferenceRanking.ofRows(s);
        assertArrayEquals(new int[] {1, 0}, r[0].toArray());
        assertArrayEquals(new int[] {1, 0}, r[1].toArray());
        assertEquals(1, r[1].knownCount());
    }

    @Test
    void ofValidatesPermutation() {
        assertThrows(IllegalArgumentException.class, () -> PreferenceRanking.of(new int[] {0, 0}, 2));
        assertThrows(IllegalArgumentException.class, () -> PreferenceRanking.of(new int[] {0, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> PreferenceRanking.of(new int[] {0, 1}, 3));
        assertEquals(PreferenceRanking.of(new int[] {1, 0}, 2), PreferenceRanking.ofScores(new float[] {0f, 1f}));
    }

    @Test
    void isImmutable() {
        int[] order = {1, 0};
        PreferenceRanking r = PreferenceRanking.of(order, 2);
        order[0] = 0;
        r.toArray()[0] = 0;
        assertEquals(1, r.top());
    }
}

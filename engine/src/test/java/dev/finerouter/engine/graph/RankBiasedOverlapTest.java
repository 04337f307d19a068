package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed RBO_ext values. Formula: RBO = (X_k/k)·p^k + ((1−p)/p)·Σ_{d=1..k} (X_d/d)·p^d.
 * With p = 0.9: (1−p)/p = 1/9, p = 0.9, p² = 0.81, p³ = 0.729.
 */
class RankBiasedOverlapTest {
    private static final double EPS = 1e-12;
    private final RankBiasedOverlap rbo09 = new RankBiasedOverlap(0.9);

    @Test
    void identicalListsScoreOne() {
        // X_d/d = 1 for d = 1..3: 0.729 + (0.9 + 0.81 + 0.729)/9 = 0.729 + 0.271 = 1
        assertEquals(1.0, rbo09.similarity(new int[] {0, 1, 2}, new int[] {0, 1, 2}), EPS);
        assertEquals(1.0, new RankBiasedOverlap(0.3).similarity(new int[] {4, 2, 7, 1}, new int[] {4, 2, 7, 1}), EPS);
    }

    @Test
    void swappedTopTwo() {
        // d=1: X=0 → 0; d=2: X=2 → 1·0.81; d=3: X=3 → 1·0.729
        // 0.729 + (0 + 0.81 + 0.729)/9 = 0.729 + 0.171 = 0.9
        assertEquals(0.9, rbo09.similarity(new int[] {0, 1, 2}, new int[] {1, 0, 2}), EPS);
    }

    @Test
    void reversedList() {
        // [0,1,2] vs [2,1,0]: d=1: X=0; d=2: X=1 → 0.5·0.81 = 0.405; d=3: X=3 → 0.729
        // 0.729 + (0.405 + 0.729)/9 = 0.729 + 0.126 = 0.855
        assertEquals(0.855, rbo09.similarity(new int[] {0, 1, 2}, new int[] {2, 1, 0}), EPS);
    }

    @Test
    void otherPersistence() {
        // p = 0.5, [0,1] vs [1,0]: (1−p)/p = 1; d=1: 0; d=2: X=2 → 1·0.25; tail 1·0.25 → 0.5
        assertEquals(0.5, new RankBiasedOverlap(0.5).similarity(new int[] {0, 1}, new int[] {1, 0}), EPS);
    }

    @Test
    void lengthOne() {
        // same element: p + ((1−p)/p)·p = 0.9 + 0.1 = 1; different element: X = 0 everywhere → 0
        assertEquals(1.0, rbo09.similarity(new int[] {3}, new int[] {3}), EPS);
        assertEquals(0.0, rbo09.similarity(new int[] {3}, new int[] {4}), EPS);
    }

    @Test
    void disjointListsScoreZero() {
        assertEquals(0.0, rbo09.similarity(new int[] {0, 1, 2}, new int[] {3, 4, 5}), EPS);
    }

    @Test
    void partialOverlapOfDifferentElements() {
        // [0,1] vs [1,5]: d=1: X=0; d=2: X=1 → 0.5·0.81 = 0.405; tail (1/2)·0.81 = 0.405
        // 0.405 + 0.405/9 = 0.405 + 0.045 = 0.45
        assertEquals(0.45, rbo09.similarity(new int[] {0, 1}, new int[] {1, 5}), EPS);
    }

    @Test
    void tiesFollowTheRankingRule() {
        // scores {0.5, 0.5, 0.2} → [0,1,2] (tie by index); {0.5, 0.2, 0.5} → [0,2,1]
        // d=1: X=1 → 0.9; d=2: X=1 → 0.5·0.81 = 0.405; d=3: X=3 → 0.729
        // 0.729 + (0.9 + 0.405 + 0.729)/9 = 0.729 + 2.034/9 = 0.729 + 0.226 = 0.955
        PreferenceRanking a = PreferenceRanking.ofScores(new float[] {0.5f, 0.5f, 0.2f});
        PreferenceRanking b = PreferenceRanking.ofScores(new float[] {0.5f, 0.2f, 0.5f});
        assertEquals(0.955, rbo09.similarity(a, b), EPS);
    }

    @Test
    void symmetric() {
        int[] a = {3, 0, 4, 1, 2};
        int[] b = {1, 3, 2, 0, 4};
        assertEquals(rbo09.similarity(a, b), rbo09.similarity(b, a), EPS);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> rbo09.similarity(new int[] {0, 1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> rbo09.similarity(new int[0], new int[0]));
        assertThrows(IllegalArgumentException.class, () -> rbo09.similarity(new int[] {0, 0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> rbo09.similarity(new int[] {-1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new RankBiasedOverlap(1.0));
        assertThrows(IllegalArgumentException.class, () -> new RankBiasedOverlap(0.0));
    }
}

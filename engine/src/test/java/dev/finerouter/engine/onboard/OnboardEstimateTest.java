package dev.finerouter.engine.onboard;

import dev.finerouter.engine.route.RouterMemory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The onboarding estimators on examples small enough to compute by hand. */
class OnboardEstimateTest {
    private static final float N = Float.NaN;

    @Test
    void theGeneralMeanIsPostStratifiedByGroupShare() {
        // groups of sizes 2, 3, 1; scored means 1, 0, 1 → (2·1 + 3·0 + 1·1) / 6
        assertEquals(0.5, OnboardEstimate.stratifiedMean(new float[]{1, N, 0, N, N, 1}, new int[]{0, 0, 1, 1, 1, 2}, 3), 1e-12);
        // group 2 unscored: it leaves the weights → (2·1 + 3·0) / 5, where the plain mean of the scores would be 0.5
        assertEquals(0.4, OnboardEstimate.stratifiedMean(new float[]{1, N, 0, N, N, N}, new int[]{0, 0, 1, 1, 1, 2}, 3), 1e-12);
        assertTrue(Double.isNaN(OnboardEstimate.stratifiedMean(new float[]{N, N}, new int[]{0, 1}, 2)));
    }

    @Test
    void shrinkageMovesTowardThePoolMeanWithKappaPseudoPrompts() {
        assertEquals((4 * 0.4 + 10 * 0.5) / 14, OnboardEstimate.shrink(0.4, 4, 0.5, 10), 1e-12);
        assertEquals(0.5, OnboardEstimate.shrink(Double.NaN, 0, 0.5, 10), 0);
        assertEquals(0.4, OnboardEstimate.shrink(0.4, 4, 0.5, 0), 1e-12);
    }

    @Test
    void theLogitOffsetMovesTheDonorToTheShrunkMean() {
        // donor says 0.5 on two prompts the new model gets right; κ = 2 → target (2·1 + 2·0.5) / 4 = 0.75 = sigmoid(ln 3)
        assertEquals(Math.log(3), OnboardEstimate.logitOffset(new float[]{0.5f, 0.5f}, new float[]{1, 1}, 2), 1e-9);
        // without shrinkage and equal means there is nothing to move
        assertEquals(0, OnboardEstimate.logitOffset(new float[]{0.2f, 0.8f}, new float[]{0, 1}, 0), 1e-6);
        assertEquals(0, OnboardEstimate.logitOffset(new float[0], new float[0], 10), 0);
    }

    @Test
    void theDonorAgreesMostOnSharedPrompts() {
        float[] e = new float[3 * 2];
        e[0] = 1;
        e[3] = 1;
        e[4] = 1;
        // 3 prompts × 3 models; the new model scored prompts 0 and 1 with 1, 0
        float[] s = {
                0, 1, 1,
                1, 0, N,
                1, 1, 1};
        RouterMemory memory = new RouterMemory(e, 3, 2, s, 3);
        OnboardEstimate.Donor d = OnboardEstimate.donor(memory, new float[]{1, 0, N}, new float[]{0.7f, 0.7f, 1}, 0.5f);
        // model 0: ((0−1)² + (1−0)²) / 2 = 1; model 1: 0; model 2: (1−1)² / 1 = 0 on one prompt → the tie goes to model 1
        assertEquals(1, d.model());
        assertEquals(0, d.mse(), 0);
        assertEquals(2, d.overlap());
        // no shared prompt: the model whose g is nearest
        OnboardEstimate.Donor none = OnboardEstimate.donor(new RouterMemory(e, 3, 2, new float[]{N, N, N, N, N, N, N, N, N}, 3),
                new float[]{1, 0, N}, new float[]{0.2f, 0.45f, 0.9f}, 0.5f);
        assertEquals(1, none.model());
        assertTrue(Double.isNaN(none.mse()));
    }
}

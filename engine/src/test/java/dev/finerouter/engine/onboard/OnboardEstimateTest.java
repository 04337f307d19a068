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

    @Test
    void pairedDifferencesCancelThePromptsDifficulty() {
        float[] e = new float[4 * 2];
        for (int i = 0; i < 4; i++) {
            e[i * 2] = 1;
        }
        // 4 prompts × 2 models; the new model is scored on prompts 0–2
        float[] s = {
                1, 0,
                0, 0,
                1, 1,
                1, N};
        RouterMemory memory = new RouterMemory(e, 4, 2, s, 2);
        float[] column = {1, 1, 0, N};
        // against model 0: d = 0, 1, −1 → mean 0, sample variance (0 + 1 + 1) / 2 = 1, reference mean 2/3
        OnboardEstimate.Paired p = OnboardEstimate.Paired.of(column, memory, 0);
        assertEquals(3, p.count());
        assertEquals(0, p.mean(), 1e-12);
        assertEquals(1, p.variance(), 1e-12);
        assertEquals(3, p.effectiveCount(), 1e-12);
        assertEquals(2 / 3.0, p.referenceMean(), 1e-6);
        assertEquals(1, p.differences()[1], 0);
        assertTrue(Float.isNaN(p.differences()[3]));
        // weighted by task 1 of 2 with probabilities 1, 0.5, 0 (prompt 3 is unscored): W = 1.5, mean (0 + 0.5) / 1.5,
        // n_eff = 1.5² / 1.25; the variance stays the unweighted one
        float[] probabilities = {0, 1, 0, 0.5f, 0, 0, 0, 1};
        OnboardEstimate.Paired w = OnboardEstimate.Paired.of(column, memory, 0, probabilities, 2, 1);
        assertEquals(1.5, w.weight(), 1e-12);
        assertEquals(1 / 3.0, w.mean(), 1e-9);
        assertEquals(1.8, w.effectiveCount(), 1e-9);
        assertEquals(1, w.variance(), 1e-12);
        // one pair only: the variance is the conservative 1/4
        assertEquals(0.25, OnboardEstimate.Paired.of(new float[]{1, N, N, N}, memory, 1).variance(), 0);
    }

    @Test
    void theLogitOffsetReachesAGivenTarget() {
        assertEquals(Math.log(3), OnboardEstimate.logitOffsetTo(new float[]{0.5f, 0.5f}, 0.75), 1e-9);
        // targets are clamped to [0.001, 0.999], so a target of 1 stays finite
        assertEquals(Math.log(999), OnboardEstimate.logitOffsetTo(new float[]{0.5f}, 1.0), 1e-6);
        assertEquals(0, OnboardEstimate.logitOffsetTo(new float[0], 0.3), 0);
    }

    @Test
    void argmaxKeepsTheLowerIndexOnTies() {
        assertEquals(1, OnboardEstimate.argmax(new float[]{0.2f, 0.5f, 0.5f}));
        assertEquals(1, OnboardEstimate.argmax(new float[]{N, 0.1f}));
    }
}

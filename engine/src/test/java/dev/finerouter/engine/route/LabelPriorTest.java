package dev.finerouter.engine.route;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data labels' prior by hand: softmax probabilities, the probability-weighted label means, the fit. */
class LabelPriorTest {
    private static final double EPS = 1e-6;

    /** Two labels in 2-d: W = [[1, −1], [0, 2]], bias [0.5, 0]; means a = (0.2, 0.8), b = (0.9, 0.1). */
    private static LabelPrior twoLabels() {
        return new LabelPrior(List.of("a", "b"), 2, new float[] {1, -1, 0, 2, 0.5f, 0}, new float[][] {{0.2f, 0.8f}, {0.9f, 0.1f}});
    }

    @Test
    void probabilitiesAreTheSoftmaxOfTheLinearScores() {
        float[] p = twoLabels().probabilities(new float[] {1, 0, 0, 1}, 2);
        // x = (1, 0): z = (1 + 0.5, −1) → p_a = 1 / (1 + e^−2.5); x = (0, 1): z = (0.5, 2) → p_a = 1 / (1 + e^1.5)
        assertEquals(1 / (1 + Math.exp(-2.5)), p[0], EPS);
        assertEquals(1 - p[0], p[1], EPS);
        assertEquals(1 / (1 + Math.exp(1.5)), p[2], EPS);
        assertEquals(1 - p[2], p[3], EPS);
        assertThrows(IllegalArgumentException.class, () -> twoLabels().probabilities(new float[3], 2));
    }

    @Test
    void priorIsTheProbabilityWeightedLabelMean() {
        double[] prior = twoLabels().prior(new float[] {9, 0.25f, 0.75f}, 1);
        assertEquals(0.25 * 0.2 + 0.75 * 0.9, prior[0], EPS);
        assertEquals(0.25 * 0.8 + 0.75 * 0.1, prior[1], EPS);
    }

    @Test
    void aNewModelGetsOneMoreColumnOfLabelMeans() {
        LabelPrior wider = twoLabels().withModel(new float[] {0.4f, 0.6f});
        assertEquals(3, wider.models());
        assertArrayEquals(new float[] {0.2f, 0.8f, 0.4f}, wider.labelMean()[0], 0f);
        assertArrayEquals(new float[] {0.9f, 0.1f, 0.6f}, wider.labelMean()[1], 0f);
        assertArrayEquals(twoLabels().weights(), wider.weights(), 0f);
        assertThrows(IllegalArgumentException.class, () -> twoLabels().withModel(new float[3]));
    }

    @Test
    void invalidShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LabelPrior(List.of("a"), 2, new float[3], new float[][] {{0}}));
        assertThrows(IllegalArgumentException.class, () -> new LabelPrior(List.of("a", "b"), 2, new float[5], new float[][] {{0}, {0}}));
        assertThrows(IllegalArgumentException.class, () -> new LabelPrior(List.of("a", "b"), 2, new float[6], new float[][] {{0}, {0, 1}}));
    }

    @Test
    void labelSumsSkipMissingScoresAndUnlabelledPrompts() {
        float[] e = new float[4 * 2];
        float[] s = {1, 0, Float.NaN, 1, 0, 0, 1, 1};
        double[][][] sums = LabelPrior.labelSums(new RouterMemory(e, 4, 2, s, 2), new int[] {0, 0, 1, -1}, 2);
        assertArrayEquals(new double[] {1, 1}, sums[0][0], 0);
        assertArrayEquals(new double[] {1, 2}, sums[1][0], 0, "prompt 1 has no score for model 0");
        assertArrayEquals(new double[] {0, 0}, sums[0][1], 0);
        assertArrayEquals(new double[] {1, 1}, sums[1][1], 0, "the unlabelled prompt 3 is left out");
    }

    /** 2-d points around (1, 0) labelled 0 and around (0, 1) labelled 1, with seeded jitter. */
    private static float[] clusters(int perLabel, int[] labelOf) {
        SplittableRandom r = new SplittableRandom(3);
        float[] e = new float[2 * perLabel * 2];
        for (int i = 0; i < 2 * perLabel; i++) {
            int l = i % 2;
            labelOf[i] = l;
            e[i * 2] = (float) ((l == 0 ? 1 : 0) + 0.2 * (r.nextDouble() - 0.5));
            e[i * 2 + 1] = (float) ((l == 1 ? 1 : 0) + 0.2 * (r.nextDouble() - 0.5));
        }
        return e;
    }

    @Test
    void theFitSeparatesSeparableLabelsAndTheSameSeedGivesTheSameWeights() {
        int[] labelOf = new int[200];
        float[] e = clusters(100, labelOf);
        int[] rows = java.util.stream.IntStream.range(0, 200).toArray();
        float[] w = LabelPrior.fitWeights(e, 2, rows, labelOf, 2, 7);
        float[][] means = {{1, 0}, {0, 1}};
        float[] p = new LabelPrior(List.of("x", "y"), 2, w, means).probabilities(e, 200);
        for (int i = 0; i < 200; i++) {
            assertTrue(p[i * 2 + labelOf[i]] > 0.6, "prompt " + i + " is given its own label: " + p[i * 2 + labelOf[i]]);
        }
        assertArrayEquals(w, LabelPrior.fitWeights(e, 2, rows, labelOf, 2, 7), 0f);
        assertFalse(java.util.Arrays.equals(w, LabelPrior.fitWeights(e, 2, rows, labelOf, 2, 8)), "the seed orders the mini-batches");
        int[] unlabelled = labelOf.clone();
        java.util.Arrays.fill(unlabelled, 100, 200, -1);
        float[] fromHalf = LabelPrior.fitWeights(e, 2, rows, unlabelled, 2, 7);
        assertArrayEquals(fromHalf, LabelPrior.fitWeights(e, 2, java.util.stream.IntStream.range(0, 100).toArray(), labelOf, 2, 7), 0f,
                "unlabelled prompts are left out of the fit");
    }
}

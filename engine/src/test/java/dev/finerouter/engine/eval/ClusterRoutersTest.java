package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterRoutersTest {
    private static final float N = EvalFixtures.N;

    /** Prompts with their split, embedding and scores, collected in order and built with {@link EvalFixtures#build}. */
    private static final class Builder {
        private final List<float[]> scores = new ArrayList<>();
        private final List<float[]> emb = new ArrayList<>();
        private final List<Split> splits = new ArrayList<>();

        Builder add(Split split, float[] embedding, float... score) {
            splits.add(split);
            emb.add(embedding);
            scores.add(score);
            return this;
        }

        EvaluationData build(double... prices) {
            List<ModelSpec> models = new ArrayList<>();
            for (int j = 0; j < prices.length; j++) {
                models.add(new ModelSpec("m" + j, null, prices[j], null, null));
            }
            String[] labels = new String[scores.size()];
            java.util.Arrays.fill(labels, "bench");
            return EvalFixtures.build(scores.toArray(new float[0][]), labels, splits.toArray(new Split[0]),
                    emb.toArray(new float[0][]), models);
        }
    }

    /** Group 0 near (1, 0), group 1 near (0, 1); {@code i} makes members slightly different. */
    private static float[] near(int group, int i) {
        float jitter = 0.01f * i;
        return group == 0 ? new float[]{1, jitter} : new float[]{jitter, 1};
    }

    /**
     * Two groups of prompts around two directions in 8 dimensions (120 train, 30 dev, 50 test per group). Models
     * cost 1, 2, 4: in group 0 the expensive model 2 is right, in group 1 model 1; the cheap model 0 is mostly
     * wrong.
     */
    private static EvaluationData pricedTwoGroups(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Builder b = new Builder();
        for (int i = 0; i < 400; i++) {
            int g = i % 2;
            float[] e = new float[8];
            for (int k = 0; k < 8; k++) {
                e[k] = (float) (0.3 * (random.nextDouble() - 0.5));
            }
            e[g] += 1;
            int good = g == 0 ? 2 : 1;
            float[] s = new float[3];
            for (int j = 0; j < 3; j++) {
                s[j] = random.nextDouble() < (j == good ? 0.9 : 0.15) ? 1 : 0;
            }
            b.add(i < 240 ? Split.TRAIN : i < 300 ? Split.DEV : Split.TEST, e, s);
        }
        return b.build(1, 2, 4);
    }

    private static void assertGroupsRouted(EvaluationSplit s, int[] chosen, int even, int odd, String what) {
        for (int i = 0; i < chosen.length; i++) {
            assertEquals(s.row(i) % 2 == 0 ? even : odd, chosen[i], what + ": prompt " + s.row(i));
        }
    }

    @Test
    void bothRoutersSeparateTwoClearGroups() {
        EvaluationData data = EvalFixtures.twoGroups(5);
        EvaluationSplit s = data.split(Split.TEST);
        assertGroupsRouted(s, AvengersProRouter.fit(data, 7).route(s, 0), 0, 2, "Avengers-Pro");
        assertGroupsRouted(s, HierShrinkRouter.fit(data, 7).route(s, 0), 0, 2, "HierShrink");
    }

    @Test
    void qualityAtZeroToleranceAndTheCheapestModelAtOne() {
        EvaluationData data = pricedTwoGroups(3);
        EvaluationSplit s = data.split(Split.TEST);
        AvengersProRouter avengers = AvengersProRouter.fit(data, 7);
        HierShrinkRouter hier = HierShrinkRouter.fit(data, 7);
        assertGroupsRouted(s, avengers.route(s, 0), 2, 1, "Avengers-Pro λ = 0");
        assertGroupsRouted(s, hier.route(s, 0), 2, 1, "HierShrink λ = 0");
        assertGroupsRouted(s, avengers.route(s, 1), 0, 0, "Avengers-Pro λ = 1");
        assertGroupsRouted(s, hier.route(s, 1), 0, 0, "HierShrink λ = 1");
        EvaluationSplit toyTest = EvalFixtures.toy().split(Split.TEST);
        assertArrayEquals(new int[]{0, 0, 0, 0}, AvengersProRouter.fit(EvalFixtures.toy(), 1).route(toyTest, 1));
        assertArrayEquals(new int[]{0, 0, 0, 0}, HierShrinkRouter.fit(EvalFixtures.toy(), 1).route(toyTest, 1));
        assertThrows(IllegalArgumentException.class, () -> avengers.route(s, 1.5));
        assertThrows(IllegalArgumentException.class, () -> hier.route(s, -0.1));
    }

    /**
     * One cluster (K = 1) of 5 training prompts; models cost 1, 2, 4. Known-score means p = (0.2, 0.5, 1.0) (B's
     * missing score skipped: 2 of 4, not 2 of 5), so p̃ = (0, 0.375, 1) and c̃ = (0, 1/3, 1).
     */
    @Test
    void avengersScoreIsTheMixOfNormalisedAccuracyAndCost() {
        Builder b = new Builder();
        float[][] train = {{1, 1, 1}, {0, 1, 1}, {0, 0, 1}, {0, 0, 1}, {0, N, 1}};
        for (int i = 0; i < train.length; i++) {
            b.add(Split.TRAIN, near(0, i), train[i]);
        }
        EvaluationData data = b.add(Split.TEST, near(0, 2), 1, 1, 1).build(1, 2, 4);
        AvengersProRouter r = AvengersProRouter.withSettings(data, new AvengersProRouter.Settings(1, 1), 3);
        assertArrayEquals(new double[]{0, 0.375, 1}, r.clusterScores(0, 0), 1e-12);
        assertArrayEquals(new double[]{1, 2.0 / 3, 0}, r.clusterScores(0, 1), 1e-12);
        // a = 0.5: x = 0.5·p̃ + 0.5·(1 − c̃) = (0.5, 0.1875 + 1/3, 0.5)
        assertArrayEquals(new double[]{0.5, 0.1875 + 1.0 / 3, 0.5}, r.clusterScores(0, 0.5), 1e-12);
        EvaluationSplit s = data.split(Split.TEST);
        assertArrayEquals(new int[]{2}, r.route(s, 0), "pure quality");
        assertArrayEquals(new int[]{1}, r.route(s, 0.5), "B only wins when its missing score is skipped");
        assertArrayEquals(new int[]{0}, r.route(s, 1), "pure cost");
        assertArrayEquals(new double[]{0.5, 0.5, 0.5}, AvengersProRouter.minMax(new double[]{0.3, 0.3, 0.3}), 0);
        assertEquals("K = 1, p = 1 (fixed)", r.describe());
    }

    @Test
    void avengersFallsBackToTheGlobalMeanOfAModelUnknownInACluster() {
        Builder b = new Builder();
        float[][] group0 = {{0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 0}};
        float[][] group1 = {{1, N}, {0, N}, {0, N}, {0, N}, {0, N}};
        for (int i = 0; i < 5; i++) {
            b.add(Split.TRAIN, near(0, i), group0[i]);
            b.add(Split.TRAIN, near(1, i), group1[i]);
        }
        EvaluationData data = b.add(Split.TEST, near(0, 2), 0, 1).add(Split.TEST, near(1, 2), 0, 1).build(1, 1);
        AvengersProRouter r = AvengersProRouter.withSettings(data, new AvengersProRouter.Settings(2, 1), 5);
        // group 1: p = (0.2, global mean of B = 0.8), so B wins although no group-1 prompt knows it
        assertArrayEquals(new int[]{1, 1}, r.route(data.split(Split.TEST), 0));
    }

    /**
     * Sixteen tight groups in 16 dimensions, in pairs (e_i ± 0.5·e_{8+i}); in each pair the first group's prompts
     * are right with model 0, the second's with model 1. With K = 8 k-means must merge groups and some cluster mixes
     * the two models; K = 16 finds the groups and p = 1 uses only the own cluster (p = 2 adds the partner group's
     * cluster, whose opposite vote ties). 80 train prompts cap K at 16, so the grid is {8, 16}.
     */
    @Test
    void avengersDevTuningPicksTheGroupsAndTheOwnClusterOnly() {
        SplittableRandom random = new SplittableRandom(1);
        Builder b = new Builder();
        Split[] perGroup = {Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.DEV, Split.TEST};
        for (int g = 0; g < 16; g++) {
            for (Split split : perGroup) {
                float[] e = new float[16];
                for (int k = 0; k < 16; k++) {
                    e[k] = (float) (0.01 * (random.nextDouble() - 0.5));
                }
                e[g / 2] += 1;
                e[8 + g / 2] += g % 2 == 0 ? 0.5f : -0.5f;
                b.add(split, e, g % 2 == 0 ? 1 : 0, g % 2 == 0 ? 0 : 1);
            }
        }
        EvaluationData data = b.build(1, 1);
        AvengersProRouter r = AvengersProRouter.fit(data, 11);
        assertEquals(new AvengersProRouter.Settings(16, 1), r.settings());
        assertEquals("K = 16, p = 1 (dev-tuned)", r.describe());
        EvaluationSplit s = data.split(Split.TEST);
        assertEquals(1.0, EvaluationMetrics.qual(s, r.route(s, 0)), 1e-12);
    }

    /** Two far-apart groups of 40 training prompts, each with one always-right model: every (K, p) is perfect on dev. */
    @Test
    void avengersDevTuningBreaksTiesTowardSmallerKThenSmallerP() {
        Builder b = new Builder();
        for (int i = 0; i < 44; i++) {
            Split split = i < 40 ? Split.TRAIN : i < 42 ? Split.DEV : Split.TEST;
            b.add(split, near(0, i), 1, 0);
            b.add(split, near(1, i), 0, 1);
        }
        AvengersProRouter r = AvengersProRouter.fit(b.build(1, 1), 2);
        assertEquals(new AvengersProRouter.Settings(AvengersProRouter.K_GRID[0], 1), r.settings(),
                "80 training prompts: K ∈ the grid up to 16, the smallest wins the tie");
    }

    @Test
    void shrunkMeanAsComputedByHand() {
        assertEquals(0.7, HierShrinkRouter.shrunk(4, 5, 0.6, 5), 1e-12);
        assertEquals(3.5 / 6, HierShrinkRouter.shrunk(1, 1, 0.5, 5), 1e-12);
        assertEquals(0.4, HierShrinkRouter.shrunk(0, 0, 0.4, 20), 1e-12, "no known score: the prior");
        assertEquals(Double.NaN, HierShrinkRouter.shrunk(0, 0, Double.NaN, 1), "no prior: no estimate");
        assertThrows(IllegalArgumentException.class, () -> HierShrinkRouter.shrunk(1, 1, 0.5, 0));
    }

    /**
     * Two groups of 5 training prompts (so K1 ≤ 2 and one fine cluster each), models A, B at equal price. Group 0: A
     * knows (1, 1, 1, 1, 0), B only one score 1; group 1: A all 0, B (1, 1, 0, 0, 0). Global g = (0.4, 0.5).
     */
    private static EvaluationData hierData(float[] devGroup0, float[] devGroup1) {
        Builder b = new Builder();
        float[][] group0 = {{1, 1}, {1, N}, {1, N}, {1, N}, {0, N}};
        float[][] group1 = {{0, 1}, {0, 1}, {0, 0}, {0, 0}, {0, 0}};
        for (int i = 0; i < 5; i++) {
            b.add(Split.TRAIN, near(0, i), group0[i]);
            b.add(Split.TRAIN, near(1, i), group1[i]);
        }
        b.add(Split.DEV, near(0, 1), devGroup0).add(Split.DEV, near(0, 3), devGroup0);
        b.add(Split.DEV, near(1, 1), devGroup1).add(Split.DEV, near(1, 3), devGroup1);
        return b.add(Split.TEST, near(0, 2), 1, 0).add(Split.TEST, near(1, 2), 0, 1).build(1, 1);
    }

    @Test
    void hierShrinkEstimatesAreTheTwoLevelShrunkMeans() {
        EvaluationData data = hierData(new float[]{1, 0}, new float[]{0, 1});
        int[] test = data.test();
        HierShrinkRouter five = HierShrinkRouter.withSettings(data, new HierShrinkRouter.Settings(2, 1, 5), 3);
        // group 0, κ = 5: μ1 = ((4 + 5·0.4) / 10, (1 + 5·0.5) / 6) = (0.6, 3.5/6); μ2 = ((4 + 5·0.6) / 10, (1 + 5·μ1_B) / 6)
        assertArrayEquals(new double[]{0.7, (1 + 5 * 3.5 / 6) / 6}, five.estimate(test[0]), 1e-12);
        // group 1, κ = 5: μ1 = (2 / 10, 4.5 / 10); μ2 = ((0 + 5·0.2) / 10, (2 + 5·0.45) / 10)
        assertArrayEquals(new double[]{0.1, 0.425}, five.estimate(test[1]), 1e-12);
        EvaluationSplit s = data.split(Split.TEST);
        assertArrayEquals(new int[]{0, 1}, five.route(s, 0), "κ = 5: B's single 1 in group 0 is shrunk below A");
        HierShrinkRouter one = HierShrinkRouter.withSettings(data, new HierShrinkRouter.Settings(2, 1, 1), 3);
        // group 0, κ = 1: A (4 + (4.4/6)) / 6 = 0.7889 < B (1 + 1.5/2) / 2 = 0.875
        assertArrayEquals(new double[]{(4 + 4.4 / 6) / 6, 0.875}, one.estimate(test[0]), 1e-12);
        assertArrayEquals(new int[]{1, 1}, one.route(s, 0), "κ = 1: B's single 1 dominates");
        assertEquals(2, five.leafCount());
    }

    @Test
    void hierShrinkDevTuningPicksTheKappaThatIsRightOnDev() {
        // dev says A in group 0: only κ = 5 routes group 0 to A (κ = 1, 20 and 100 prefer B there)
        HierShrinkRouter tuned = HierShrinkRouter.fit(hierData(new float[]{1, 0}, new float[]{0, 1}), 9);
        assertEquals(new HierShrinkRouter.Settings(2, 2, 5), tuned.settings(), "K1 capped at 10 / 5 = 2; K2 ties: smallest");
        assertEquals("K1 = 2, K2 = 2 (2 fine clusters), κ = 5 (dev-tuned)", tuned.describe());
        // both models right on group-0 dev prompts: every κ ties, the largest wins
        HierShrinkRouter tie = HierShrinkRouter.fit(hierData(new float[]{1, 1}, new float[]{0, 1}), 9);
        assertEquals(HierShrinkRouter.KAPPA_GRID[HierShrinkRouter.KAPPA_GRID.length - 1], tie.kappa(), 0);
    }

    @Test
    void sameSeedSameRoutes() {
        EvaluationData data = pricedTwoGroups(17);
        EvaluationSplit s = data.split(Split.TEST);
        AvengersProRouter a1 = AvengersProRouter.fit(data, 4);
        AvengersProRouter a2 = AvengersProRouter.fit(data, 4);
        HierShrinkRouter h1 = HierShrinkRouter.fit(data, 4);
        HierShrinkRouter h2 = HierShrinkRouter.fit(data, 4);
        for (double lambda : new double[]{0, 0.3, 1}) {
            assertArrayEquals(a1.route(s, lambda), a2.route(s, lambda));
            assertArrayEquals(h1.route(s, lambda), h2.route(s, lambda));
        }
        assertEquals(a1.describe(), a2.describe());
        assertEquals(h1.describe(), h2.describe());
    }

    @Test
    void withoutDevPromptsTheDefaultsAreUsedAndCapped() {
        // toy: 4 training prompts cap every cluster count at 1
        EvaluationData data = EvalFixtures.build(new float[][]{{1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}},
                new String[]{"a", "a", "a", "a", "a"}, new Split[]{Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TEST},
                new float[][]{near(0, 0), near(1, 0), near(0, 1), near(1, 1), near(0, 2)},
                List.of(new ModelSpec("A", null, 1.0, null, null), new ModelSpec("B", null, 1.0, null, null)));
        assertEquals("K = 1, p = 1 (default: no dev prompts)", AvengersProRouter.fit(data, 1).describe());
        assertEquals("K1 = 1, K2 = 4 (1 fine cluster), κ = 5 (default: no dev prompts)", HierShrinkRouter.fit(data, 1).describe());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new AvengersProRouter.Settings(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new AvengersProRouter.Settings(4, 5));
        assertThrows(IllegalArgumentException.class, () -> new HierShrinkRouter.Settings(0, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new HierShrinkRouter.Settings(2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new HierShrinkRouter.Settings(2, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new HierShrinkRouter.Settings(2, 2, Double.NaN));
    }
}

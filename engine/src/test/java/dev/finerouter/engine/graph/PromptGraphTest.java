package dev.finerouter.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;

class PromptGraphTest {
    private static final double EPS = 1e-6;

    @Test
    void knnEdgesAreUndirectedOnceSorted() throws CancelledException {
        // directed kNN (k=2) of angles 0,10,30,90,180: 0→1,2 1→0,2 2→1,0 3→2,1 4→3,2
        KnnEdges g = KnnEdges.from(new ExactKnn(1).search(ExactKnnTest.angles(0, 10, 30, 90, 180), 2, StageContext.silent(1)));
        int[][] expected = {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 3}, {2, 4}, {3, 4}};
        assertEquals(expected.length, g.edgeCount());
        for (int e = 0; e < expected.length; e++) {
            assertArrayEquals(expected[e], new int[] {g.source(e), g.target(e)});
        }
        assertEquals(0.5, g.cosine(4), EPS); // (2,3): 60°
    }

    @Test
    void filterKeepsRboAtLeastTauAndWeighsByGeometricMean() {
        // kept (RBO ≥ 0.4): e0 (cos .9, rbo 1.0), e2 (cos .7, rbo .6), e3 (cos .8, rbo .8); e1 (rbo .3) dropped
        // cos_norm = (c − .7)/.2 → 1, 0, .5 ; rbo_norm = (r − .6)/.4 → 1, 0, .5
        // weight = sqrt(1·1) = 1, sqrt(0·0) = 0 → floored to 1e-6, sqrt(.5·.5) = .5
        ScoredEdges s = ScoredEdges.of(4, new int[] {0, 0, 1, 2}, new int[] {1, 2, 2, 3},
                new float[] {0.9f, 0.5f, 0.7f, 0.8f}, new double[] {1.0, 0.3, 0.6, 0.8});
        WeightedGraph g = s.filter(0.4);
        assertEquals(3, g.edgeCount());
        assertArrayEquals(new int[] {0, 1, 2}, g.sources());
        assertArrayEquals(new int[] {1, 2, 3}, g.targets());
        assertArrayEquals(new double[] {1.0, ScoredEdges.MIN_WEIGHT, 0.5}, g.weights(), EPS);
        assertEquals(0.6, g.rbo(1), 0);
        assertEquals(0.7f, g.cosine(1));
    }

    @Test
    void zeroWeightIsFlooredNotDropped() {
        // the edge with the lowest cosine has cos_norm 0 even with the highest RBO: weight 0 → 1e-6, edge kept
        ScoredEdges s = ScoredEdges.of(3, new int[] {0, 1}, new int[] {1, 2}, new float[] {0.2f, 0.9f}, new double[] {0.9, 0.5});
        WeightedGraph g = s.filter(0.4);
        assertEquals(2, g.edgeCount());
        assertEquals(ScoredEdges.MIN_WEIGHT, g.weight(0), 0);
        assertEquals(ScoredEdges.MIN_WEIGHT, g.weight(1), 0);
    }

    @Test
    void equalValuesNormaliseToOne() {
        // one kept edge, or all kept values equal: max = min, normalised value defined as 1 → weight 1
        ScoredEdges one = ScoredEdges.of(3, new int[] {0, 1}, new int[] {1, 2}, new float[] {0.2f, 0.9f}, new double[] {0.9, 0.1});
        assertArrayEquals(new double[] {1.0}, one.filter(0.4).weights(), 0);
        ScoredEdges same = ScoredEdges.of(3, new int[] {0, 1}, new int[] {1, 2}, new float[] {0.5f, 0.5f}, new double[] {0.7, 0.9});
        // cos all equal → 1; rbo_norm 0 and 1 → weights 1e-6 and 1
        assertArrayEquals(new double[] {ScoredEdges.MIN_WEIGHT, 1.0}, same.filter(0.4).weights(), 0);
    }

    @Test
    void tauBoundaries() {
        ScoredEdges s = ScoredEdges.of(3, new int[] {0, 1}, new int[] {1, 2}, new float[] {0.2f, 0.9f}, new double[] {0.4, 0.0});
        assertEquals(1, s.filter(0.4).edgeCount()); // RBO equal to τ is kept
        assertEquals(2, s.filter(0.0).edgeCount());
        assertEquals(0, s.filter(1.0).edgeCount());
        assertThrows(IllegalArgumentException.class, () -> s.filter(1.1));
    }

    @Test
    void builderScoresEveryKnnEdgeWithRbo() throws CancelledException {
        EmbeddingMatrix e = ExactKnnTest.angles(0, 10, 30);
        PreferenceRanking[] r = {
            PreferenceRanking.of(new int[] {0, 1, 2}, 3),
            PreferenceRanking.of(new int[] {1, 0, 2}, 3),
            PreferenceRanking.of(new int[] {2, 1, 0}, 3),
        };
        RankBiasedOverlap rbo = new RankBiasedOverlap(0.9);
        ScoredEdges s = new PromptGraphBuilder(new ExactKnn(1), rbo).score(e, r, 2, StageContext.silent(1));
        assertEquals(3, s.edgeCount());
        assertEquals(0.9, s.rbo(0), 1e-12);   // (0,1): top two swapped
        assertEquals(0.855, s.rbo(1), 1e-12); // (0,2): reversed
        // (1,2): [1,0,2] vs [2,1,0]: d=1 X=0; d=2 X=1 → .405; d=3 → .729; .729 + 1.134/9 = .855
        assertEquals(0.855, s.rbo(2), 1e-12);
        // τ = 0.86 keeps (0,1) only; a single kept edge has weight 1
        WeightedGraph g = s.filter(0.86);
        assertEquals(1, g.edgeCount());
        assertEquals(0, g.source(0));
        assertEquals(1, g.target(0));
        assertEquals(1.0, g.weight(0), 0);
    }

    @Test
    void graphsValidate() {
        assertThrows(IllegalArgumentException.class, () -> WeightedGraph.of(3, new int[] {1}, new int[] {0}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> WeightedGraph.of(3, new int[] {0, 0}, new int[] {2, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> WeightedGraph.of(3, new int[] {0}, new int[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> KnnEdges.of(2, new int[] {0}, new int[] {2}, new float[] {1}));
        assertEquals(2.5, WeightedGraph.of(3, new int[] {0, 1}, new int[] {1, 2}, new double[] {1, 1.5}).totalWeight(), 0);
    }
}

package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.finerouter.engine.graph.PreferenceRanking;
import org.junit.jupiter.api.Test;

class RankFusionTest {
    private static PreferenceRanking r(int... order) {
        return PreferenceRanking.of(order, order.length);
    }

    @Test
    void twoRankingsWithATie() {
        // π1 = [0,1,2], π2 = [1,0,2], ε = 60:
        // MRR(0) = (1/61 + 1/62)/2 = MRR(1); MRR(2) = (1/63 + 1/63)/2 = 1/63 → tie 0/1 broken by index
        FusedRanking f = new RankFusion(60).fuseAll(r(0, 1, 2), r(1, 0, 2));
        assertEquals((1.0 / 61 + 1.0 / 62) / 2, f.mrrOf(0), 1e-15);
        assertEquals((1.0 / 61 + 1.0 / 62) / 2, f.mrrOf(1), 1e-15);
        assertEquals(1.0 / 63, f.mrrOf(2), 1e-15);
        assertArrayEquals(new int[] {0, 1, 2}, f.ranking().toArray());
    }

    @Test
    void threeRankings() {
        // π = [2,0,1], [2,1,0], [0,1,2]
        // MRR(2) = (1/61 + 1/61 + 1/63)/3 = (.032787 + .015873)/3 = .048660/3
        // MRR(0) = (1/62 + 1/63 + 1/61)/3 = (.016129 + .015873 + .016393)/3 = .048395/3
        // MRR(1) = (1/63 + 1/62 + 1/62)/3 = (.015873 + .032258)/3 = .048131/3  → fused [2,0,1]
        FusedRanking f = new RankFusion(60).fuseAll(r(2, 0, 1), r(2, 1, 0), r(0, 1, 2));
        assertEquals((2.0 / 61 + 1.0 / 63) / 3, f.mrrOf(2), 1e-15);
        assertEquals((1.0 / 62 + 1.0 / 63 + 1.0 / 61) / 3, f.mrrOf(0), 1e-15);
        assertEquals((1.0 / 63 + 2.0 / 62) / 3, f.mrrOf(1), 1e-15);
        assertArrayEquals(new int[] {2, 0, 1}, f.ranking().toArray());
    }

    @Test
    void epsilonZeroIsPlainMrr() {
        // one ranking [1,0], ε = 0: MRR(1) = 1/1, MRR(0) = 1/2
        FusedRanking f = new RankFusion(0).fuseAll(r(1, 0));
        assertArrayEquals(new double[] {0.5, 1.0}, f.mrr(), 0);
    }

    @Test
    void fusesOnlyMembers() {
        PreferenceRanking[] all = {r(0, 1), r(1, 0), r(1, 0)};
        // members {0}: MRR(0) = 1/61 > MRR(1) = 1/62
        assertArrayEquals(new int[] {0, 1}, new RankFusion(60).fuse(all, new int[] {0}).ranking().toArray());
        assertArrayEquals(new int[] {1, 0}, new RankFusion(60).fuse(all, new int[] {0, 1, 2}).ranking().toArray());
        assertThrows(IllegalArgumentException.class, () -> new RankFusion(60).fuse(all, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new RankFusion(-1));
    }
}

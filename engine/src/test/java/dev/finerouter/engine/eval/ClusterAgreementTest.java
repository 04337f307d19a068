package dev.finerouter.engine.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterAgreementTest {
    @Test
    void identicalPartitionsUpToRenamingAgreeFully() {
        ClusterAgreement c = ClusterAgreement.of(new int[] {5, 5, 7, 7, -1}, new int[] {0, 0, 1, 1, 2});
        assertEquals(1.0, c.ari(), 1e-12);
        assertEquals(1.0, c.nmi(), 1e-12);
    }

    @Test
    void handComputedAri() {
        // predicted {0,0,0,1,1,1}, truth {0,0,1,1,2,2}
        // contingency: (0,0)=2 (0,1)=1 (1,1)=1 (1,2)=2 -> Σ C(nij,2) = 1+0+0+1 = 2
        // rows a = {3,3} -> Σ C = 3+3 = 6; columns b = {2,2,2} -> Σ C = 3; C(6,2) = 15
        // expected = 6*3/15 = 1.2; max = (6+3)/2 = 4.5; ARI = (2-1.2)/(4.5-1.2) = 0.8/3.3
        ClusterAgreement c = ClusterAgreement.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2});
        assertEquals(0.8 / 3.3, c.ari(), 1e-12);
        // MI = Σ pij log(pij/(pi pj)): 2 cells of 2/6 with pi=1/2, pj=1/3 -> log 2; 2 cells of 1/6 -> log 1 = 0
        // MI = 2 * (1/3) * ln 2; H(a) = ln 2; H(b) = ln 3; NMI = MI / ((ln2 + ln3)/2)
        assertEquals((2.0 / 3 * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2), c.nmi(), 1e-12);
    }

    @Test
    void oneClusterAgainstManyHasZeroAri() {
        ClusterAgreement c = ClusterAgreement.of(new int[] {1, 1, 1, 1}, new int[] {0, 1, 2, 3});
        assertEquals(0.0, c.ari(), 1e-12);
        assertEquals(0.0, c.nmi(), 1e-12);
    }

    @Test
    void lengthsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> ClusterAgreement.of(new int[] {1}, new int[] {1, 2}));
    }
}

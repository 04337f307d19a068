package dev.finerouter.engine.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * Agreement between a discovered clustering and known labels (e.g. the synthetic data's ground-truth sub-tasks):
 * adjusted Rand index (Hubert and Arabie 1985) and normalised mutual information (arithmetic-mean normalisation,
 * as in scikit-learn's default). Both are 1 for identical partitions up to renaming; ARI is about 0 for random ones.
 *
 * @param ari adjusted Rand index in [−1, 1]
 * @param nmi normalised mutual information in [0, 1]
 * @param items number of items compared
 */
public record ClusterAgreement(double ari, double nmi, int items) {

    /**
     * Compares two labelings of the same items. Labels are arbitrary ints; every distinct value is one cluster
     * (so "Others" = −1 counts as one cluster; drop those items first if they should not count).
     */
    public static ClusterAgreement of(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("labelings differ in length: " + predicted.length + " vs " + truth.length);
        }
        int n = predicted.length;
        Map<Long, Integer> joint = new HashMap<>();
        Map<Integer, Integer> a = new HashMap<>();
        Map<Integer, Integer> b = new HashMap<>();
        for (int i = 0; i < n; i++) {
            joint.merge(((long) predicted[i] << 32) ^ (truth[i] & 0xffffffffL), 1, Integer::sum);
            a.merge(predicted[i], 1, Integer::sum);
            b.merge(truth[i], 1, Integer::sum);
        }
        double sumJoint = 0;
        for (int c : joint.values()) {
            sumJoint += pairs(c);
        }
        double sumA = 0;
        for (int c : a.values()) {
            sumA += pairs(c);
        }
        double sumB = 0;
        for (int c : b.values()) {
            sumB += pairs(c);
        }
        double total = pairs(n);
        double expected = total == 0 ? 0 : sumA * sumB / total;
        double max = (sumA + sumB) / 2;
        double ari = max == expected ? 1.0 : (sumJoint - expected) / (max - expected);

        double mi = 0;
        for (Map.Entry<Long, Integer> e : joint.entrySet()) {
            int pa = (int) (e.getKey() >> 32);
            int pb = (int) (long) e.getKey();
            double pij = (double) e.getValue() / n;
            mi += pij * Math.log(pij / ((double) a.get(pa) / n * b.get(pb) / n));
        }
        double ha = entropy(a, n);
        double hb = entropy(b, n);
        double nmi = ha + hb == 0 ? 1.0 : Math.max(0, mi) / ((ha + hb) / 2);
        return new ClusterAgreement(ari, Math.min(1, nmi), n);
    }

    private static double pairs(long c) {
        return c * (c - 1) / 2.0;
    }

    private static double entropy(Map<Integer, Integer> counts, int n) {
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h;
    }
}

package dev.finerouter.engine.graph;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Recall@k of an approximate neighbour search against the exact one ({@link ExactKnn}'s lists: similarity
 * descending, index ascending).
 *
 * <ul>
 *   <li><b>By index:</b> the share of exact neighbours the approximate list contains.</li>
 *   <li><b>Tie-aware:</b> per row, the approximate neighbours whose similarity reaches the exact k-th similarity, at
 *       most k, over k. With duplicate vectors (identical descriptions) many rows tie at similarity 1, and the exact
 *       search keeps the lowest indices while an index returns any of them: both lists are equally correct, which
 *       the index-based recall does not see. This is the figure the ≥ 0.95 target refers to.</li>
 * </ul>
 * Both assume the approximate similarities are exact values of the listed pairs (as {@link HnswKnn} and
 * {@link IvfKnn} report them).
 */
public final class KnnRecall {
    private KnnRecall() {
    }

    /**
     * Tie-aware hits of one row: how many of {@code approx[0, k)} reach {@code exactKth}, the exact k-th similarity.
     */
    public static int tieAwareHits(float exactKth, float[] approx, int k) {
        int h = 0;
        for (int r = 0; r < k; r++) {
            if (approx[r] >= exactKth) {
                h++;
            }
        }
        return Math.min(h, k);
    }

    /** Tie-aware recall over all rows (1 when k = 0). */
    public static double tieAware(KnnResult exact, KnnResult approx) {
        int k = exact.k();
        if (k == 0) {
            return 1.0;
        }
        long hit = 0;
        for (int i = 0; i < exact.nodes(); i++) {
            hit += tieAwareHits(exact.similarity(i, k - 1), approx.similaritiesOf(i), k);
        }
        return (double) hit / ((long) exact.nodes() * k);
    }

    /** Share of exact neighbours (by index) the approximate search found (1 when k = 0). */
    public static double byIndex(KnnResult exact, KnnResult approx) {
        if (exact.k() == 0) {
            return 1.0;
        }
        long hit = 0;
        for (int i = 0; i < exact.nodes(); i++) {
            Set<Integer> a = new HashSet<>();
            for (int j : approx.neighboursOf(i)) {
                a.add(j);
            }
            for (int j : exact.neighboursOf(i)) {
                hit += a.contains(j) ? 1 : 0;
            }
        }
        return (double) hit / ((long) exact.nodes() * exact.k());
    }

    /**
     * {by index, tie-aware} recall of {@code approx} on {@code sample} rows drawn with replacement with {@code seed},
     * each row's exact top-k found by its own full scan with {@link EmbeddingMatrix#cosine} (independent of the
     * search code under test). O(sample · n · d).
     *
     * @throws CancelledException when cancelled
     */
    public static double[] sampled(EmbeddingMatrix e, KnnResult approx, int sample, long seed, StageContext ctx)
            throws CancelledException {
        int n = e.rows();
        int k = approx.k();
        SplittableRandom random = new SplittableRandom(seed);
        long hit = 0;
        long tieHit = 0;
        for (int s = 0; s < sample; s++) {
            ctx.checkCancelled();
            int i = random.nextInt(n);
            int[] idx = new int[k];
            float[] sim = new float[k];
            Arrays.fill(idx, -1);
            Arrays.fill(sim, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                float v = e.cosine(i, j);
                if (v > sim[k - 1]) { // ascending j: an equal similarity never displaces a lower index
                    int p = k - 1;
                    while (p > 0 && v > sim[p - 1]) {
                        sim[p] = sim[p - 1];
                        idx[p] = idx[p - 1];
                        p--;
                    }
                    sim[p] = v;
                    idx[p] = j;
                }
            }
            Set<Integer> found = new HashSet<>();
            for (int r = 0; r < k; r++) {
                found.add(approx.neighbour(i, r));
            }
            for (int j : idx) {
                hit += found.contains(j) ? 1 : 0;
            }
            tieHit += tieAwareHits(sim[k - 1], approx.similaritiesOf(i), k);
            if (s % 100 == 0) {
                ctx.progress((double) s / sample, "recall sample " + s + " / " + sample);
            }
        }
        return new double[] {(double) hit / ((long) sample * k), (double) tieHit / ((long) sample * k)};
    }
}

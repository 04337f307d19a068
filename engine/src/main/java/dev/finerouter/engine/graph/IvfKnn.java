package dev.finerouter.engine.graph;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Approximate cosine k-nearest-neighbour search with an inverted-file index over the distinct rows (IVF-Flat, as in
 * Jégou, Douze and Schmid 2011 and Faiss' {@code IndexIVFFlat}), for large sets of mostly distinct vectors where
 * {@link ExactKnn}'s O(D²·d) is too slow.
 *
 * <ol>
 *   <li><b>Distinct rows</b> ({@link DistinctRows}): the D distinct vectors are indexed and searched; a row gets its
 *       group's list without itself, as in {@link ExactKnn}.</li>
 *   <li><b>Coarse quantiser</b> ({@link CoarseQuantizer}): L = ⌊√D⌉ centroids (or as configured) by spherical k-means
 *       on a seeded sample of {@value #TRAINING_ROWS_PER_LIST}·L vectors, at most {@value #QUANTISER_ITERATIONS}
 *       iterations.</li>
 *   <li><b>Lists:</b> every distinct vector is ranked against the centroids (dot product descending, index ascending);
 *       its first centroid is its list.</li>
 *   <li><b>Probes:</b> a vector is compared with the members of the lists of its first {@code nprobe} centroids —
 *       its own list always among them, so its duplicates are always found — by the exact kernel
 *       ({@link BlockProduct}, list by list), keeping the top k + 1 rows ({@link TopLists}). Similarities are therefore
 *       exact values and equal neighbours are ordered as in {@link ExactKnn}; what can differ is a true neighbour in
 *       a list that was not probed. A vector whose probed lists hold fewer than k + 1 rows is searched exactly.</li>
 *   <li><b>nprobe:</b> unless fixed, the smallest of 1, 2, 4, … whose tie-aware recall@k ({@link KnnRecall}) on a
 *       validation sample reaches the target (default {@value #DEFAULT_TARGET_RECALL}); the sample is
 *       {@value #DEFAULT_VALIDATION_ROWS} rows drawn with the seed, each searched exactly. When
 *       {@value #MAX_PROBES} probes do not reach the target the whole search falls back to {@link ExactKnn}. The
 *       recall measured on the sample is reported in the {@link Outcome} in either case.</li>
 * </ol>
 *
 * <p><b>Cost</b> for D distinct vectors of dimension d, L lists, p probes and S sampled rows: quantiser
 * O(iterations · 64L · L · d), ranking O(D · L · d), validation O(S · D · d), search O(D · p · (D / L) · d) for
 * balanced lists, i.e. about p / √D of the exact product. Memory: D · (3 · (k + 1) + min(L, 64)) ints and floats.
 *
 * <p><b>Determinism:</b> the sample, the quantiser and the validation sample follow {@link StageContext#seed()};
 * products and lists do not depend on the thread count, so the same seed gives the same neighbours.
 */
public final class IvfKnn implements KnnIndex {
    /** Default tie-aware recall@k the probes are tuned to reach. */
    public static final double DEFAULT_TARGET_RECALL = 0.95;
    /** Default number of rows (drawn with the seed) on which recall is measured. */
    public static final int DEFAULT_VALIDATION_ROWS = 1_000;
    /** Quantiser training rows per list. */
    static final int TRAINING_ROWS_PER_LIST = 64;
    /** Quantiser iterations at most. */
    static final int QUANTISER_ITERATIONS = 10;
    /** Most probes tried when tuning; beyond that the exact search is cheaper to reason about. */
    static final int MAX_PROBES = 64;
    /** Offset of the validation sample's seed from the quantiser's, so the two draws differ. */
    private static final long VALIDATION_SEED_OFFSET = 0x5DEECE66DL;

    private final int lists;
    private final int probes;
    private final double targetRecall;
    private final int validationRows;
    private final int threads;

    /**
     * What a search found and how good it is.
     *
     * @param knn the neighbours
     * @param distinctVectors D, the distinct vectors indexed
     * @param lists L, the number of lists
     * @param probes nprobe used (L when the search fell back to the exact one)
     * @param validationRecall tie-aware recall@k measured on the validation sample (1 after the exact fallback)
     * @param validationRows rows in the validation sample
     * @param exact whether the result came from the exact fallback
     */
    public record Outcome(KnnResult knn, int distinctVectors, int lists, int probes, double validationRecall,
                          int validationRows, boolean exact) {
        /** Validates. */
        public Outcome {
            if (knn == null || distinctVectors < 0 || lists < 0 || probes < 0 || validationRows < 0
                    || !(validationRecall >= 0 && validationRecall <= 1)) {
                throw new IllegalArgumentException("bad IVF outcome: " + distinctVectors + " vectors, " + lists + " lists, "
                        + probes + " probes, recall " + validationRecall + " on " + validationRows + " rows");
            }
        }

        /** One line for logs and tables. */
        public String summary() {
            return String.format(Locale.ROOT, "IVF: %,d distinct vectors, %d lists, nprobe %d%s, tie-aware recall@k %.4f on %,d rows",
                    distinctVectors, lists, probes, exact ? " (exact fallback)" : "", validationRecall, validationRows);
        }
    }

    /** An index with ⌊√D⌉ lists, nprobe tuned to recall 0.95 on 1,000 rows, all processors. */
    public IvfKnn() {
        this(0, 0, DEFAULT_TARGET_RECALL, DEFAULT_VALIDATION_ROWS, Runtime.getRuntime().availableProcessors());
    }

    /**
     * An index with the given settings.
     *
     * @param lists number of lists, or 0 for ⌊√D⌉ (capped at D either way)
     * @param probes lists probed per vector, or 0 to tune them to {@code targetRecall}
     * @param targetRecall tie-aware recall@k to reach when tuning, in (0, 1]
     * @param validationRows rows on which recall is measured, ≥ 1
     * @param threads worker threads, ≥ 1 (does not change the result)
     */
    public IvfKnn(int lists, int probes, double targetRecall, int validationRows, int threads) {
        if (lists < 0 || probes < 0 || !(targetRecall > 0 && targetRecall <= 1) || validationRows < 1 || threads < 1) {
            throw new IllegalArgumentException("need lists >= 0, probes >= 0, 0 < targetRecall <= 1, validationRows >= 1, "
                    + "threads >= 1; got " + lists + ", " + probes + ", " + targetRecall + ", " + validationRows + ", " + threads);
        }
        this.lists = lists;
        this.probes = probes;
        this.targetRecall = targetRecall;
        this.validationRows = validationRows;
        this.threads = threads;
    }

    @Override
    public KnnResult search(EmbeddingMatrix embeddings, int k, StageContext context) throws CancelledException {
        Outcome outcome = searchMeasured(embeddings, k, context);
        context.log(outcome.summary());
        return outcome.knn();
    }

    /**
     * Searches like {@link #search} and reports the index's settings and measured recall.
     *
     * @throws CancelledException when cancelled
     */
    public Outcome searchMeasured(EmbeddingMatrix embeddings, int k, StageContext context) throws CancelledException {
        int n = embeddings.rows();
        int d = embeddings.dim();
        int kk = KnnIndex.cappedK(k, n);
        DistinctRows groups = embeddings.distinctRows();
        int distinct = groups.count();
        if (kk == 0) {
            return new Outcome(new KnnResult(n, 0, new int[0], new float[0], false), distinct, 0, 0, 1.0, 0, true);
        }
        int listCount = Math.min(distinct, lists > 0 ? lists : Math.max(1, (int) Math.round(Math.sqrt(distinct))));
        int maxProbes = Math.min(listCount, probes > 0 ? probes : MAX_PROBES);
        float[] x = groups.vectors(embeddings);
        int[] all = BlockProduct.all(distinct);
        try (BlockProduct product = new BlockProduct(threads, "ivf-knn")) {
            int sample = Math.min(distinct, TRAINING_ROWS_PER_LIST * listCount);
            float[] centroids = CoarseQuantizer.train(x, distinct, d, listCount, sample, QUANTISER_ITERATIONS,
                    context.seed(), product, context.mapped(f -> 0.15 * f, m -> "IVF " + m));
            TopLists ranking = TopLists.overRows(distinct, maxProbes, listCount);
            product.run(x, all, distinct, centroids, BlockProduct.all(listCount), listCount, d, ranking,
                    context.mapped(f -> 0.15 + 0.05 * f, m -> "IVF lists: " + m));
            int[][] members = invert(ranking, distinct, listCount);

            // validation: exact lists of the sampled rows' groups, then nprobe doubled until the recall is reached
            int[] sampleRows = new int[validationRows];
            SplittableRandom random = new SplittableRandom(context.seed() + VALIDATION_SEED_OFFSET);
            for (int s = 0; s < sampleRows.length; s++) {
                sampleRows[s] = random.nextInt(n);
            }
            int[] sampleGroups = Arrays.stream(sampleRows).map(groups::groupOf).distinct().sorted().toArray();
            TopLists exact = TopLists.overGroups(distinct, kk + 1, groups);
            product.run(x, sampleGroups, sampleGroups.length, x, all, distinct, d, exact,
                    context.mapped(f -> 0.2 + 0.1 * f, m -> "IVF validation, exact: " + m));
            TopLists approx = TopLists.overGroups(distinct, kk + 1, groups);
            int p = probes > 0 ? maxProbes : 1;
            double recall;
            while (true) {
                for (int g : sampleGroups) {
                    approx.clear(g);
                }
                probe(product, x, d, sampleGroups, ranking, p, members, approx, context.quiet());
                topUp(product, x, d, sampleGroups, distinct, approx, context);
                recall = recall(groups, sampleRows, exact, approx, kk);
                context.progress(0.3, String.format(Locale.ROOT, "IVF validation: nprobe %d, recall %.4f", p, recall));
                if (probes > 0 || recall >= targetRecall || p == maxProbes) {
                    break;
                }
                p = Math.min(2 * p, maxProbes);
            }
            if (probes == 0 && recall < targetRecall) {
                KnnResult knn = new ExactKnn(threads).search(embeddings, kk, context.mapped(f -> 0.3 + 0.7 * f, m -> m));
                return new Outcome(knn, distinct, listCount, listCount, 1.0, validationRows, true);
            }
            TopLists top = TopLists.overGroups(distinct, kk + 1, groups);
            probe(product, x, d, all, ranking, p, members, top, context.mapped(f -> 0.3 + 0.7 * f, m -> m));
            topUp(product, x, d, all, distinct, top, context);
            return new Outcome(top.expand(groups, kk), distinct, listCount, p, recall, validationRows, false);
        }
    }

    /** The members of every list (the vectors whose first centroid it is), ascending. */
    private static int[][] invert(TopLists ranking, int distinct, int listCount) {
        int[] size = new int[listCount];
        for (int q = 0; q < distinct; q++) {
            size[ranking.row(q, 0)]++;
        }
        int[][] members = new int[listCount][];
        for (int l = 0; l < listCount; l++) {
            members[l] = new int[size[l]];
        }
        int[] fill = new int[listCount];
        for (int q = 0; q < distinct; q++) {
            int l = ranking.row(q, 0);
            members[l][fill[l]++] = q;
        }
        return members;
    }

    /**
     * Compares each query with the members of the lists of its first {@code probes} centroids, list by list (one
     * product per list: the queries probing it against its members).
     */
    private static void probe(BlockProduct product, float[] x, int d, int[] queries, TopLists ranking, int probes,
            int[][] members, TopLists top, StageContext context) throws CancelledException {
        int listCount = members.length;
        int[] size = new int[listCount];
        for (int q : queries) {
            for (int r = 0; r < probes; r++) {
                size[ranking.row(q, r)]++;
            }
        }
        int[][] probers = new int[listCount][];
        for (int l = 0; l < listCount; l++) {
            probers[l] = new int[size[l]];
        }
        int[] fill = new int[listCount];
        for (int q : queries) {
            for (int r = 0; r < probes; r++) {
                int l = ranking.row(q, r);
                probers[l][fill[l]++] = q;
            }
        }
        for (int l = 0; l < listCount; l++) {
            context.checkCancelled();
            product.run(x, probers[l], probers[l].length, x, members[l], members[l].length, d, top, context.quiet());
            context.progress((l + 1.0) / listCount, "IVF search: list " + (l + 1) + " / " + listCount);
        }
    }

    /** Searches exactly, from scratch, the queries whose probed lists held fewer than k + 1 rows. */
    private static void topUp(BlockProduct product, float[] x, int d, int[] queries, int distinct, TopLists top,
            StageContext context) throws CancelledException {
        int[] unfilled = Arrays.stream(queries).filter(q -> !top.isFull(q)).toArray();
        for (int q : unfilled) {
            top.clear(q);
        }
        product.run(x, unfilled, unfilled.length, x, BlockProduct.all(distinct), distinct, d, top, context.quiet());
    }

    /** Tie-aware recall@k of the approximate lists on the sampled rows. */
    private static double recall(DistinctRows groups, int[] sampleRows, TopLists exact, TopLists approx, int k) {
        long hits = 0;
        for (int row : sampleRows) {
            int g = groups.groupOf(row);
            float kth = exact.similaritiesWithout(g, row, k)[k - 1];
            hits += KnnRecall.tieAwareHits(kth, approx.similaritiesWithout(g, row, k), k);
        }
        return (double) hits / ((long) sampleRows.length * k);
    }

    @Override
    public String toString() {
        return "IvfKnn[lists=" + (lists == 0 ? "sqrt" : lists) + ", probes=" + (probes == 0 ? "tuned to " + targetRecall : probes)
                + ", validationRows=" + validationRows + ", threads=" + threads + "]";
    }
}

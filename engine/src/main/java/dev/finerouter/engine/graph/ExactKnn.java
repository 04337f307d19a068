package dev.finerouter.engine.graph;

import dev.finerouter.engine.pipeline.CancelledException;
import dev.finerouter.engine.pipeline.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact cosine k-nearest-neighbour search by a blocked matrix product over the distinct rows.
 *
 * <p><b>Distinct rows.</b> Bit-identical rows (prompts with the same description) are grouped first
 * ({@link DistinctRows}, O(n·d)); the product then runs over the D distinct vectors only, O(D²·d) instead of O(n²·d)
 * (the 100k synthetic set has D = 4,740 for n = 79,990). Every member of a group has the same similarity to every row,
 * so for each group g the search keeps the top {@code k + 1} rows of the whole matrix — a group v with similarity s
 * offers its members in ascending order, at most k + 1 of them — and a member i of g gets that list without i,
 * cut to k. Removing one row from a top-(k + 1) list leaves the top k of the other rows, so the result is the same
 * as a row-by-row search.
 *
 * <p><b>Product.</b> The distinct vectors are walked in column blocks of about 256 KB; each block is transposed once
 * into d rows of {@code block} floats and every query row then accumulates its similarities to the block's vectors
 * with an {@code axpy}-shaped loop, four query rows and two components at a time:
 * {@code s[j] = s[j] + x_t·b_t[j] + x_{t+1}·b_{t+1}[j]}, which Java evaluates left to right, so the sum keeps its
 * order while each accumulator is loaded and stored half as often (measured ≈ 1.8× faster than one component at a
 * time, single thread, same process; four or three components with four rows were slower). The loop indexes the accumulators and the transposed rows with the same index, which is the shape
 * HotSpot C2 auto-vectorises (a flat transposed array indexed {@code base + j} was measured ≈ 6× slower: C2 on JDK 17
 * cannot prove the two accesses independent). Query rows are split across
 * worker threads; between blocks the search checks cancellation and reports progress. A similarity is summed over
 * components in index order ({@code s = (((0 + x₀y₀) + x₁y₁) + …)}, no fused multiply-add in Java), so
 * {@code sim(i, j) == sim(j, i) == EmbeddingMatrix.cosine(i, j)} exactly, and results do not depend on the thread
 * count or on the grouping.
 *
 * <p>Ties are broken by neighbour index ascending; a row is never its own neighbour; k is capped at rows − 1.
 * Memory: the top lists, D·(k + 1) ints and floats, plus a copy of the D distinct vectors when D &lt; n.
 */
public final class ExactKnn implements KnnIndex {
    /** Default number of neighbours (method step 3). */
    public static final int DEFAULT_K = 5;

    private static final int BLOCK_BYTES = 256 * 1024;
    private static final int ROWS_PER_PASS = 4;

    private final int threads;

    /** A search using all available processors. */
    public ExactKnn() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A search using the given number of worker threads.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public ExactKnn(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public KnnResult search(EmbeddingMatrix embeddings, int k, StageContext context) throws CancelledException {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int n = embeddings.rows();
        int d = embeddings.dim();
        int kk = Math.min(k, Math.max(0, n - 1));
        if (kk == 0) {
            return new KnnResult(n, 0, new int[0], new float[0], false);
        }
        DistinctRows groups = embeddings.distinctRows();
        int distinct = groups.count();
        float[] a = distinct == n ? embeddings.raw() : representatives(embeddings, groups);
        // per group: the top kk + 1 rows of the whole matrix (the group's own members included)
        int top = kk + 1;
        int[] topIdx = new int[distinct * top];
        float[] topSim = new float[distinct * top];
        java.util.Arrays.fill(topIdx, -1);
        java.util.Arrays.fill(topSim, Float.NEGATIVE_INFINITY);
        Offers offers = new Offers(groups, top, topIdx, topSim);
        int block = Math.max(16, Math.min(distinct, (BLOCK_BYTES / 4 / d) / 16 * 16));
        float[][] bt = new float[d][block];
        int workers = Math.min(threads, Math.max(1, distinct / 64));
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "exact-knn");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (int cb = 0; cb < distinct; cb += block) {
                context.checkCancelled();
                int cw = Math.min(block, distinct - cb);
                for (int j = 0; j < cw; j++) {
                    int src = (cb + j) * d;
                    for (int t = 0; t < d; t++) {
                        bt[t][j] = a[src + t];
                    }
                }
                final int colStart = cb;
                if (pool == null) {
                    scanRows(a, d, bt, colStart, cw, 0, distinct, offers);
                } else {
                    List<Callable<Void>> tasks = new ArrayList<>(workers);
                    int per = (distinct + workers - 1) / workers;
                    for (int w = 0; w < workers; w++) {
                        int from = w * per;
                        int to = Math.min(distinct, from + per);
                        if (from >= to) {
                            break;
                        }
                        tasks.add(() -> {
                            scanRows(a, d, bt, colStart, cw, from, to, offers);
                            return null;
                        });
                    }
                    for (Future<Void> f : pool.invokeAll(tasks)) {
                        f.get();
                    }
                }
                context.progress((double) (cb + cw) / distinct, "exact kNN: " + (cb + cw) + " / " + distinct
                        + " distinct vectors" + (distinct < n ? " of " + n : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("kNN worker failed", e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return expand(groups, n, kk, topIdx, topSim);
    }

    /** The first row of every group, as one row-major array of D vectors. */
    private static float[] representatives(EmbeddingMatrix embeddings, DistinctRows groups) {
        int d = embeddings.dim();
        float[] all = embeddings.raw();
        float[] out = new float[groups.count() * d];
        for (int g = 0; g < groups.count(); g++) {
            System.arraycopy(all, groups.representative(g) * d, out, g * d, d);
        }
        return out;
    }

    /** Each row's k neighbours: its group's top k + 1 list without the row itself, cut to k. */
    private static KnnResult expand(DistinctRows groups, int n, int k, int[] topIdx, float[] topSim) {
        int top = k + 1;
        int[] idx = new int[n * k];
        float[] sim = new float[n * k];
        for (int i = 0; i < n; i++) {
            int from = groups.groupOf(i) * top;
            int out = i * k;
            for (int p = from; p < from + top && out < (i + 1) * k; p++) {
                if (topIdx[p] != i) {
                    idx[out] = topIdx[p];
                    sim[out] = topSim[p];
                    out++;
                }
            }
        }
        return new KnnResult(n, k, idx, sim, false);
    }

    /** Accumulates the similarities of query rows [from, to) to one transposed column block and updates top-k. */
    private static void scanRows(float[] a, int d, float[][] bt, int colStart, int cw, int from, int to, Offers offers) {
        float[] s0 = new float[cw];
        float[] s1 = new float[cw];
        float[] s2 = new float[cw];
        float[] s3 = new float[cw];
        int i = from;
        for (; i + ROWS_PER_PASS <= to; i += ROWS_PER_PASS) {
            java.util.Arrays.fill(s0, 0f);
            java.util.Arrays.fill(s1, 0f);
            java.util.Arrays.fill(s2, 0f);
            java.util.Arrays.fill(s3, 0f);
            int o0 = i * d;
            int o1 = o0 + d;
            int o2 = o1 + d;
            int o3 = o2 + d;
            int t = 0;
            for (; t + 1 < d; t += 2) {
                float x0 = a[o0 + t];
                float y0 = a[o0 + t + 1];
                float x1 = a[o1 + t];
                float y1 = a[o1 + t + 1];
                float x2 = a[o2 + t];
                float y2 = a[o2 + t + 1];
                float x3 = a[o3 + t];
                float y3 = a[o3 + t + 1];
                float[] bx = bt[t];
                float[] by = bt[t + 1];
                for (int j = 0; j < cw; j++) {
                    float b = bx[j];
                    float c = by[j];
                    s0[j] = s0[j] + x0 * b + y0 * c;
                    s1[j] = s1[j] + x1 * b + y1 * c;
                    s2[j] = s2[j] + x2 * b + y2 * c;
                    s3[j] = s3[j] + x3 * b + y3 * c;
                }
            }
            if (t < d) {
                float x0 = a[o0 + t];
                float x1 = a[o1 + t];
                float x2 = a[o2 + t];
                float x3 = a[o3 + t];
                float[] bx = bt[t];
                for (int j = 0; j < cw; j++) {
                    float b = bx[j];
                    s0[j] += x0 * b;
                    s1[j] += x1 * b;
                    s2[j] += x2 * b;
                    s3[j] += x3 * b;
                }
            }
            offers.offer(i, s0, colStart, cw);
            offers.offer(i + 1, s1, colStart, cw);
            offers.offer(i + 2, s2, colStart, cw);
            offers.offer(i + 3, s3, colStart, cw);
        }
        for (; i < to; i++) {
            java.util.Arrays.fill(s0, 0f);
            int o0 = i * d;
            for (int t = 0; t < d; t++) {
                float x0 = a[o0 + t];
                float[] bt0 = bt[t];
                for (int j = 0; j < cw; j++) {
                    s0[j] += x0 * bt0[j];
                }
            }
            offers.offer(i, s0, colStart, cw);
        }
    }

    /**
     * The per-group top lists, sorted by similarity descending and row ascending. A worker only writes the lists of
     * its own query groups.
     */
    private record Offers(DistinctRows groups, int top, int[] idx, float[] sim) {
        /**
         * Offers group {@code g} the rows of groups {@code colStart … colStart + cw − 1} with similarities {@code s}.
         * A group's members share one similarity and come in ascending order, so once one is rejected the rest are.
         */
        void offer(int g, float[] s, int colStart, int cw) {
            int[] members = groups.members();
            int off = g * top;
            int last = off + top - 1;
            float worst = sim[last];
            for (int j = 0; j < cw; j++) {
                float v = s[j];
                if (v < worst) {
                    continue;
                }
                int col = colStart + j;
                for (int m = groups.start(col), end = groups.start(col + 1); m < end; m++) {
                    int cand = members[m];
                    if (v == worst && idx[last] >= 0 && cand > idx[last]) {
                        break;
                    }
                    int p = last;
                    while (p > off && better(v, cand, sim[p - 1], idx[p - 1])) {
                        sim[p] = sim[p - 1];
                        idx[p] = idx[p - 1];
                        p--;
                    }
                    sim[p] = v;
                    idx[p] = cand;
                    worst = sim[last];
                }
            }
        }
    }

    private static boolean better(float v, int cand, float otherV, int otherIdx) {
        return v > otherV || (v == otherV && (otherIdx < 0 || cand < otherIdx));
    }

    @Override
    public String toString() {
        return "ExactKnn[threads=" + threads + "]";
    }
}

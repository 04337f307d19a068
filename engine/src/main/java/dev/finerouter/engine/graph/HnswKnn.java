package dev.finerouter.engine.graph;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Approximate cosine k-nearest-neighbour search with an HNSW graph (hnswlib-core, Malkov and Yashunin 2016), for
 * sets where {@link ExactKnn}'s O(n²·d) is too slow.
 *
 * <p>The index uses the inner-product distance {@code 1 − x·y}, which is cosine distance for L2-normalised rows.
 * Rows are inserted by {@code threads} workers; each worker checks cancellation before every insert and progress is
 * reported as the share of inserted plus queried rows (building ≈ the first half). Each row is then queried for
 * {@code k + 1} neighbours (it usually finds itself), its own id is dropped, and the survivors are re-scored with
 * the exact dot product summed in component order — the same float sum {@link ExactKnn} computes — and ordered by
 * similarity descending, ties by index ascending, as {@link KnnIndex} requires.
 *
 * <p><b>Determinism:</b> hnswlib-core 1.2.1 draws node levels from {@code ThreadLocalRandom} and has no seed, and
 * concurrent inserts interleave differently from run to run, so two builds over the same vectors can differ in
 * the rare neighbours they miss. The seed of the {@link StageContext} therefore cannot fix the result; recall is
 * what is guaranteed (measured ≥ 0.95 at k = 5 with the defaults, see the tests and docs/results). Use
 * {@link ExactKnn} when bit-identical graphs matter.
 */
public final class HnswKnn implements KnnIndex {
    /** Default maximum links per node (hnswlib's M). */
    public static final int DEFAULT_M = 16;
    /** Default candidate-list size while building. */
    public static final int DEFAULT_EF_CONSTRUCTION = 200;
    /** Default candidate-list size while searching (raised to k + 1 when smaller). */
    public static final int DEFAULT_EF = 64;

    private final int m;
    private final int efConstruction;
    private final int ef;
    private final int threads;

    /** An index with the defaults on all processors. */
    public HnswKnn() {
        this(DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF, Runtime.getRuntime().availableProcessors());
    }

    /**
     * An index with the given parameters.
     *
     * @param m maximum links per node, ≥ 2
     * @param efConstruction candidate-list size while building, ≥ 1
     * @param ef candidate-list size while searching, ≥ 1
     * @param threads worker threads for inserts and queries, ≥ 1
     */
    public HnswKnn(int m, int efConstruction, int ef, int threads) {
        if (m < 2 || efConstruction < 1 || ef < 1 || threads < 1) {
            throw new IllegalArgumentException("need m >= 2, efConstruction >= 1, ef >= 1, threads >= 1; got " + m + ", "
                    + efConstruction + ", " + ef + ", " + threads);
        }
        this.m = m;
        this.efConstruction = efConstruction;
        this.ef = ef;
        this.threads = threads;
    }

    /** One row as an hnswlib item; the vector is a view-free copy of the row. */
    private record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    @Override
    public KnnResult search(EmbeddingMatrix embeddings, int k, StageContext context) throws CancelledException {
        int n = embeddings.rows();
        int d = embeddings.dim();
        int kk = KnnIndex.cappedK(k, n);
        if (kk == 0) {
            return new KnnResult(n, 0, new int[0], new float[0], false);
        }
        float[] a = embeddings.raw();
        HnswIndex<Integer, float[], Row, Float> index = HnswIndex
                .newBuilder(d, DistanceFunctions.FLOAT_INNER_PRODUCT, n)
                .withM(m).withEfConstruction(efConstruction).withEf(Math.max(ef, kk + 1))
                .build();
        Row[] rows = new Row[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new Row(i, embeddings.row(i));
        }
        int[] idx = new int[n * kk];
        float[] sim = new float[n * kk];
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        int workers = Math.min(threads, Math.max(1, n / 256));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "hnsw-knn");
            t.setDaemon(true);
            return t;
        });
        try {
            runAll(pool, workers, n, i -> {
                if (context.isCancelled()) {
                    cancelled.set(true);
                    return false;
                }
                index.add(rows[i]);
                report(context, done.incrementAndGet(), n, "HNSW build");
                return true;
            });
            checkCancelled(cancelled, context);
            runAll(pool, workers, n, i -> {
                if (context.isCancelled()) {
                    cancelled.set(true);
                    return false;
                }
                List<SearchResult<Row, Float>> found = index.findNearest(rows[i].vector(), kk + 1);
                fill(i, found, a, d, kk, idx, sim);
                report(context, done.incrementAndGet(), n, "HNSW query");
                return true;
            });
            checkCancelled(cancelled, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            pool.shutdownNow();
        }
        return new KnnResult(n, kk, idx, sim, true);
    }

    private static void checkCancelled(AtomicBoolean cancelled, StageContext context) throws CancelledException {
        if (cancelled.get()) {
            throw new CancelledException();
        }
        context.checkCancelled();
    }

    private static void report(StageContext context, int done, int n, String what) {
        if (done % 1024 == 0 || done == 2 * n) {
            context.progress(done / (2.0 * n), what + ": " + Math.min(done, n) + (done > n ? " + " + (done - n) : "") + " / " + n);
        }
    }

    /** Per row: the unit of work; returns false to stop the worker (cancellation). */
    @FunctionalInterface
    private interface RowJob {
        boolean run(int row);
    }

    /** Runs {@code job} on rows 0..n−1, interleaved across workers (row w, w + workers, …). */
    private static void runAll(ExecutorService pool, int workers, int n, RowJob job) throws InterruptedException {
        List<Callable<Void>> tasks = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int start = w;
            tasks.add(() -> {
                for (int i = start; i < n; i += workers) {
                    if (!job.run(i)) {
                        break;
                    }
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("HNSW worker failed", e.getCause());
        }
    }

    /** Writes row {@code i}'s top-k (self dropped, exact similarities, sorted) into the output arrays. */
    private static void fill(int i, List<SearchResult<Row, Float>> found, float[] a, int d, int k, int[] idx, float[] sim) {
        int cap = Math.max(found.size(), k);
        int[] candIdx = new int[cap];
        float[] candSim = new float[cap];
        int count = 0;
        for (SearchResult<Row, Float> r : found) {
            int j = r.item().id();
            if (j != i) {
                candIdx[count] = j;
                candSim[count] = dot(a, i * d, j * d, d);
                count++;
            }
        }
        if (count < k) {
            // HNSW returned too few (tiny or degenerate sets): top up with the nearest unseen rows by brute force.
            count = topUp(i, a, d, k, candIdx, candSim, count);
        }
        // insertion sort: similarity descending, index ascending
        for (int x = 1; x < count; x++) {
            int ci = candIdx[x];
            float cs = candSim[x];
            int y = x - 1;
            while (y >= 0 && (candSim[y] < cs || (candSim[y] == cs && candIdx[y] > ci))) {
                candIdx[y + 1] = candIdx[y];
                candSim[y + 1] = candSim[y];
                y--;
            }
            candIdx[y + 1] = ci;
            candSim[y + 1] = cs;
        }
        System.arraycopy(candIdx, 0, idx, i * k, k);
        System.arraycopy(candSim, 0, sim, i * k, k);
    }

    /** Adds the most similar rows not yet listed until there are k; the arrays have room for k. */
    private static int topUp(int i, float[] a, int d, int k, int[] candIdx, float[] candSim, int count) {
        int n = a.length / d;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int x = 0; x < count; x++) {
            seen.add(candIdx[x]);
        }
        while (count < k) {
            int best = -1;
            float bestSim = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i && !seen.contains(j)) {
                    float s = dot(a, i * d, j * d, d);
                    if (best < 0 || s > bestSim) {
                        best = j;
                        bestSim = s;
                    }
                }
            }
            seen.add(best);
            candIdx[count] = best;
            candSim[count] = bestSim;
            count++;
        }
        return count;
    }

    private static float dot(float[] a, int oi, int oj, int d) {
        float s = 0f;
        for (int t = 0; t < d; t++) {
            s += a[oi + t] * a[oj + t];
        }
        return s;
    }

    @Override
    public String toString() {
        return "HnswKnn[m=" + m + ", efConstruction=" + efConstruction + ", ef=" + ef + ", threads=" + threads + "]";
    }
}

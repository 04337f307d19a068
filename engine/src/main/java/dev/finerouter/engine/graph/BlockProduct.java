package dev.finerouter.engine.graph;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The dot products of query vectors with column vectors, s(q, c) = Σ_t x_q[t]·y_c[t], by a blocked matrix product,
 * handed to a {@link Sink} one column block at a time (the sink keeps what it needs, e.g. the best few).
 *
 * <p><b>Kernel.</b> The columns are walked in blocks of about 256 KB; each block is transposed once into d rows of
 * {@code block} floats and every query then accumulates its products with the block's vectors with an
 * {@code axpy}-shaped loop, four queries and two components at a time:
 * {@code s[j] = s[j] + x_t·b_t[j] + x_{t+1}·b_{t+1}[j]}, which Java evaluates left to right, so the sum keeps its
 * order while each accumulator is loaded and stored half as often (measured ≈ 1.7× faster than one component at a
 * time, single thread, same process; four or three components with four queries were slower). The loop indexes the
 * accumulators and the transposed rows with the same index, which is the shape HotSpot C2 auto-vectorises (a flat
 * transposed array indexed {@code base + j} was measured ≈ 6× slower: C2 on JDK 17 cannot prove the two accesses
 * independent).
 *
 * <p><b>Exactness.</b> Every product is summed over the components in index order,
 * {@code s = (((0 + x₀y₀) + x₁y₁) + …)}, with no fused multiply-add (Java forbids contracting {@code a·b + c}), so
 * s(q, c) is bit-identical to {@link EmbeddingMatrix#cosine} of the same two vectors, symmetric, and independent of
 * the blocking and of the thread count.
 *
 * <p><b>Threads.</b> Queries are split across workers in contiguous ranges, so all sink calls for one query come from
 * one thread, in column order; the sink must only keep per-query state. Between blocks the product checks
 * cancellation and reports progress. Cost: O(queries · columns · d) multiply-adds; memory: one block (256 KB) plus
 * four accumulators of one block per worker.
 */
public final class BlockProduct implements AutoCloseable {
    /** Receives the products of one query with a run of columns. */
    public interface Sink {
        /**
         * @param query the query's row in the query matrix
         * @param s its products with the columns {@code columns[colStart, colStart + cw)}, in that order
         */
        void accept(int query, float[] s, int[] columns, int colStart, int cw);
    }

    private static final int BLOCK_BYTES = 256 * 1024;
    private static final int QUERIES_PER_PASS = 4;
    /** Below this many queries per worker, an extra worker costs more than it saves. */
    private static final int MIN_QUERIES_PER_WORKER = 64;

    private final int threads;
    private final ExecutorService pool;

    /**
     * A product on {@code threads} workers (the caller's thread alone when 1).
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public BlockProduct(int threads, String threadName) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Computes s(q, c) for the queries {@code queries[0, queryCount)} (rows of {@code x}) and the columns
     * {@code columns[0, columnCount)} (rows of {@code y}), both row-major with {@code d} components, and hands them to
     * the sink block by block.
     *
     * @param context cancellation (between blocks) and progress (columns done / columnCount)
     * @throws CancelledException when cancelled
     */
    public void run(float[] x, int[] queries, int queryCount, float[] y, int[] columns, int columnCount, int d, Sink sink,
            StageContext context) throws CancelledException {
        if (queryCount == 0 || columnCount == 0) {
            return;
        }
        int block = Math.max(16, Math.min(columnCount, (BLOCK_BYTES / 4 / d) / 16 * 16));
        float[][] bt = new float[d][block];
        int workers = Math.min(threads, Math.max(1, queryCount / MIN_QUERIES_PER_WORKER));
        try {
            for (int cb = 0; cb < columnCount; cb += block) {
                context.checkCancelled();
                int cw = Math.min(block, columnCount - cb);
                for (int j = 0; j < cw; j++) {
                    int src = columns[cb + j] * d;
                    for (int t = 0; t < d; t++) {
                        bt[t][j] = y[src + t];
                    }
                }
                final int colStart = cb;
                if (workers == 1) {
                    scan(x, d, queries, 0, queryCount, bt, columns, colStart, cw, sink);
                } else {
                    List<Callable<Void>> tasks = new ArrayList<>(workers);
                    int per = (queryCount + workers - 1) / workers;
                    for (int w = 0; w < workers; w++) {
                        int from = w * per;
                        int to = Math.min(queryCount, from + per);
                        if (from < to) {
                            tasks.add(() -> {
                                scan(x, d, queries, from, to, bt, columns, colStart, cw, sink);
                                return null;
                            });
                        }
                    }
                    for (Future<Void> f : pool.invokeAll(tasks)) {
                        f.get();
                    }
                }
                context.progress((double) (cb + cw) / columnCount, (cb + cw) + " / " + columnCount + " vectors");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("block product worker failed", e.getCause());
        }
    }

    /** The products of queries[from, to) with one transposed column block, handed to the sink. */
    private static void scan(float[] x, int d, int[] queries, int from, int to, float[][] bt, int[] columns, int colStart,
            int cw, Sink sink) {
        float[] s0 = new float[cw];
        float[] s1 = new float[cw];
        float[] s2 = new float[cw];
        float[] s3 = new float[cw];
        int i = from;
        for (; i + QUERIES_PER_PASS <= to; i += QUERIES_PER_PASS) {
            Arrays.fill(s0, 0f);
            Arrays.fill(s1, 0f);
            Arrays.fill(s2, 0f);
            Arrays.fill(s3, 0f);
            int o0 = queries[i] * d;
            int o1 = queries[i + 1] * d;
            int o2 = queries[i + 2] * d;
            int o3 = queries[i + 3] * d;
            int t = 0;
            for (; t + 1 < d; t += 2) {
                float x0 = x[o0 + t];
                float y0 = x[o0 + t + 1];
                float x1 = x[o1 + t];
                float y1 = x[o1 + t + 1];
                float x2 = x[o2 + t];
                float y2 = x[o2 + t + 1];
                float x3 = x[o3 + t];
                float y3 = x[o3 + t + 1];
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
                float x0 = x[o0 + t];
                float x1 = x[o1 + t];
                float x2 = x[o2 + t];
                float x3 = x[o3 + t];
                float[] bx = bt[t];
                for (int j = 0; j < cw; j++) {
                    float b = bx[j];
                    s0[j] += x0 * b;
                    s1[j] += x1 * b;
                    s2[j] += x2 * b;
                    s3[j] += x3 * b;
                }
            }
            sink.accept(queries[i], s0, columns, colStart, cw);
            sink.accept(queries[i + 1], s1, columns, colStart, cw);
            sink.accept(queries[i + 2], s2, columns, colStart, cw);
            sink.accept(queries[i + 3], s3, columns, colStart, cw);
        }
        for (; i < to; i++) {
            Arrays.fill(s0, 0f);
            int o0 = queries[i] * d;
            for (int t = 0; t < d; t++) {
                float x0 = x[o0 + t];
                float[] bx = bt[t];
                for (int j = 0; j < cw; j++) {
                    s0[j] += x0 * bx[j];
                }
            }
            sink.accept(queries[i], s0, columns, colStart, cw);
        }
    }

    /** The identity list 0, 1, …, count − 1 (all rows as queries or columns). */
    public static int[] all(int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = i;
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

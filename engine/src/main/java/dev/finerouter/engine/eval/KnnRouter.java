package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.Arrays;

/**
 * Baseline: the k nearest training prompts by embedding cosine vote with their known scores. The estimate of model
 * M for prompt p is the mean of M's known scores over p's k nearest training prompts (NaN when none of them knows
 * M); the router takes the argmax, or with the cost knob the cheapest model within (1 − λ) of the best estimate
 * ({@link ToleranceChoice}). k is tuned on dev from {@link #K_GRID} by Qual at λ = 0 (ties: smaller k).
 */
public final class KnnRouter implements RouterUnderTest {
    /** The candidate values of k. */
    public static final int[] K_GRID = {5, 10, 20, 50, 100, 200, 500};

    private final EvaluationData data;
    private final int k;
    private int[] cachedRows;
    private int[][] cachedNeighbours;

    private KnnRouter(EvaluationData data, int k) {
        this.data = data;
        this.k = k;
    }

    /** A kNN router with a fixed k (no tuning). */
    public static KnnRouter withK(EvaluationData data, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0");
        }
        return new KnnRouter(data, k);
    }

    /** Tunes k on the dev split (falls back to 10 without dev prompts). */
    public static KnnRouter fit(EvaluationData data) {
        try {
            return fit(data, StageContext.silent(0));
        } catch (CancelledException e) {
            throw new IllegalStateException("a silent context is never cancelled", e);
        }
    }

    /**
     * Tunes k on the dev split (falls back to 10 without dev prompts), checking {@code ctx} for cancellation between
     * grid points.
     *
     * @throws CancelledException when cancelled
     */
    public static KnnRouter fit(EvaluationData data, StageContext ctx) throws CancelledException {
        ctx.checkCancelled();
        EvaluationSplit dev = data.split(Split.DEV);
        if (dev.size() == 0) {
            return new KnnRouter(data, 10);
        }
        int bestK = K_GRID[0];
        double bestQual = Double.NEGATIVE_INFINITY;
        KnnRouter probe = new KnnRouter(data, K_GRID[K_GRID.length - 1]);
        int[][] neighbours = probe.neighbours(dev);
        for (int k : K_GRID) {
            ctx.checkCancelled();
            KnnRouter r = new KnnRouter(data, k);
            double q = EvaluationMetrics.qual(dev, r.routeWith(dev, neighbours, 0));
            if (q > bestQual + 1e-12) {
                bestQual = q;
                bestK = k;
            }
        }
        return new KnnRouter(data, bestK);
    }

    /** The k in use. */
    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "kNN";
    }

    @Override
    public boolean hasCostKnob() {
        return true;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        return routeWith(split, neighbours(split), tolerance);
    }

    private int[] routeWith(EvaluationSplit split, int[][] neighbours, double tolerance) {
        int m = data.models();
        int[] out = new int[split.size()];
        double[] est = new double[m];
        for (int i = 0; i < out.length; i++) {
            int[] nb = neighbours[i];
            int use = Math.min(k, nb.length);
            for (int j = 0; j < m; j++) {
                double sum = 0;
                int count = 0;
                for (int t = 0; t < use; t++) {
                    float s = data.score(nb[t], j);
                    if (!Float.isNaN(s)) {
                        sum += s;
                        count++;
                    }
                }
                est[j] = count == 0 ? Double.NaN : sum / count;
            }
            out[i] = ToleranceChoice.choose(est, data, split.row(i), tolerance);
        }
        return out;
    }

    /** The nearest training rows of each prompt, best first (at most max(k, 50)); cached for the last split. */
    private synchronized int[][] neighbours(EvaluationSplit split) {
        int[] rows = split.rows();
        if (cachedRows != null && Arrays.equals(cachedRows, rows)) {
            return cachedNeighbours;
        }
        int[] train = data.train();
        int want = Math.min(Math.max(k, K_GRID[K_GRID.length - 1]), train.length);
        int[][] out = new int[rows.length][];
        double[] sims = new double[train.length];
        for (int i = 0; i < rows.length; i++) {
            int q = rows[i];
            for (int t = 0; t < train.length; t++) {
                sims[t] = train[t] == q ? Double.NEGATIVE_INFINITY : data.cosine(q, train[t]);
            }
            out[i] = topIndices(sims, train, want);
        }
        cachedRows = rows;
        cachedNeighbours = out;
        return out;
    }

    /** The rows of the {@code want} highest similarities, best first; ties by lower row. */
    private static int[] topIndices(double[] sims, int[] rows, int want) {
        int[] heapIdx = new int[want];
        int size = 0;
        // simple insertion into a sorted buffer: want <= 50, so O(n · want) worst case but typically O(n)
        for (int t = 0; t < sims.length; t++) {
            if (sims[t] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            if (size == want && !better(sims, rows, t, heapIdx[size - 1])) {
                continue;
            }
            int pos = size < want ? size++ : want - 1;
            while (pos > 0 && better(sims, rows, t, heapIdx[pos - 1])) {
                heapIdx[pos] = heapIdx[pos - 1];
                pos--;
            }
            heapIdx[pos] = t;
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = rows[heapIdx[i]];
        }
        return out;
    }

    private static boolean better(double[] sims, int[] rows, int a, int b) {
        return sims[a] > sims[b] || (sims[a] == sims[b] && rows[a] < rows[b]);
    }
}

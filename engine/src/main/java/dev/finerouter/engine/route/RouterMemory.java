package dev.finerouter.engine.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The training prompts a router remembers: their L2-normalised embeddings and their known scores per model, so a new
 * prompt's quality can be estimated from the outcomes of its nearest training prompts ({@link RobustRule}). The
 * neighbours are found by text alone (cosine of embeddings), so their scores are an out-of-sample estimate for the new
 * prompt: no outcome was used to group them.
 *
 * <p>The prompts' ids in the training data are kept when known ({@link #promptIds()}): routing never reads them, model
 * onboarding ({@code dev.finerouter.engine.onboard}) uses them to find the prompts' texts.
 *
 * <p>Exact search: one dot product per remembered prompt, parallel over queries; many queries at once go through
 * {@link ScreenedNearest} (a vectorised block product screens, the same dot product ranks: identical results, several
 * times faster). Immutable and thread-safe.
 */
public final class RouterMemory {
    private final float[] embeddings;
    private final int n;
    private final int dim;
    private final float[] scores;
    private final int models;
    private final List<String> promptIds;
    /** Known scores per model, counted once on first use ({@link #scoredCounts}); the memory never changes. */
    private volatile int[] scoredCounts;

    /**
     * @param embeddings row-major n × dim embeddings (normalised here; a zero row stays zero)
     * @param n number of remembered prompts (&gt; 0)
     * @param dim embedding dimension
     * @param scores row-major n × models known scores in [0, 1], NaN = missing
     * @param models number of models
     */
    public RouterMemory(float[] embeddings, int n, int dim, float[] scores, int models) {
        this(embeddings, n, dim, scores, models, null);
    }

    /**
     * As above, with the prompts' ids.
     *
     * @param promptIds the id of each remembered prompt in the training data (n distinct, non-blank), or {@code null}
     *                  when unknown (bundles written before ids were kept)
     */
    public RouterMemory(float[] embeddings, int n, int dim, float[] scores, int models, List<String> promptIds) {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(scores, "scores");
        if (n <= 0 || dim <= 0 || models <= 0) {
            throw new IllegalArgumentException("a memory needs prompts, a dimension and models: n=" + n + ", dim=" + dim + ", models=" + models);
        }
        if (embeddings.length != (long) n * dim || scores.length != (long) n * models) {
            throw new IllegalArgumentException("memory shapes do not match: " + embeddings.length + " embedding floats and "
                    + scores.length + " scores for " + n + " prompts × " + dim + " dims × " + models + " models");
        }
        for (float s : scores) {
            if (!Float.isNaN(s) && !(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("memory scores must be in [0, 1] or NaN, found " + s);
            }
        }
        this.embeddings = embeddings.clone();
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                float v = this.embeddings[i * dim + d];
                norm += v * v;
            }
            if (norm > 0) {
                float inv = (float) (1 / Math.sqrt(norm));
                for (int d = 0; d < dim; d++) {
                    this.embeddings[i * dim + d] *= inv;
                }
            }
        }
        this.n = n;
        this.dim = dim;
        this.scores = scores.clone();
        this.models = models;
        if (promptIds != null) {
            if (promptIds.size() != n) {
                throw new IllegalArgumentException(promptIds.size() + " prompt ids for " + n + " remembered prompts");
            }
            if (promptIds.stream().anyMatch(id -> id == null || id.isBlank()) || promptIds.stream().distinct().count() != n) {
                throw new IllegalArgumentException("remembered prompt ids must be non-blank and distinct");
            }
        }
        this.promptIds = promptIds == null ? null : List.copyOf(promptIds);
    }

    /**
     * This memory with one more model: its known scores {@code column} (one per remembered prompt, NaN = unknown, in
     * [0, 1] otherwise) become the last column; embeddings and ids are kept.
     */
    public RouterMemory withModel(float[] column) {
        if (column.length != n) {
            throw new IllegalArgumentException("a new model's column needs " + n + " scores, got " + column.length);
        }
        float[] wider = new float[n * (models + 1)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(scores, i * models, wider, i * (models + 1), models);
            wider[i * (models + 1) + models] = column[i];
        }
        return new RouterMemory(embeddings, n, dim, wider, models + 1, promptIds);
    }

    /** The remembered prompts' ids in the training data, in memory order, or {@code null} when the bundle did not keep them. */
    public List<String> promptIds() {
        return promptIds;
    }

    /**
     * The {@code k} nearest remembered prompts of each query by cosine, best first (ties: lower index).
     *
     * @param queries row-major q × dim query embeddings (need not be normalised: the order is the same)
     * @param q number of queries
     * @param k neighbours per query; at most {@link #size()} are found
     * @return row-major q × min(k, size) remembered-prompt indices
     */
    public int[] nearest(float[] queries, int q, int k) {
        if (queries.length != (long) q * dim) {
            throw new IllegalArgumentException(q + " queries of dimension " + dim + " need " + (long) q * dim + " floats, got "
                    + queries.length);
        }
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, was " + k);
        }
        int kk = Math.min(k, n);
        if ((long) q * n >= ScreenedNearest.MIN_PRODUCTS && q > 1) {
            int[] offsets = new int[q];
            int[] skip = new int[q];
            for (int i = 0; i < q; i++) {
                offsets[i] = i * dim;
                skip[i] = -1;
            }
            int[] screened = ScreenedNearest.nearest(embeddings, n, dim, queries, offsets, skip, kk);
            if (screened != null) {
                return screened;
            }
        }
        int[] out = new int[q * kk];
        IntStream.range(0, q).parallel().forEach(i -> topK(queries, i * dim, kk, out, i * kk));
        return out;
    }

    /**
     * Leave-one-out neighbours: the {@code k} nearest remembered prompts of each remembered prompt in {@code rows},
     * the prompt itself excluded, best first (ties: lower index). What a new prompt at that place would see.
     *
     * @param rows remembered-prompt indices
     * @param k neighbours per prompt; at most {@link #size()} − 1 are found
     * @return row-major rows.length × min(k, size − 1) indices
     */
    public int[] nearestExcludingSelf(int[] rows, int k) {
        if (k <= 0 || n < 2) {
            throw new IllegalArgumentException("leave-one-out neighbours need k > 0 and two remembered prompts: k=" + k + ", n=" + n);
        }
        int kk = Math.min(k, n - 1);
        for (int row : rows) {
            if (row < 0 || row >= n) {
                throw new IllegalArgumentException("row " + row + " is not a remembered prompt");
            }
        }
        if ((long) rows.length * n >= ScreenedNearest.MIN_PRODUCTS && rows.length > 1) {
            int[] offsets = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                offsets[i] = rows[i] * dim;
            }
            int[] screened = ScreenedNearest.nearest(embeddings, n, dim, embeddings, offsets, rows, kk);
            if (screened != null) {
                return screened;
            }
        }
        int[] out = new int[rows.length * kk];
        IntStream.range(0, rows.length).parallel().forEach(i -> topK(embeddings, rows[i] * dim, kk, out, i * kk, rows[i]));
        return out;
    }

    /**
     * Leave-one-out neighbours that also leave out the prompt's copies: as {@link #nearestExcludingSelf}, with every
     * remembered prompt whose embedding is bit-for-bit the row's (the same text remembered twice: the encoder is
     * deterministic) skipped too. A new prompt never has such a copy in memory, because splitting keeps identical
     * texts together ({@code DatasetSplitter}); a left-out prompt judged with its copy among its neighbours sees its
     * own outcomes and flatters small k.
     *
     * @param rows remembered-prompt indices
     * @param k neighbours per prompt
     * @return row-major rows.length × w indices, w = min(k, size − 1 − the most copies any of {@code rows} has); when
     *         that leaves no neighbour (every remembered prompt is one text), {@link #nearestExcludingSelf}'s result
     */
    public int[] nearestExcludingCopies(int[] rows, int k) {
        Map<Integer, List<Integer>> byHash = new HashMap<>();
        for (int j = 0; j < n; j++) {
            byHash.computeIfAbsent(rowHash(j), h -> new ArrayList<>()).add(j);
        }
        int[][] copies = new int[rows.length][];
        int most = 0;
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            List<Integer> bucket = byHash.getOrDefault(rowHash(row), List.of());
            copies[i] = bucket.stream().mapToInt(Integer::intValue).filter(j -> j != row && sameRow(j, row)).sorted().toArray();
            most = Math.max(most, copies[i].length);
        }
        int width = Math.min(k, n - 1 - most);
        if (most == 0 || width <= 0) {
            return nearestExcludingSelf(rows, k);
        }
        int fetch = width + most; // ≤ n − 1; after skipping a row's copies at least width remain
        int[] raw = nearestExcludingSelf(rows, fetch);
        int[] out = new int[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            int kept = 0;
            for (int b = 0; b < fetch && kept < width; b++) {
                int nb = raw[i * fetch + b];
                if (Arrays.binarySearch(copies[i], nb) < 0) {
                    out[i * width + kept++] = nb;
                }
            }
        }
        return out;
    }

    /** Hash of a remembered embedding's bits. */
    private int rowHash(int row) {
        int h = 1;
        for (int d = 0; d < dim; d++) {
            h = 31 * h + Float.floatToRawIntBits(embeddings[row * dim + d]);
        }
        return h;
    }

    /** Whether two remembered embeddings are bit-for-bit the same. */
    private boolean sameRow(int a, int b) {
        for (int d = 0; d < dim; d++) {
            if (Float.floatToRawIntBits(embeddings[a * dim + d]) != Float.floatToRawIntBits(embeddings[b * dim + d])) {
                return false;
            }
        }
        return true;
    }

    private void topK(float[] queries, int offset, int k, int[] out, int outOffset) {
        topK(queries, offset, k, out, outOffset, -1);
    }

    private void topK(float[] queries, int offset, int k, int[] out, int outOffset, int skip) {
        int[] idx = new int[k];
        float[] sim = new float[k];
        Arrays.fill(sim, Float.NEGATIVE_INFINITY);
        Arrays.fill(idx, Integer.MAX_VALUE);
        for (int j = 0; j < n; j++) {
            if (j == skip) {
                continue;
            }
            float s = dot(queries, offset, embeddings, j * dim, dim);
            if (s <= sim[k - 1]) {
                continue; // not better than the worst kept (ties keep the lower index, which came first)
            }
            int pos = k - 1;
            while (pos > 0 && s > sim[pos - 1]) {
                sim[pos] = sim[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            sim[pos] = s;
            idx[pos] = j;
        }
        System.arraycopy(idx, 0, out, outOffset, k);
    }

    /**
     * The dot product of {@code a[ao, ao + len)} and {@code b[bo, bo + len)} in eight interleaved partial sums, added
     * up in a fixed order at the end: one dependency chain per lane instead of one for the whole vector, so the CPU
     * overlaps the additions (about 4× faster than a single running sum on the serving path). The order of operations
     * is fixed, so the result is the same bits on every run, thread and batch.
     */
    static float dot(float[] a, int ao, float[] b, int bo, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int d = 0;
        for (; d + 8 <= len; d += 8) {
            s0 += a[ao + d] * b[bo + d];
            s1 += a[ao + d + 1] * b[bo + d + 1];
            s2 += a[ao + d + 2] * b[bo + d + 2];
            s3 += a[ao + d + 3] * b[bo + d + 3];
            s4 += a[ao + d + 4] * b[bo + d + 4];
            s5 += a[ao + d + 5] * b[bo + d + 5];
            s6 += a[ao + d + 6] * b[bo + d + 6];
            s7 += a[ao + d + 7] * b[bo + d + 7];
        }
        for (; d < len; d++) {
            s0 += a[ao + d] * b[bo + d];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The known score of remembered prompt {@code i} for model {@code m} (NaN = missing). */
    public float score(int i, int m) {
        return scores[i * models + m];
    }

    /** Number of remembered prompts. */
    public int size() {
        return n;
    }

    /** Embedding dimension. */
    public int dimension() {
        return dim;
    }

    /** Number of models. */
    public int models() {
        return models;
    }

    /** A copy of the normalised embeddings, row-major. */
    public float[] embeddings() {
        return embeddings.clone();
    }

    /** The normalised embeddings of the given remembered prompts, row-major in {@code rows} order. */
    public float[] embeddings(int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(embeddings, rows[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    /** A copy of the scores, row-major (NaN = missing). */
    public float[] scores() {
        return scores.clone();
    }

    /** How many remembered prompts have a known score of each model. */
    public int[] scoredCounts() {
        int[] counts = scoredCounts;
        if (counts == null) {
            counts = new int[models];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < models; m++) {
                    if (!Float.isNaN(scores[i * models + m])) {
                        counts[m]++;
                    }
                }
            }
            scoredCounts = counts;
        }
        return counts.clone();
    }

    /** Per-model mean of the known scores (NaN for a model with none). */
    public float[] meanScores() {
        double[] sum = new double[models];
        int[] count = new int[models];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < models; m++) {
                float s = scores[i * models + m];
                if (!Float.isNaN(s)) {
                    sum[m] += s;
                    count[m]++;
                }
            }
        }
        float[] out = new float[models];
        for (int m = 0; m < models; m++) {
            out[m] = count[m] == 0 ? Float.NaN : (float) (sum[m] / count[m]);
        }
        return out;
    }
}

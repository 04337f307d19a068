package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything a router evaluation needs, fixed once: the dataset, its train/dev/test rows, an embedding of every
 * prompt, the cost of every (prompt, model) call and the benchmark label of every prompt.
 *
 * <p>Arrays are copied in and never handed out (accessors return single values or copies).
 *
 * @param dataset the routing dataset (true scores; NaN = missing)
 * @param train row indices used to fit routers
 * @param dev row indices used to tune routers' hyper-parameters
 * @param test row indices on which routers are reported
 * @param embeddings row-major n × dim prompt embeddings of ALL rows, each L2-normalised
 * @param dim embedding dimension (> 0)
 * @param costs row-major n × m cost of calling model j on prompt i (from {@link RoutingDataset#cost})
 * @param labels benchmark label per row ({@link #NO_LABEL} when the prompt has none)
 * @param costModel the cost assumptions used to build {@code costs}
 */
public record EvaluationData(RoutingDataset dataset, int[] train, int[] dev, int[] test, float[] embeddings, int dim,
                             double[] costs, String[] labels, CostModel costModel) {
    /** The label of prompts without a benchmark label. */
    public static final String NO_LABEL = "(none)";

    /** Validates and copies. */
    public EvaluationData {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(costModel, "costModel");
        int n = dataset.size();
        int m = dataset.pool().size();
        train = checkRows("train", train, n);
        dev = checkRows("dev", dev, n);
        test = checkRows("test", test, n);
        if (train.length == 0 || test.length == 0) {
            throw new IllegalArgumentException("train and test need at least one row each");
        }
        if (dim <= 0 || embeddings.length != (long) n * dim) {
            throw new IllegalArgumentException("expected " + n + " x " + dim + " embeddings, got " + embeddings.length + " values");
        }
        if (costs.length != (long) n * m) {
            throw new IllegalArgumentException("expected " + n + " x " + m + " costs, got " + costs.length);
        }
        for (double c : costs) {
            if (!(c >= 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("costs must be finite and >= 0, got " + c);
            }
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("expected " + n + " labels, got " + labels.length);
        }
        embeddings = embeddings.clone();
        costs = costs.clone();
        labels = labels.clone();
        for (int i = 0; i < n; i++) {
            if (labels[i] == null) {
                labels[i] = NO_LABEL;
            }
        }
    }

    private static int[] checkRows(String what, int[] rows, int n) {
        Objects.requireNonNull(rows, what);
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException(what + " row " + r + " out of range 0.." + (n - 1));
            }
        }
        return rows.clone();
    }

    /**
     * Builds the data from a dataset whose prompts all have a split: costs from {@link RoutingDataset#cost} with
     * {@code costModel}, labels from the prompts' {@code task}.
     *
     * @param embeddings row-major n × dim, L2-normalised
     */
    public static EvaluationData of(RoutingDataset dataset, float[] embeddings, int dim, CostModel costModel) {
        if (!dataset.hasCompleteSplits()) {
            throw new IllegalArgumentException("every prompt needs a split (split or re-split the dataset first)");
        }
        int n = dataset.size();
        int m = dataset.pool().size();
        double[] costs = new double[n * m];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                costs[i * m + j] = dataset.cost(i, j, costModel);
            }
            labels[i] = dataset.prompts().get(i).task();
        }
        return new EvaluationData(dataset, dataset.indicesOf(Split.TRAIN), dataset.indicesOf(Split.DEV),
                dataset.indicesOf(Split.TEST), embeddings, dim, costs, labels, costModel);
    }

    /** Number of prompts (all splits). */
    public int rows() {
        return dataset.size();
    }

    /** Number of models in the pool. */
    public int models() {
        return dataset.pool().size();
    }

    /** The true score of (row, model), NaN when missing. */
    public float score(int row, int model) {
        return dataset.scores().get(row, model);
    }

    /** The cost of calling {@code model} on prompt {@code row}. */
    public double cost(int row, int model) {
        return costs[row * models() + model];
    }

    /** A copy of the costs of all models for one prompt. */
    public double[] costRow(int row) {
        int m = models();
        return Arrays.copyOfRange(costs, row * m, (row + 1) * m);
    }

    /** Component {@code k} of the embedding of {@code row}. */
    public float embedding(int row, int k) {
        return embeddings[row * dim + k];
    }

    /** A copy of the embedding of one row. */
    public float[] embeddingRow(int row) {
        return Arrays.copyOfRange(embeddings, row * dim, (row + 1) * dim);
    }

    /** Cosine similarity of two rows (dot product: embeddings are L2-normalised). */
    public double cosine(int a, int b) {
        double s = 0;
        int oa = a * dim;
        int ob = b * dim;
        for (int k = 0; k < dim; k++) {
            s += (double) embeddings[oa + k] * embeddings[ob + k];
        }
        return s;
    }

    /** Dot product of the embedding of {@code row} with a vector of length {@code dim}. */
    public double dot(int row, float[] vector) {
        double s = 0;
        int o = row * dim;
        for (int k = 0; k < dim; k++) {
            s += (double) embeddings[o + k] * vector[k];
        }
        return s;
    }

    /** The benchmark label of one row ({@link #NO_LABEL} when none). */
    public String label(int row) {
        return labels[row];
    }

    /** Whether the pool has any price (otherwise every call costs 1: the equal-cost assumption). */
    public boolean pricesKnown() {
        return dataset.pool().anyCostKnown() || dataset.observedCosts() != null;
    }

    /** The rows of one split. */
    public EvaluationSplit split(Split which) {
        return new EvaluationSplit(this, which, switch (which) {
            case TRAIN -> train;
            case DEV -> dev;
            case TEST -> test;
        });
    }

    /** The training rows (copy). */
    @Override
    public int[] train() {
        return train.clone();
    }

    /** The dev rows (copy). */
    @Override
    public int[] dev() {
        return dev.clone();
    }

    /** The test rows (copy). */
    @Override
    public int[] test() {
        return test.clone();
    }

    /** A copy of all embeddings. */
    @Override
    public float[] embeddings() {
        return embeddings.clone();
    }

    /** A copy of all costs. */
    @Override
    public double[] costs() {
        return costs.clone();
    }

    /** A copy of all labels. */
    @Override
    public String[] labels() {
        return labels.clone();
    }
}

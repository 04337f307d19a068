package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.route.QualityRouter;
import dev.finerouter.engine.route.RoutingPolicy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adapter that routes with the method's rule ({@link QualityRouter}: Q_final = α·norm(Q̃) + (1 − α)·norm(Q̄_t),
 * then the tolerance λ) from predictions made elsewhere (the pipeline's estimator). It trains nothing.
 *
 * <p>For a prompt with task t ≥ 0, t's candidates are compared with Q̄_t; for Others (−1) all models with Q̄_∅. The
 * full router uses the per-task predictions and α (paper: 0.5); Stage-2-only ({@link #stage2Only}) uses α = 1,
 * compares all models and puts every prompt in Others (the caller passes predictions of the general adapters only).
 * The cost knob is the tolerance λ of {@link RoutingPolicy}.
 */
public final class PredictedQualityRouter implements RouterUnderTest {
    private final String name;
    private final Map<Integer, Integer> positionOfRow;
    private final float[] predicted;
    private final int[] task;
    private final int[][] candidates;
    private final float[][] medians;
    private final float[] othersMedian;
    private final double alpha;
    private final int m;

    /**
     * Creates the adapter.
     *
     * @param name display name
     * @param rows dataset rows the predictions are for (each once)
     * @param predicted row-major rows.length × models predicted quality Q̃ (NaN = none)
     * @param task task per row in {@code rows} order (−1 = Others)
     * @param candidates candidate models per task
     * @param medians Q̄_t per task (one value per model)
     * @param othersMedian Q̄_∅ (one value per model)
     * @param alpha α in [0, 1]
     */
    public PredictedQualityRouter(String name, int[] rows, float[] predicted, int[] task, int[][] candidates, float[][] medians,
                                  float[] othersMedian, double alpha) {
        this.name = Objects.requireNonNull(name, "name");
        new RoutingPolicy(alpha, 0, null); // validates α
        this.m = othersMedian.length;
        if (m == 0 || predicted.length != (long) rows.length * m || task.length != rows.length || candidates.length != medians.length) {
            throw new IllegalArgumentException("shapes do not match: " + rows.length + " rows, " + m + " models, "
                    + candidates.length + " tasks");
        }
        this.positionOfRow = new HashMap<>(rows.length * 2);
        for (int i = 0; i < rows.length; i++) {
            if (positionOfRow.put(rows[i], i) != null) {
                throw new IllegalArgumentException("row " + rows[i] + " occurs twice");
            }
            if (task[i] < -1 || task[i] >= candidates.length) {
                throw new IllegalArgumentException("task " + task[i] + " of row " + rows[i] + " is out of range");
            }
        }
        for (int t = 0; t < candidates.length; t++) {
            if (candidates[t].length == 0 || medians[t].length != m) {
                throw new IllegalArgumentException("task " + t + " needs candidates and " + m + " medians");
            }
            for (int c : candidates[t]) {
                if (c < 0 || c >= m) {
                    throw new IllegalArgumentException("candidate " + c + " of task " + t + " is not a model");
                }
            }
        }
        this.predicted = predicted.clone();
        this.task = task.clone();
        this.candidates = Arrays.stream(candidates).map(int[]::clone).toArray(int[][]::new);
        this.medians = Arrays.stream(medians).map(float[]::clone).toArray(float[][]::new);
        this.othersMedian = othersMedian.clone();
        this.alpha = alpha;
    }

    /** The full router from a Stage-1 discovery (candidates, Q̄_t, Q̄_∅) and per-row predictions and tasks. */
    public static PredictedQualityRouter fromDiscovery(String name, TaskDiscovery discovery, int[] rows, float[] predicted,
                                                       int[] task, double alpha) {
        int k = discovery.tasks().size();
        int[][] candidates = new int[k][];
        float[][] medians = new float[k][];
        for (DiscoveredTask t : discovery.tasks()) {
            candidates[t.id()] = t.candidates();
            medians[t.id()] = t.medianScorePerModel();
        }
        return new PredictedQualityRouter(name, rows, predicted, task, candidates, medians,
                discovery.othersMedianScorePerModel(), alpha);
    }

    /** Stage-2-only: α = 1, all models compared, no tasks (the predictions come from the general adapters only). */
    public static PredictedQualityRouter stage2Only(String name, int[] rows, float[] predicted, int models) {
        int[] task = new int[rows.length];
        Arrays.fill(task, -1);
        float[] none = new float[models];
        Arrays.fill(none, Float.NaN);
        return new PredictedQualityRouter(name, rows, predicted, task, new int[0][], new float[0][], none, 1.0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasCostKnob() {
        return true;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        RoutingPolicy policy = new RoutingPolicy(alpha, tolerance, null);
        EvaluationData data = split.data();
        if (data.models() != m) {
            throw new IllegalArgumentException("predictions are for " + m + " models, the data has " + data.models());
        }
        int[] all = new int[m];
        for (int j = 0; j < m; j++) {
            all[j] = j;
        }
        int[] out = new int[split.size()];
        float[] q = new float[m];
        for (int i = 0; i < out.length; i++) {
            int pos = position(split.row(i));
            System.arraycopy(predicted, pos * m, q, 0, m);
            int t = task[pos];
            int[] compared = t >= 0 ? candidates[t] : all;
            float[] med = t >= 0 ? medians[t] : othersMedian;
            out[i] = QualityRouter.route(t, compared, q, med, data.costRow(split.row(i)), policy).chosenModel();
        }
        return out;
    }

    /** The task per prompt; {@code null} for Stage-2-only (no tasks). */
    @Override
    public int[] tasks(EvaluationSplit split) {
        if (candidates.length == 0) {
            return null;
        }
        int[] out = new int[split.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = task[position(split.row(i))];
        }
        return out;
    }

    private int position(int row) {
        Integer pos = positionOfRow.get(row);
        if (pos == null) {
            throw new IllegalArgumentException("no prediction for row " + row);
        }
        return pos;
    }
}

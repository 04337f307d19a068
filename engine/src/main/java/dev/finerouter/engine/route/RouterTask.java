package dev.finerouter.engine.route;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the router keeps of one discovered task.
 *
 * @param id task id (index)
 * @param summary short description of the task
 * @param size number of training prompts in the task
 * @param candidates candidate models L_t (pool indices) in fused-rank order
 * @param medianScore Q̄_t per model (pool order; NaN when unknown)
 */
public record RouterTask(int id, String summary, int size, int[] candidates, float[] medianScore) {
    public RouterTask {
        Objects.requireNonNull(summary, "summary");
        if (id < 0 || size < 0 || candidates.length == 0) {
            throw new IllegalArgumentException("task " + id + " needs an id >= 0 and at least one candidate");
        }
        candidates = candidates.clone();
        medianScore = medianScore.clone();
        for (int c : candidates) {
            if (c < 0 || c >= medianScore.length) {
                throw new IllegalArgumentException("task " + id + ": candidate " + c + " is not a model index");
            }
        }
    }

    @Override
    public int[] candidates() {
        return candidates.clone();
    }

    @Override
    public float[] medianScore() {
        return medianScore.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouterTask t && id == t.id && size == t.size && summary.equals(t.summary)
                && Arrays.equals(candidates, t.candidates) && Arrays.equals(medianScore, t.medianScore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, summary, size, Arrays.hashCode(candidates), Arrays.hashCode(medianScore));
    }
}

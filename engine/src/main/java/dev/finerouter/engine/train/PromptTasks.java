package dev.finerouter.engine.train;

import java.util.Objects;

/**
 * Prompts with their task labels, the classifier's training and evaluation input.
 *
 * @param embeddings frozen sentence embeddings, row-major n × dim (not copied: do not modify while in use)
 * @param n number of prompts
 * @param dim embedding dimension
 * @param tasks task index of each prompt in [0, taskCount), or {@link #OTHERS} (−1)
 */
public record PromptTasks(float[] embeddings, int n, int dim, int[] tasks) {
    /** The label of prompts that belong to no task. */
    public static final int OTHERS = -1;

    /** Validates shapes and labels. */
    public PromptTasks {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(tasks, "tasks");
        if (n < 0 || dim <= 0) {
            throw new IllegalArgumentException("bad shape " + n + "x" + dim);
        }
        if (embeddings.length != (long) n * dim) {
            throw new IllegalArgumentException("expected " + ((long) n * dim) + " embedding values, got " + embeddings.length);
        }
        if (tasks.length != n) {
            throw new IllegalArgumentException("expected " + n + " task labels, got " + tasks.length);
        }
        for (int i = 0; i < n; i++) {
            if (tasks[i] < OTHERS) {
                throw new IllegalArgumentException("task label " + tasks[i] + " of prompt " + i + " is below -1");
            }
        }
    }

    /** The largest label + 1 (0 when every prompt is Others). */
    public int maxTaskPlusOne() {
        int max = -1;
        for (int t : tasks) {
            max = Math.max(max, t);
        }
        return max + 1;
    }
}

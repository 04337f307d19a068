package dev.finerouter.engine.train;

import java.util.Objects;

/**
 * Prompts with quality scores and task labels, the quality estimator's training input.
 *
 * @param embeddings frozen sentence embeddings, row-major n × dim (not copied: do not modify while in use)
 * @param n number of prompts
 * @param dim embedding dimension
 * @param scores Q*(p, M), row-major n × models, each in [0, 1] or NaN (missing: never trained on)
 * @param models number of models
 * @param tasks the classifier's task for each prompt, or {@link PromptTasks#OTHERS} (−1)
 */
public record PromptScores(float[] embeddings, int n, int dim, float[] scores, int models, int[] tasks) {
    /** Validates shapes, score ranges and labels. */
    public PromptScores {
        Objects.requireNonNull(scores, "scores");
        new PromptTasks(embeddings, n, dim, tasks);
        if (models <= 0) {
            throw new IllegalArgumentException("models must be positive");
        }
        if (scores.length != (long) n * models) {
            throw new IllegalArgumentException("expected " + ((long) n * models) + " scores, got " + scores.length);
        }
        for (int i = 0; i < scores.length; i++) {
            float v = scores[i];
            if (!Float.isNaN(v) && (v < 0f || v > 1f)) {
                throw new IllegalArgumentException("score " + v + " of prompt " + (i / models) + ", model " + (i % models) + " is outside [0,1]");
            }
        }
    }

    /** Number of known scores. */
    public long presentCount() {
        long c = 0;
        for (float v : scores) {
            if (!Float.isNaN(v)) {
                c++;
            }
        }
        return c;
    }
}

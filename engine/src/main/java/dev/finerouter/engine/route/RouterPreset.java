package dev.finerouter.engine.route;

/**
 * Which routing rule a trained router uses. Both share Stage 1 (tasks, candidates, summaries) and Stage 2 (classifier,
 * quality estimator); they differ in how a model is picked.
 */
public enum RouterPreset {
    /**
     * The default: {@link RobustRule} — every model scored by α·Q̃ + (1 − α)·(nearest training prompts' outcomes shrunk
     * toward the soft task prior and the general estimate), k, β and α chosen on dev, tasks that lose on dev guarded.
     */
    ROBUST,
    /** The paper's exact rule: the task's candidates scored by α·norm(Q̃) + (1 − α)·norm(Q̄_t), α = 0.5. */
    PAPER;

    /** The lower-case name used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

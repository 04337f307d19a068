package dev.finerouter.engine.pipeline;

/**
 * One number of clustering levels ℓ tried on train/dev: its tasks, and the robust rule's best (k, β) with that task
 * structure judged on the dev prompts plus the training prompts left out ({@code RobustRuleTuner.searchKBeta}).
 *
 * @param levels ℓ
 * @param tasks tasks found (communities of at least the minimum size)
 * @param others training prompts in Others
 * @param k the best neighbour count with these tasks
 * @param beta the best shrinkage toward their task prior
 * @param qual the routed Qual at that (k, β) over the search's prompts (0–1)
 * @param prompts prompts of the search with a known score for the routed model
 * @param chosen whether this ℓ was chosen
 */
public record LevelTrial(int levels, int tasks, int others, int k, double beta, double qual, int prompts, boolean chosen) {
    /** Validates. */
    public LevelTrial {
        if (levels < 1 || tasks < 0 || others < 0 || prompts < 0) {
            throw new IllegalArgumentException("levels must be positive and counts non-negative");
        }
    }

    /** This trial marked as chosen. */
    public LevelTrial asChosen() {
        return new LevelTrial(levels, tasks, others, k, beta, qual, prompts, true);
    }
}

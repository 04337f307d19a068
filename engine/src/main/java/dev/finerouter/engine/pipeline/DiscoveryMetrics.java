package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.TaskAssignment;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.eval.ClusterAgreement;
import dev.finerouter.engine.model.Prompt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Headline numbers of a Stage-1 run, as the paper reports them, plus agreement with known labels.
 *
 * @param tasks number of discovered tasks
 * @param meanCandidates average candidate-list length
 * @param candidateShareOfPool average candidates / pool size (paper: ~32%)
 * @param othersShare share of training prompts in Others
 * @param agreementWithSubtask ARI/NMI of tasks (Others as one cluster) against the {@code subtask} labels, or
 *                             {@code null} when the data has none
 * @param agreementWithTask ARI/NMI against the benchmark ({@code task}) labels, or {@code null}
 * @param trainPrompts number of training prompts clustered
 * @param largestTaskShare share of training prompts in the largest task (0 without tasks)
 */
public record DiscoveryMetrics(int tasks, double meanCandidates, double candidateShareOfPool, double othersShare,
                               ClusterAgreement agreementWithSubtask, ClusterAgreement agreementWithTask, int trainPrompts,
                               double largestTaskShare) {
    /** Fewest training prompts for which a near-empty task structure is called degenerate. */
    public static final int DEGENERATE_MIN_PROMPTS = 300;
    /** Fewer tasks than this over {@link #DEGENERATE_MIN_PROMPTS}+ prompts is degenerate. */
    public static final int DEGENERATE_MIN_TASKS = 3;
    /** A largest task (or Others) above this share of the prompts is degenerate. */
    public static final double DEGENERATE_MAX_SHARE = 0.6;

    /**
     * Why this discovery is degenerate, or {@code null} when it is not: with at least
     * {@value #DEGENERATE_MIN_PROMPTS} training prompts, fewer than {@value #DEGENERATE_MIN_TASKS} tasks, or one
     * task or Others holding more than 60% of the prompts. Task statistics then say little; the robust rule still
     * routes each prompt on its nearest training prompts, the paper's rule does not.
     */
    public String degenerateWarning() {
        if (trainPrompts < DEGENERATE_MIN_PROMPTS) {
            return null;
        }
        String what;
        if (tasks < DEGENERATE_MIN_TASKS) {
            what = String.format(Locale.ROOT, "only %d task%s from %d training prompts", tasks, tasks == 1 ? "" : "s", trainPrompts);
        } else if (largestTaskShare > DEGENERATE_MAX_SHARE) {
            what = String.format(Locale.ROOT, "one task holds %.0f%% of the %d training prompts", 100 * largestTaskShare, trainPrompts);
        } else if (othersShare > DEGENERATE_MAX_SHARE) {
            what = String.format(Locale.ROOT, "%.0f%% of the %d training prompts are in Others", 100 * othersShare, trainPrompts);
        } else {
            return null;
        }
        return "degenerate discovery: " + what + ". The task structure says little here (common with 0/1 scores, where "
                + "model rankings of single prompts rarely agree): try a lower τ, a single level (ℓ = 1) or more prompts. "
                + "The default (robust) rule still routes on each prompt's nearest training prompts; --preset paper does not.";
    }

    /** Computes the metrics of a run. */
    public static DiscoveryMetrics of(DiscoveryResult result) {
        TaskDiscovery d = result.discovery();
        TaskAssignment a = d.assignment();
        int n = a.promptCount();
        int pool = result.dataset().pool().size();
        int largest = 0;
        for (DiscoveredTask t : d.tasks()) {
            largest = Math.max(largest, t.size());
        }
        return new DiscoveryMetrics(d.tasks().size(), d.meanCandidates(), d.meanCandidates() / pool,
                n == 0 ? 0 : (double) a.othersMembers().length / n,
                agreement(result, Prompt::subtask), agreement(result, Prompt::task), n, n == 0 ? 0 : (double) largest / n);
    }

    private static ClusterAgreement agreement(DiscoveryResult result, Function<Prompt, String> label) {
        int[] rows = result.trainRows();
        int[] truth = new int[rows.length];
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            String l = label.apply(result.dataset().prompts().get(rows[i]));
            if (l == null) {
                return null;
            }
            truth[i] = ids.computeIfAbsent(l, k -> ids.size());
        }
        return ClusterAgreement.of(result.discovery().assignment().taskOfPrompt(), truth);
    }
}

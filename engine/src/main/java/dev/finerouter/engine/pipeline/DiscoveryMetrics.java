package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.TaskAssignment;
import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.eval.ClusterAgreement;
import dev.finerouter.engine.model.Prompt;

import java.util.HashMap;
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
 */
public record DiscoveryMetrics(int tasks, double meanCandidates, double candidateShareOfPool, double othersShare,
                               ClusterAgreement agreementWithSubtask, ClusterAgreement agreementWithTask) {

    /** Computes the metrics of a run. */
    public static DiscoveryMetrics of(DiscoveryResult result) {
        TaskDiscovery d = result.discovery();
        TaskAssignment a = d.assignment();
        int n = a.promptCount();
        int pool = result.dataset().pool().size();
        return new DiscoveryMetrics(d.tasks().size(), d.meanCandidates(), d.meanCandidates() / pool,
                n == 0 ? 0 : (double) a.othersMembers().length / n,
                agreement(result, Prompt::subtask), agreement(result, Prompt::task));
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

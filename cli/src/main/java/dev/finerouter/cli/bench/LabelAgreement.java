package dev.finerouter.cli.bench;

import dev.finerouter.engine.cluster.KMeans;
import dev.finerouter.engine.eval.ClusterAgreement;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Recovery of the ground-truth sub-tasks by Stage 1 and by the coarse baselines: ARI/NMI of a predicted partition of
 * the training prompts against their {@code subtask} labels. Others counts as one cluster (it is one routing group).
 */
public final class LabelAgreement {
    private LabelAgreement() {
    }

    /**
     * One clustering's agreement with the sub-tasks.
     *
     * @param method what was clustered how
     * @param clusters number of clusters it produced
     * @param ari adjusted Rand index against the sub-task labels
     * @param nmi normalised mutual information against the sub-task labels
     * @param millis time it took (0 for label look-ups)
     */
    public record Row(String method, int clusters, double ari, double nmi, long millis) {
    }

    /** Integer ids of a label of the given dataset rows, or {@code null} when any row lacks it. */
    static int[] labels(RoutingDataset dataset, int[] rows, Function<Prompt, String> label) {
        int[] out = new int[rows.length];
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            String l = label.apply(dataset.prompts().get(rows[i]));
            if (l == null) {
                return null;
            }
            out[i] = ids.computeIfAbsent(l, k -> ids.size());
        }
        return out;
    }

    static int distinct(int[] labels) {
        return (int) java.util.Arrays.stream(labels).distinct().count();
    }

    static Row compare(String method, int[] predicted, int[] truth, long millis) {
        ClusterAgreement a = ClusterAgreement.of(predicted, truth);
        return new Row(method, distinct(predicted), a.ari(), a.nmi(), millis);
    }

    /** k-means on the description embeddings, timed, compared with the truth. */
    static Row kMeans(String method, EmbeddingMatrix embeddings, int k, int iterations, long seed, int[] truth,
            StageContext ctx) throws CancelledException {
        long t0 = System.nanoTime();
        KMeans.Result r = new KMeans(k, iterations, seed).fit(embeddings, ctx);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return compare(method + " (" + r.iterations() + (r.converged() ? " it, converged)" : " it, capped)"), r.assignment(), truth, ms);
    }
}

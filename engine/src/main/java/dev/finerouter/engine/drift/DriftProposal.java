package dev.finerouter.engine.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A new task proposed from logged prompts: a community of the log's prompts that is not close to any task of the bundle.
 *
 * @param id proposal id ({@code drift-1}, {@code drift-2}, … by size)
 * @param summary the community's summary (same summariser as Stage 1)
 * @param size distinct logged prompts in it
 * @param examples up to five member prompts
 * @param candidates candidate models L_t in fused-rank order, with their MRR (fused rank score)
 * @param medianScores Q̄_t per model name over the members' scores (true or predicted, see {@code scoreSource})
 * @param center the community's center (median description embedding, L2-normalised), used as the task vector on accept
 * @param nearestTask summary of the bundle's task closest to the center
 * @param nearestSimilarity cosine of the center to that task's summary embedding
 * @param loggedTask the task the deployed bundle gave most members ({@code "Others"} included)
 * @param loggedTaskShare that task's share of the members
 * @param knownLabel the most common dataset {@code subtask} (else {@code task}) of members found in the dataset, or {@code null}
 * @param knownLabelShare its share of the members with a label, NaN when none
 */
public record DriftProposal(String id, String summary, int size, List<String> examples, Map<String, Double> candidates,
                            Map<String, Double> medianScores, float[] center, String nearestTask, double nearestSimilarity, String loggedTask,
                            double loggedTaskShare, String knownLabel, double knownLabelShare) {
    public DriftProposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(nearestTask, "nearestTask");
        Objects.requireNonNull(loggedTask, "loggedTask");
        if (size < 1) {
            throw new IllegalArgumentException("proposal " + id + " needs at least one prompt");
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("proposal " + id + " needs at least one candidate model");
        }
        examples = List.copyOf(examples);
        candidates = Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
        medianScores = Collections.unmodifiableMap(new LinkedHashMap<>(medianScores));
        center = center.clone();
    }

    @Override
    public float[] center() {
        return center.clone();
    }
}

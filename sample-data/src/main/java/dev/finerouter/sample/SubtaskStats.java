package dev.finerouter.sample;

import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mean score of every model on one sub-task of a dataset (missing scores skipped, never counted as 0).
 *
 * @param family the sub-task's family
 * @param subtask the sub-task
 * @param prompts number of prompts in the sub-task
 * @param means mean score per model, in pool order (NaN when a model has no score there)
 */
public record SubtaskStats(String family, String subtask, int prompts, List<Double> means) {
    /** Copies the means; the sub-task name is required. */
    public SubtaskStats {
        Objects.requireNonNull(subtask, "subtask");
        means = List.copyOf(means);
    }

    /** Column of the model with the highest mean (the earlier column on ties). */
    public int bestModel() {
        int best = -1;
        for (int m = 0; m < means.size(); m++) {
            if (!means.get(m).isNaN() && (best < 0 || means.get(m) > means.get(best))) {
                best = m;
            }
        }
        return best;
    }

    /**
     * Per-sub-task statistics of a dataset whose prompts carry sub-task labels, in order of first appearance of each
     * sub-task in the catalog (unknown sub-tasks after, in order of first appearance in the data).
     */
    public static List<SubtaskStats> of(RoutingDataset dataset) {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (SubtaskSpec s : TaskCatalog.subtasks()) {
            rows.put(s.name(), new ArrayList<>());
        }
        Map<String, String> families = new LinkedHashMap<>();
        for (int r = 0; r < dataset.size(); r++) {
            Prompt p = dataset.prompts().get(r);
            if (p.subtask() != null) {
                rows.computeIfAbsent(p.subtask(), k -> new ArrayList<>()).add(r);
                families.putIfAbsent(p.subtask(), p.task());
            }
        }
        List<SubtaskStats> out = new ArrayList<>();
        int cols = dataset.pool().size();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<Double> means = new ArrayList<>(cols);
            for (int m = 0; m < cols; m++) {
                double sum = 0;
                int count = 0;
                for (int r : e.getValue()) {
                    if (dataset.scores().isPresent(r, m)) {
                        sum += dataset.scores().get(r, m);
                        count++;
                    }
                }
                means.add(count == 0 ? Double.NaN : sum / count);
            }
            out.add(new SubtaskStats(families.get(e.getKey()), e.getKey(), e.getValue().size(), means));
        }
        return out;
    }
}

package dev.finerouter.engine.data;

import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first look at a dataset: per-model quality and cost, who is best how often, tasks and splits, missing scores,
 * score histograms. This is what {@code finerouter data stats} prints and what the workbench shows first.
 *
 * @param name dataset name
 * @param fingerprint SHA-256 of the data file
 * @param prompts number of prompts
 * @param models per-model statistics in pool order
 * @param tasks prompts per task label ({@code "(none)"} for unlabelled), per split ({@code null} key = no split)
 * @param missingScores number of missing (prompt, model) scores
 * @param oracleMean mean over prompts of the best known score (prompts with no score at all are left out)
 * @param equalCost whether no model has a price (every call costs 1)
 */
public record DatasetStatistics(String name, String fingerprint, int prompts, List<ModelStatistics> models,
                                Map<String, Map<String, Integer>> tasks, long missingScores, double oracleMean,
                                boolean equalCost) {
    /** Number of histogram bins over [0, 1]. */
    public static final int HISTOGRAM_BINS = 10;
    /** Label used for prompts without a task. */
    public static final String NO_TASK = "(none)";
    /** Label used for prompts without a split. */
    public static final String NO_SPLIT = "(none)";

    public DatasetStatistics {
        models = List.copyOf(models);
        Map<String, Map<String, Integer>> sorted = new TreeMap<>();
        tasks.forEach((task, perSplit) -> sorted.put(task, Collections.unmodifiableMap(new TreeMap<>(perSplit))));
        tasks = Collections.unmodifiableMap(sorted);
    }

    /**
     * Statistics of one model.
     *
     * @param name model name
     * @param scored number of prompts with a known score
     * @param missing number of prompts without one
     * @param meanScore mean of the known scores (NaN when none)
     * @param bestShare share of prompts (with any known score) where this model ties for the best score
     * @param soleBestShare share where it alone has the best score
     * @param meanCost mean estimated (or observed) cost per call over all prompts
     * @param histogram counts of known scores in {@link #HISTOGRAM_BINS} equal bins over [0,1] (1.0 in the last)
     */
    public record ModelStatistics(String name, long scored, long missing, double meanScore, double bestShare,
                                  double soleBestShare, double meanCost, long[] histogram) {
        public ModelStatistics {
            histogram = histogram.clone();
        }

        @Override
        public long[] histogram() {
            return histogram.clone();
        }
    }

    /** Computes the statistics of {@code dataset} with the default cost model. */
    public static DatasetStatistics of(RoutingDataset dataset) {
        return of(dataset, CostModel.DEFAULT);
    }

    /** Computes the statistics of {@code dataset}, estimating costs with {@code costModel}. */
    public static DatasetStatistics of(RoutingDataset dataset, CostModel costModel) {
        ScoreMatrix s = dataset.scores();
        int n = s.rows();
        int m = s.cols();
        long[] scored = new long[m];
        double[] sum = new double[m];
        long[] best = new long[m];
        long[] soleBest = new long[m];
        double[] cost = new double[m];
        long[][] histogram = new long[m][HISTOGRAM_BINS];
        long missing = 0;
        double oracleSum = 0;
        int rowsWithScore = 0;
        for (int r = 0; r < n; r++) {
            float max = Float.NEGATIVE_INFINITY;
            int winners = 0;
            for (int c = 0; c < m; c++) {
                cost[c] += dataset.cost(r, c, costModel);
                float v = s.get(r, c);
                if (Float.isNaN(v)) {
                    missing++;
                    continue;
                }
                scored[c]++;
                sum[c] += v;
                histogram[c][Math.min(HISTOGRAM_BINS - 1, (int) (v * HISTOGRAM_BINS))]++;
                if (v > max) {
                    max = v;
                    winners = 1;
                } else if (v == max) {
                    winners++;
                }
            }
            if (winners == 0) {
                continue;
            }
            rowsWithScore++;
            oracleSum += max;
            for (int c = 0; c < m; c++) {
                if (s.get(r, c) == max) {
                    best[c]++;
                    if (winners == 1) {
                        soleBest[c]++;
                    }
                }
            }
        }
        List<ModelStatistics> models = new ArrayList<>(m);
        for (int c = 0; c < m; c++) {
            models.add(new ModelStatistics(dataset.pool().get(c).name(), scored[c], n - scored[c],
                    scored[c] == 0 ? Double.NaN : sum[c] / scored[c],
                    rowsWithScore == 0 ? 0 : (double) best[c] / rowsWithScore,
                    rowsWithScore == 0 ? 0 : (double) soleBest[c] / rowsWithScore,
                    n == 0 ? 0 : cost[c] / n, histogram[c]));
        }
        Map<String, Map<String, Integer>> tasks = new TreeMap<>();
        for (Prompt p : dataset.prompts()) {
            tasks.computeIfAbsent(p.task() == null ? NO_TASK : p.task(), k -> new TreeMap<>())
                    .merge(p.split() == null ? NO_SPLIT : p.split().label(), 1, Integer::sum);
        }
        return new DatasetStatistics(dataset.name(), dataset.fingerprint(), n, models, tasks, missing,
                rowsWithScore == 0 ? Double.NaN : oracleSum / rowsWithScore, !dataset.pool().anyCostKnown() && dataset.observedCosts() == null);
    }

    /** Prompts per split over all tasks ({@link #NO_SPLIT} for prompts without one). */
    public Map<String, Integer> splitCounts() {
        Map<String, Integer> out = new TreeMap<>();
        tasks.values().forEach(perSplit -> perSplit.forEach((split, count) -> out.merge(split, count, Integer::sum)));
        return out;
    }
}

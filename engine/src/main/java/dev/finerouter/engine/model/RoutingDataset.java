package dev.finerouter.engine.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A routing dataset: prompts, the model pool, the score matrix (row i = prompt i, column j = model j) and,
 * optionally, observed per-prompt costs.
 *
 * @param name a short name (usually the folder or file name)
 * @param fingerprint SHA-256 (hex) identifying the data (file bytes, and prices when from a models file), recorded in every output
 * @param prompts the prompts, unique ids
 * @param pool the model pool (score columns)
 * @param scores prompts × models scores
 * @param observedCosts observed costs, or {@code null}
 */
public record RoutingDataset(String name, String fingerprint, List<Prompt> prompts, ModelPool pool, ScoreMatrix scores,
                             ObservedCosts observedCosts) {
    public RoutingDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(scores, "scores");
        prompts = List.copyOf(prompts);
        if (scores.rows() != prompts.size() || scores.cols() != pool.size()) {
            throw new IllegalArgumentException("score matrix is " + scores.rows() + "x" + scores.cols() + " but the dataset has "
                    + prompts.size() + " prompts and " + pool.size() + " models");
        }
        if (observedCosts != null && (observedCosts.rows() != prompts.size() || observedCosts.cols() != pool.size())) {
            throw new IllegalArgumentException("observed cost table does not match the dataset's shape");
        }
        Map<String, Integer> ids = new HashMap<>(prompts.size() * 2);
        for (int i = 0; i < prompts.size(); i++) {
            Integer previous = ids.put(prompts.get(i).id(), i);
            if (previous != null) {
                throw new IllegalArgumentException("prompt id " + prompts.get(i).id() + " occurs twice (rows " + previous + " and " + i + ")");
            }
        }
    }

    /** Number of prompts. */
    public int size() {
        return prompts.size();
    }

    /** Whether every prompt has a split. */
    public boolean hasCompleteSplits() {
        return prompts.stream().allMatch(p -> p.split() != null);
    }

    /** Row indices of the prompts in {@code split}, ascending. */
    public int[] indicesOf(Split split) {
        return java.util.stream.IntStream.range(0, prompts.size()).filter(i -> prompts.get(i).split() == split).toArray();
    }

    /** A dataset with the same data and the given prompts (same ids, same order; typically new splits). */
    public RoutingDataset withPrompts(List<Prompt> newPrompts) {
        if (newPrompts.size() != prompts.size()) {
            throw new IllegalArgumentException("expected " + prompts.size() + " prompts, got " + newPrompts.size());
        }
        for (int i = 0; i < newPrompts.size(); i++) {
            if (!newPrompts.get(i).id().equals(prompts.get(i).id())) {
                throw new IllegalArgumentException("prompt " + i + " changed id from " + prompts.get(i).id() + " to " + newPrompts.get(i).id());
            }
        }
        return new RoutingDataset(name, fingerprint, newPrompts, pool, scores, observedCosts);
    }

    /**
     * The cost of calling model {@code col} on prompt {@code row}: the observed cost when the data has one, else the
     * estimate of {@code costModel}.
     */
    public double cost(int row, int col, CostModel costModel) {
        if (observedCosts != null) {
            float observed = observedCosts.get(row, col);
            if (!Float.isNaN(observed)) {
                return observed;
            }
        }
        return costModel.estimate(pool.get(col), prompts.get(row).text(), pool.anyCostKnown());
    }
}

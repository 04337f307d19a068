package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.Split;

import java.util.Objects;

/**
 * The prompts a router is asked to route: rows of one split of {@link EvaluationData} (dev while tuning, test when
 * reporting). A router returns one model per row, in this order.
 *
 * @param data the evaluation data
 * @param which the split the rows come from
 * @param rows dataset row indices, in routing order
 */
public record EvaluationSplit(EvaluationData data, Split which, int[] rows) {
    /** Validates and copies. */
    public EvaluationSplit {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(which, "which");
        rows = rows.clone();
        for (int r : rows) {
            if (r < 0 || r >= data.rows()) {
                throw new IllegalArgumentException("row " + r + " out of range");
            }
        }
    }

    /** Number of prompts. */
    public int size() {
        return rows.length;
    }

    /** The dataset row of the i-th prompt. */
    public int row(int i) {
        return rows[i];
    }

    /** A copy of the rows. */
    @Override
    public int[] rows() {
        return rows.clone();
    }
}

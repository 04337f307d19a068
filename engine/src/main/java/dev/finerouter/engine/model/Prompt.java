package dev.finerouter.engine.model;

import java.util.Objects;

/**
 * One prompt of a routing dataset.
 *
 * @param id unique, non-blank identifier
 * @param text the prompt text, non-blank
 * @param task the benchmark / coarse task label, or {@code null}
 * @param subtask a known fine-grained label (synthetic data's ground truth), or {@code null}; never used for routing,
 *                only to measure how well task discovery recovers it
 * @param split the split this prompt belongs to, or {@code null} when the data has none yet
 */
public record Prompt(String id, String text, String task, String subtask, Split split) {
    public Prompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (id.isBlank()) {
            throw new IllegalArgumentException("prompt id is blank");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("prompt " + id + " has an empty text");
        }
        task = blankToNull(task);
        subtask = blankToNull(subtask);
    }

    /** This prompt with another split. */
    public Prompt withSplit(Split newSplit) {
        return new Prompt(id, text, task, subtask, newSplit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

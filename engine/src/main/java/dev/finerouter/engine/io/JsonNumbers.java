package dev.finerouter.engine.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Numbers in the JSON files the engine writes (bundle manifests, evaluation and replay reports, decision logs): a value
 * that is not finite (NaN: not measured, not defined; ±∞) is written as {@code null}, never as Jackson's non-standard
 * {@code NaN}/{@code Infinity} tokens or strings, so every reader sees standard JSON and a missing number.
 */
public final class JsonNumbers {
    private JsonNumbers() {
    }

    /** Puts {@code value} under {@code field}, or {@code null} when it is not finite. */
    public static void put(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}

package dev.finerouter.engine.embed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A list of texts reduced to its distinct texts in first-seen order, with the slot of each position: what both
 * {@link CachedEmbedder} and {@link DistinctEmbedder} send to an encoder so that a repeated text is embedded once.
 *
 * @param texts the distinct texts, first-seen order
 * @param slotOf for each position of the original list, the index of its text in {@code texts}
 */
record DistinctTexts(List<String> texts, int[] slotOf) {
    /** Groups {@code all} (no element may be {@code null}). */
    static DistinctTexts of(List<String> all) {
        Map<String, Integer> slot = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] slotOf = new int[all.size()];
        for (int i = 0; i < slotOf.length; i++) {
            String text = Objects.requireNonNull(all.get(i), "text");
            Integer s = slot.get(text);
            if (s == null) {
                s = distinct.size();
                slot.put(text, s);
                distinct.add(text);
            }
            slotOf[i] = s;
        }
        return new DistinctTexts(distinct, slotOf);
    }

    /** The vectors of the original positions from row-major vectors of the distinct texts. */
    Embeddings expand(float[] distinctVectors, int dim) {
        float[] out = new float[slotOf.length * dim];
        for (int i = 0; i < slotOf.length; i++) {
            System.arraycopy(distinctVectors, slotOf[i] * dim, out, i * dim, dim);
        }
        return new Embeddings(out, slotOf.length, dim);
    }
}

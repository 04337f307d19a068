package dev.finerouter.sample;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fine-grained synthetic sub-task: its family (the coarse benchmark label), how it is scored, how hard it is,
 * and the slot-filled templates and word lists its prompts are drawn from.
 *
 * <p>A template holds placeholders {@code {slot}} naming a list in {@code slots} (or in the shared
 * {@link TaskCatalog#SHARED_SLOTS}), or {@code {num:a-b}} for an integer in [a, b]. The same placeholder used twice in
 * one template takes the same value both times.
 *
 * @param family the coarse family (benchmark) name, non-blank
 * @param name the sub-task's name, unique across the catalog, non-blank
 * @param kind how answers are scored
 * @param difficulty mean latent difficulty of its prompts, on the logit scale of {@link ModelProfile#ability}
 * @param weight relative share of prompts (> 0)
 * @param templates the prompt templates, non-empty
 * @param slots word lists by slot name (used for lookup only, never iterated into output)
 */
public record SubtaskSpec(String family, String name, ScoreKind kind, double difficulty, double weight,
                          List<String> templates, Map<String, List<String>> slots) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)(?::(\\d+)-(\\d+))?}");

    /** Validates the definition: names, weight, non-empty templates and word lists, and every placeholder. */
    public SubtaskSpec {
        requireName(family, "family");
        requireName(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(difficulty)) {
            throw new IllegalArgumentException(name + ": difficulty must be finite");
        }
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException(name + ": weight must be > 0, was " + weight);
        }
        templates = List.copyOf(templates);
        slots = Map.copyOf(slots);
        if (templates.isEmpty()) {
            throw new IllegalArgumentException(name + ": no templates");
        }
        for (Map.Entry<String, List<String>> e : slots.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException(name + ": slot " + e.getKey() + " has no words");
            }
        }
        for (String t : templates) {
            Matcher m = PLACEHOLDER.matcher(t);
            while (m.find()) {
                String slot = m.group(1);
                if (m.group(2) == null && !slots.containsKey(slot) && !TaskCatalog.SHARED_SLOTS.containsKey(slot)) {
                    throw new IllegalArgumentException(name + ": template uses unknown slot {" + slot + "}: " + t);
                }
                if (m.group(2) != null && Integer.parseInt(m.group(2)) > Integer.parseInt(m.group(3))) {
                    throw new IllegalArgumentException(name + ": empty number range in " + t);
                }
            }
        }
    }

    /** The placeholder syntax, shared with {@link TemplateFiller}. */
    static Pattern placeholderPattern() {
        return PLACEHOLDER;
    }

    /** The words of {@code slot}: this sub-task's list, else the shared one, else {@code null}. */
    public List<String> words(String slot) {
        List<String> own = slots.get(slot);
        return own != null ? own : TaskCatalog.SHARED_SLOTS.get(slot);
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("sub-task " + what + " is blank");
        }
    }
}

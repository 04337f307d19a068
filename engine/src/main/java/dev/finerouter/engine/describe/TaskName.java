package dev.finerouter.engine.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A readable name for a task, read back from its summary line ({@link ClusterSummarizer.ClusterSummary#text()}:
 * {@code "<medoid description> (key terms: a, b, c)"}): the name is the first {@value #NAME_TERMS} distinct key
 * terms joined by " · " (the class-based TF-IDF terms, stop words already out), skipping a term that repeats one
 * already taken (same first five letters, or one containing the other, as "capital" and "capitals"); the example is
 * the medoid description. Words that say how a prompt asks rather than what about ({@link #GENERIC}: "used",
 * "find", "question", ...) stay key terms but are skipped in the name while enough other terms remain. A summary
 * without key terms (an LLM summary, or a single cluster) is its own name and
 * example. The summary text itself is left as it is (it is embedded for routing).
 *
 * @param name the name, e.g. {@code "capital · currency · border"}
 * @param example the representative (medoid) description
 * @param terms every key term of the summary, in score order
 */
public record TaskName(String name, String example, List<String> terms) {
    /** Most terms in a name. */
    public static final int NAME_TERMS = 3;
    private static final String MARK = " (key terms: ";
    /** Words too generic for a name. */
    static final java.util.Set<String> GENERIC = java.util.Set.of("used", "use", "find", "determine", "likely", "question",
            "questions", "choice", "choose", "much", "many", "exactly", "back", "tell", "give", "write", "answer", "following",
            "correct", "option", "options", "best", "make", "get", "brief", "briefly", "short", "please", "quick", "task",
            "problem", "explain", "describe", "list", "name", "identify", "first", "next", "new", "like", "say");

    /** Validates and copies. */
    public TaskName {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(example, "example");
        terms = List.copyOf(terms);
    }

    /** The name of the task summarised by {@code summary}. */
    public static TaskName of(String summary) {
        String s = summary == null ? "" : summary.strip();
        int at = s.lastIndexOf(MARK);
        if (at < 0 || !s.endsWith(")")) {
            return new TaskName(s, s, List.of());
        }
        String example = s.substring(0, at).strip();
        List<String> terms = new ArrayList<>();
        for (String t : s.substring(at + MARK.length(), s.length() - 1).split(",")) {
            if (!t.isBlank()) {
                terms.add(t.strip());
            }
        }
        List<String> picked = new ArrayList<>();
        for (boolean generic : new boolean[]{false, true}) {
            for (String t : terms) {
                if (picked.size() < NAME_TERMS && GENERIC.contains(t) == generic && !picked.contains(t)
                        && picked.stream().noneMatch(p -> similar(p, t))) {
                    picked.add(t);
                }
            }
        }
        return new TaskName(picked.isEmpty() ? example : String.join(" · ", picked), example, terms);
    }

    /** Whether two terms repeat each other: one contains the other, or they share their first five letters. */
    static boolean similar(String a, String b) {
        if (a.contains(b) || b.contains(a)) {
            return true;
        }
        return a.length() >= 5 && b.length() >= 5 && a.regionMatches(0, b, 0, 5);
    }
}

package dev.finerouter.engine.describe;

/**
 * Shortens very long prompts before they are sent to an LLM. The instruction of a long prompt is usually at its
 * start or its end (a question after a passage), so the first two thirds of the budget keep the head, the last
 * third the tail, and a marker line {@value #MARKER} stands for what was cut. The result is at most
 * {@code limit} characters and never splits a surrogate pair.
 */
public final class PromptTruncation {
    /** The marker put where text was cut. */
    public static final String MARKER = "\n[...]\n";

    private PromptTruncation() {
    }

    /**
     * @param text the prompt
     * @param limit maximum length in characters, larger than the marker
     * @return {@code text} itself when short enough, else head + marker + tail of total length at most {@code limit}
     */
    public static String truncate(String text, int limit) {
        if (limit <= MARKER.length()) {
            throw new IllegalArgumentException("limit too small: " + limit);
        }
        if (text.length() <= limit) {
            return text;
        }
        int budget = limit - MARKER.length();
        int head = budget * 2 / 3;
        int tail = budget - head;
        int headEnd = head;
        if (headEnd > 0 && Character.isHighSurrogate(text.charAt(headEnd - 1))) {
            headEnd--;
        }
        int tailStart = text.length() - tail;
        if (tailStart < text.length() && Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return text.substring(0, headEnd) + MARKER + text.substring(tailStart);
    }
}

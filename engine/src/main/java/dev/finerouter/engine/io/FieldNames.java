package dev.finerouter.engine.io;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Spelling help for unknown keys in input files ({@code routing.jsonl} rows, {@code models.json} entries): the known
 * key nearest to a misspelled one, so a warning can say {@code did you mean 'inputCostPer1kTokens'?}.
 */
final class FieldNames {
    private FieldNames() {
    }

    /**
     * The known key closest to {@code given} by edit distance (case-insensitive), when it is close enough to be a
     * plausible misspelling: at most {@code max(2, length / 3)} edits. Ties go to the first in iteration order.
     */
    static Optional<String> closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(g, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best == null || bestDistance > Math.max(2, best.length() / 3)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** {@code "; did you mean 'x'?"}, or {@code ""} when no known key is close. */
    static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

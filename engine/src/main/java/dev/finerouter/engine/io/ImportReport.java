package dev.finerouter.engine.io;

import java.util.List;
import java.util.Map;

/**
 * What an import did: rows read and kept, rows skipped in lenient mode (with the first problems verbatim and a
 * count per field), and warnings that did not stop it (unknown fields, models never scored).
 *
 * @param rowsRead data rows seen (blank lines excluded)
 * @param rowsKept rows in the dataset
 * @param skippedByField number of skipped rows per field at fault ({@code "(json)"} for malformed lines)
 * @param firstProblems the first skipped rows' messages, at most {@link #MAX_EXAMPLES}
 * @param warnings things worth knowing that did not skip a row
 */
public record ImportReport(long rowsRead, long rowsKept, Map<String, Long> skippedByField, List<String> firstProblems,
                           List<String> warnings) {
    /** How many skipped-row messages are kept verbatim. */
    public static final int MAX_EXAMPLES = 20;

    public ImportReport {
        skippedByField = Map.copyOf(skippedByField);
        firstProblems = List.copyOf(firstProblems);
        warnings = List.copyOf(warnings);
    }

    /** Number of rows skipped. */
    public long rowsSkipped() {
        return rowsRead - rowsKept;
    }
}

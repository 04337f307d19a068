package dev.finerouter.engine.decisionlog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the decision log written by {@code serve --decision-log DIR}.
 *
 * @param dir folder of the rotating files {@code decisions-NNNNNN.jsonl}
 * @param maxBytes a file is closed and the next one opened before a line would take it over this size
 * @param keep how many files are kept; older ones are deleted at rotation
 * @param prompts whether prompt texts are logged, hashed or left out
 * @param salt prefix hashed with each text in {@link PromptLogging#HASH} mode ({@code ""} for a plain SHA-256)
 * @param driftThreshold a record is flagged {@code drift} when routed to Others or its task probability is below this
 * @param queueCapacity records waiting for the writer thread; when full, new records are dropped and counted
 */
public record DecisionLogConfig(Path dir, long maxBytes, int keep, PromptLogging prompts, String salt, double driftThreshold, int queueCapacity) {
    /** 64 MB per file. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** Ten files. */
    public static final int DEFAULT_KEEP = 10;
    /** Task probability under which a decision counts as drift. */
    public static final double DEFAULT_DRIFT_THRESHOLD = 0.5;
    /** Records queued before dropping. */
    public static final int DEFAULT_QUEUE = 10_000;

    public DecisionLogConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(salt, "salt");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the decision log's file size limit must be >= 1 byte, was " + maxBytes);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("the decision log must keep at least 1 file, was " + keep);
        }
        if (!(driftThreshold >= 0 && driftThreshold <= 1)) {
            throw new IllegalArgumentException("the drift threshold must be in [0, 1], was " + driftThreshold);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the decision log queue needs room for at least 1 record, was " + queueCapacity);
        }
    }

    /** Defaults for a folder: 64 MB files, 10 kept, full texts, no salt, drift below 0.5, 10,000 queued. */
    public static DecisionLogConfig defaults(Path dir) {
        return new DecisionLogConfig(dir, DEFAULT_MAX_BYTES, DEFAULT_KEEP, PromptLogging.FULL, "", DEFAULT_DRIFT_THRESHOLD, DEFAULT_QUEUE);
    }
}

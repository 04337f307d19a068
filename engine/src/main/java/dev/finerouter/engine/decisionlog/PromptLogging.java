package dev.finerouter.engine.decisionlog;

/** How the decision log keeps prompt texts. */
public enum PromptLogging {
    /** The text itself (needed by replay and incremental discovery). */
    FULL,
    /** Only the hex SHA-256 of (salt + text): counts repeats without keeping the content. */
    HASH,
    /** Neither text nor hash. */
    NONE
}

package dev.finerouter.engine.io;

import java.nio.file.Path;

/**
 * How to import a dataset.
 *
 * @param lenient skip bad rows (and report them) instead of stopping at the first one
 * @param modelsFile the {@code models.json} with prices, or {@code null} to use the one beside the data if present
 */
public record ImportOptions(boolean lenient, Path modelsFile) {
    /** Strict import, {@code models.json} found beside the data. */
    public static final ImportOptions STRICT = new ImportOptions(false, null);

    /** Lenient import, {@code models.json} found beside the data. */
    public static final ImportOptions LENIENT = new ImportOptions(true, null);
}

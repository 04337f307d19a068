package dev.finerouter.app.common;

import dev.finerouter.engine.data.DatasetStatistics;
import dev.finerouter.engine.io.LoadedDataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded dataset as the workbench holds it: the data, where it came from and its statistics (computed in the
 * background together with the load).
 *
 * @param path the file or folder opened
 * @param loaded the data and its import report
 * @param statistics the first-look statistics
 * @param lenient whether bad rows were skipped
 */
public record DatasetSnapshot(Path path, LoadedDataset loaded, DatasetStatistics statistics, boolean lenient) {
    /** Validates. */
    public DatasetSnapshot {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(loaded, "loaded");
        Objects.requireNonNull(statistics, "statistics");
    }
}

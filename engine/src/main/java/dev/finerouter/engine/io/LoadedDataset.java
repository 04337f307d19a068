package dev.finerouter.engine.io;

import dev.finerouter.engine.model.RoutingDataset;

import java.util.Objects;

/**
 * A dataset together with the report of its import.
 *
 * @param dataset the data
 * @param report what was skipped or warned about
 */
public record LoadedDataset(RoutingDataset dataset, ImportReport report) {
    public LoadedDataset {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(report, "report");
    }
}

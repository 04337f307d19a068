package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.ImportReport;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.io.PathHints;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** The options every command that reads a dataset shares. */
public final class DatasetOptions {
    @Option(names = {"-d", "--data"}, paramLabel = "PATH", defaultValue = "${env:FINEROUTER_SAMPLE:-${sys:finerouter.sample}}",
            description = "Dataset: a .jsonl or .csv file, or a folder with routing.jsonl and models.json "
                    + "(default: the bundled sample).")
    Path data;

    @Option(names = "--models", paramLabel = "FILE",
            description = "models.json with prices (default: the one beside the data, if any).")
    Path models;

    @Option(names = "--lenient", description = "Skip bad rows and print a summary instead of stopping at the first.")
    boolean lenient;

    /** Loads the dataset, printing a summary of skipped rows and warnings to {@code err}. */
    LoadedDataset load(PrintWriter err) throws EngineException {
        if (data == null) {
            throw new EngineException("no dataset given", "pass --data PATH (a .jsonl/.csv file or a dataset folder)", null);
        }
        requireExists("--data", data, DatasetLoader.DATASET_SHAPE);
        if (models != null) {
            requireExists("--models", models, "a models.json file: a JSON list of {\"name\", prices...}");
        }
        LoadedDataset loaded = DatasetLoader.load(data, new ImportOptions(lenient, models));
        printReport(loaded.report(), err);
        return loaded;
    }

    /** A path option naming nothing: the option, the path, what it takes, and what the nearest folder holds. */
    static void requireExists(String option, Path path, String takes) throws EngineException {
        if (!Files.exists(path)) {
            String near = PathHints.nearby(path);
            throw new EngineException(option + " " + path + " does not exist", option + " takes " + takes
                    + (near.isEmpty() ? "" : "; " + near), null);
        }
    }

    static void printReport(ImportReport report, PrintWriter err) {
        for (String w : report.warnings()) {
            err.println("warning: " + w);
        }
        if (report.rowsSkipped() > 0) {
            err.printf("skipped %d of %d rows (lenient mode):%n", report.rowsSkipped(), report.rowsRead());
            report.skippedByField().forEach((field, n) -> err.printf("  %-24s %d rows%n", field, n));
            err.println("first problems:");
            report.firstProblems().forEach(p -> err.println("  " + p));
        }
        err.flush();
    }
}

package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code -o/--out} of the {@code bench} commands: the JSON result file, {@code bench-<command>.json} by default
 * (picocli fills in the command's name).
 */
final class BenchOutOption {
    @Option(names = {"-o", "--out"}, defaultValue = "bench-${COMMAND-NAME}.json", paramLabel = "FILE",
            description = "JSON result file (default: ${DEFAULT-VALUE}).")
    Path file;

    /** Writes {@code result} to the file as indented JSON, atomically. */
    void writeJson(Object result) throws EngineException {
        AtomicFiles.write(file, o -> DataCommand.JSON.writeValue(o, result));
    }
}

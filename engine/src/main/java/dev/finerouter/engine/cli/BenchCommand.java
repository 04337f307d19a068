package dev.finerouter.engine.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bench.LoadBenchmark;
import dev.finerouter.engine.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter bench ...}: speed and memory measurements that write JSON and print a table. */
@Command(name = "bench", description = "Benchmarks: write JSON and print a table (never assertions on time).",
        subcommands = {BenchCommand.Load.class})
final class BenchCommand {

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Time loading a dataset against a Jackson tree-model baseline measured in the same run.")
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = {"-d", "--data"}, required = true, paramLabel = "PATH", defaultValue = "${env:FINEROUTER_SAMPLE:-${sys:finerouter.sample}}",
                description = "Dataset file or folder (default: the bundled sample).")
        Path data;
        @Option(names = "--repeat", defaultValue = "3", description = "Timed repeats after one warm-up (default: ${DEFAULT-VALUE}).")
        int repeat;
        @Option(names = {"-o", "--out"}, defaultValue = "bench-load.json", paramLabel = "FILE",
                description = "JSON result file (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws EngineException {
            if (repeat < 1) {
                throw new EngineException("--repeat must be at least 1", "e.g. --repeat 3", null);
            }
            LoadBenchmark.Result r = LoadBenchmark.run(data, repeat);
            AtomicFiles.write(out, o -> DataCommand.JSON.writeValue(o, r));
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf(Locale.ROOT, "load benchmark: %s (%,d prompts × %d models), %d cores, Java %s%n", r.data(), r.prompts(),
                    r.models(), r.availableProcessors(), r.javaVersion());
            TextTable t = new TextTable("variant", ">median ms", ">prompts/s", ">ratio");
            t.row("streaming importer (finerouter)", fmt(r.loaderMedianMillis()), fmt(r.promptsPerSecond()), "1.00");
            t.row("baseline: Jackson readTree per line, parse only", fmt(r.baselineMedianMillis()),
                    fmt(r.prompts() / Math.max(r.baselineMedianMillis() / 1000.0, 1e-9)),
                    String.format(Locale.ROOT, "%.2f", r.baselineMedianMillis() / Math.max(r.loaderMedianMillis(), 1e-9)));
            pw.print(t.render());
            pw.printf(Locale.ROOT, "score storage %.1f MB, heap after load %.1f MB%n", r.scoreStorageBytes() / 1e6,
                    r.heapAfterLoadBytes() / 1e6);
            pw.println("wrote " + out);
            return FineRouterCli.OK;
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
    }
}

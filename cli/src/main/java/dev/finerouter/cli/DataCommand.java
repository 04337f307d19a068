package dev.finerouter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.data.DatasetSplitter;
import dev.finerouter.engine.data.DatasetStatistics;
import dev.finerouter.engine.data.SplitConfig;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.io.DatasetWriter;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.RoutingDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code finerouter data validate|stats|split}: look at, check and split routing datasets. */
@Command(mixinStandardHelpOptions = true, name = "data", description = "Validate, describe and split routing datasets.",
        subcommands = {DataCommand.Validate.class, DataCommand.Stats.class, DataCommand.SplitData.class})
final class DataCommand extends GroupCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a dataset: every row parsed and validated; prints a one-screen summary.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatasetOptions dataset;

        @Override
        public Integer call() throws EngineException {
            PrintWriter out = spec.commandLine().getOut();
            LoadedDataset loaded = dataset.load(spec.commandLine().getErr());
            RoutingDataset d = loaded.dataset();
            DatasetStatistics stats = DatasetStatistics.of(d);
            out.printf("%s: ok — %d prompts, %d models, %d missing scores, splits %s%n", d.name(), d.size(), d.pool().size(),
                    stats.missingScores(), stats.splitCounts());
            out.printf("fingerprint sha256:%s%n", d.fingerprint());
            if (loaded.report().rowsSkipped() > 0) {
                out.printf("%d rows skipped (see above)%n", loaded.report().rowsSkipped());
            }
            return FineRouterCli.OK;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print dataset statistics: per-model mean score, best share, cost, tasks per split, missing scores, histograms.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatasetOptions dataset;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write every number as JSON to FILE.")
        Path json;

        @Override
        public Integer call() throws EngineException {
            LoadedDataset loaded = dataset.load(spec.commandLine().getErr());
            DatasetStatistics stats = DatasetStatistics.of(loaded.dataset());
            spec.commandLine().getOut().print(StatisticsReport.render(stats));
            if (json != null) {
                AtomicFiles.write(json, out -> JSON.writeValue(out, stats));
                spec.commandLine().getOut().println("wrote " + json);
            }
            return FineRouterCli.OK;
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = {"Assign seeded train/dev/test splits (stratified by task, identical prompts kept together) "
                    + "and write the dataset with them to a folder, with split.json describing how.",
                    "Data with its own train/dev/test is kept; train/test-only data gets dev carved from train; "
                            + "--resplit splits everything anew."})
    static final class SplitData implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DatasetOptions dataset;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;
        @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--train", defaultValue = "0.8", description = "Train share (default: ${DEFAULT-VALUE}).")
        double train;
        @Option(names = "--dev", defaultValue = "0.1", description = "Dev share (default: ${DEFAULT-VALUE}).")
        double dev;
        @Option(names = "--test", defaultValue = "0.1", description = "Test share (default: ${DEFAULT-VALUE}).")
        double test;
        @Option(names = "--resplit", description = "Ignore the splits in the data and split everything anew.")
        boolean resplit;

        @Override
        public Integer call() throws EngineException {
            SplitConfig config;
            try {
                config = new SplitConfig(seed, train, dev, test, resplit);
            } catch (IllegalArgumentException e) {
                throw new EngineException(e.getMessage(), "e.g. --train 0.8 --dev 0.1 --test 0.1", null);
            }
            OutputPaths.requireFolder(out, "--out");
            LoadedDataset loaded = dataset.load(spec.commandLine().getErr());
            DatasetSplitter.requireTrainRows(loaded.dataset(), config);
            DatasetSplitter.Result result = DatasetSplitter.split(loaded.dataset(), config);
            DatasetWriter.writeJsonl(result.dataset(), out.resolve("routing.jsonl"));
            DatasetWriter.writeModelsJson(result.dataset().pool(), out.resolve("models.json"));
            AtomicFiles.write(out.resolve("split.json"), o -> JSON.writeValue(o, new SplitRecord(
                    loaded.dataset().name(), loaded.dataset().fingerprint(), result.summary())));
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf("split %s (%s, stratified by %s%s): %s%n", loaded.dataset().name(), result.summary().method(),
                    result.summary().stratifiedBy(), result.summary().pooledLabels() == 0 ? ""
                            : "; " + result.summary().pooledLabels() + " labels too small for their own stratum split together",
                    result.summary().counts());
            if (result.summary().textsInSeveralSplits() > 0) {
                spec.commandLine().getErr().printf("warning: %d prompt texts occur in more than one split (kept from the data); "
                        + "use --resplit to split anew with identical texts kept together%n", result.summary().textsInSeveralSplits());
            }
            pw.println("wrote " + out.resolve("routing.jsonl") + ", models.json, split.json");
            return FineRouterCli.OK;
        }
    }

    /** What split.json records: the source data and how it was split. */
    record SplitRecord(String sourceName, String sourceFingerprint, dev.finerouter.engine.data.SplitSummary split) {
    }
}

package dev.finerouter.cli;

import dev.finerouter.cli.bench.ScaleBenchmark;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.TrainingConfig;
import dev.finerouter.engine.route.RouterPreset;
import dev.finerouter.engine.train.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code finerouter bench scale}: generates N prompts × M models with the seeded synthetic generator and runs the
 * whole {@code train} pipeline on them ({@link ScaleBenchmark}), printing a stage table and writing JSON.
 */
@Command(name = "scale", mixinStandardHelpOptions = true, defaultValueProvider = BenchScaleCommand.Defaults.class,
        description = {"Generate N prompts × M models with the seeded synthetic generator (module sample-data) and run the whole "
                + "pipeline on them as 'train --levels 1' does: Stage 1, classifier, quality estimator, the robust routing rule, "
                + "the test split against single models and the oracle, reports and the bundle export.",
                "The seed (--seed) seeds the generator as well as the pipeline. The data goes to --work/data/seed<S>-<N>x<M> and is reused by a later run with the same seed, size and models "
                        + "(its checksum verified). The run is cold: descriptions, embeddings and graphs are cached in --work/cache, "
                        + "emptied at the start and deleted at the end, unless --cache-dir names a cache or --no-cache turns caching off.",
                "Prints wall time and peak heap per stage, the texts each embedding stage got and how many were distinct, and "
                        + "writes JSON with the machine's load at start and end and a baseline measured in the same run (generating "
                        + "the data in memory). Ctrl-C cancels."})
final class BenchScaleCommand implements Callable<Integer> {
    /**
     * {@code --levels} defaults to 1 here (the README's {@code train --levels 1}); {@code --cache-dir} shows what happens
     * without it (the value is never used: only a given {@code --cache-dir} is); the other Stage-1 options as in {@code train}.
     */
    public static final class Defaults implements IDefaultValueProvider {
        /** What {@code --help} shows as {@code --cache-dir}'s default. */
        static final String FRESH_CACHE = "WORK/cache, emptied per run";

        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o)) {
                return null;
            }
            return switch (o.longestName()) {
                case "--levels" -> "1";
                case "--cache-dir" -> FRESH_CACHE;
                default -> null;
            };
        }
    }

    @Spec
    CommandSpec spec;
    @Mixin
    Stage1Options stage1;
    @Option(names = "--prompts", defaultValue = "280000", description = "Prompts to generate (default: ${DEFAULT-VALUE}, the paper's scale).")
    int prompts;
    @Option(names = "--models", defaultValue = "11", description = "Models in the pool, the first ones of the generator's catalog, 1..11 "
            + "(default: ${DEFAULT-VALUE}; the bundled sample has the first 10).")
    int models;
    @Option(names = "--work", defaultValue = "${sys:java.io.tmpdir}/finerouter-bench-scale", paramLabel = "DIR",
            description = "Work folder: generated data (kept for reuse), reports and router.frb of the run (default: ${DEFAULT-VALUE}).")
    Path work;
    @Mixin
    EpochsOption epochs;
    @Option(names = "--device", defaultValue = "AUTO", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    DeviceChoice device;
    @Mixin
    BenchOutOption out;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        PipelineConfig config = stage1.config();
        TrainingConfig training;
        ScaleBenchmark.Options options;
        try {
            TrainingConfig defaults = TrainingConfig.defaults(config.seed());
            training = epochs.applyTo(new TrainingConfig(defaults.classifier(), defaults.estimator(), device, defaults.classifierHoldout()))
                    .withPreset(RouterPreset.ROBUST);
            boolean cacheGiven = spec.commandLine().getParseResult().hasMatchedOption("--cache-dir");
            Path cache = stage1.noCache ? null : cacheGiven ? stage1.cacheDir : null;
            options = new ScaleBenchmark.Options(prompts, models, config.seed(), work, cache, !stage1.noCache && !cacheGiven, config,
                    training, stage1.encoder);
        } catch (IllegalArgumentException e) {
            throw new EngineException("invalid setting: " + e.getMessage(), "see --help", null);
        }
        OutputPaths.requireFolder(work, "--work");
        ConsoleProgress progress = new ConsoleProgress(err, config.seed());
        ScaleBenchmark.Result r = progress.runCancellable(() -> ScaleBenchmark.run(options, epochs.epochs, progress));
        out.writeJson(r);
        print(spec.commandLine().getOut(), r);
        spec.commandLine().getOut().println("wrote " + out.file);
        return FineRouterCli.OK;
    }

    static void print(PrintWriter pw, ScaleBenchmark.Result r) {
        pw.printf(Locale.ROOT, "scale benchmark: %,d prompts × %d models (seed %d), ℓ = %d, epochs %s, encoder %s; %d cores, load %.2f → %.2f "
                        + "(mean %.1f, max %.1f), Java %s, max heap %,.0f MB%n", r.prompts(), r.models(), r.seed(), r.levels(),
                r.epochs() == null ? "default" : r.epochs().toString(), r.encoder(), r.availableProcessors(), r.loadAverageStart(),
                r.loadAverageEnd(), r.loadAverageMean(), r.loadAverageMax(), r.javaVersion(), r.maxHeapBytes() / 1e6);
        pw.printf(Locale.ROOT, "data: %s %s; cache: %s%n", r.data().reused() ? "reused" : "generated", r.data().folder(), r.cache());
        TextTable t = new TextTable("stage", ">wall s", ">share", ">peak heap MB", ">texts/prompts", ">distinct");
        long total = Math.max(1, r.totalMillis());
        for (ScaleBenchmark.Stage s : r.stages()) {
            t.row(s.stage() + (s.cached() ? " (cached)" : ""), String.format(Locale.ROOT, "%.1f", s.millis() / 1000.0),
                    String.format(Locale.ROOT, "%.0f%%", 100.0 * s.millis() / total), String.format(Locale.ROOT, "%,.0f", s.peakHeapBytes() / 1e6),
                    s.texts() < 0 ? "" : String.format(Locale.ROOT, "%,d", s.texts()),
                    s.distinctTexts() < 0 ? "" : String.format(Locale.ROOT, "%,d", s.distinctTexts()));
        }
        t.row("total", String.format(Locale.ROOT, "%.1f", r.totalMillis() / 1000.0), "100%",
                String.format(Locale.ROOT, "%,.0f", r.peakHeapBytes() / 1e6), "", "");
        pw.print(t.render());
        pw.printf(Locale.ROOT, "baseline: %.1f s %s%n", r.baseline().millis() / 1000.0, r.baseline().what());
        pw.printf(Locale.ROOT, "pipeline (load to bundle): %.1f s = %.1f × the baseline; peak heap %,.0f MB of %,.0f MB%n",
                r.pipelineMillis() / 1000.0, r.pipelineMillis() / (double) Math.max(1, r.baseline().millis()), r.peakHeapBytes() / 1e6,
                r.maxHeapBytes() / 1e6);
        pw.printf(Locale.ROOT, "prompts: %,d train (%,d distinct texts, %,d distinct descriptions), %,d dev, %,d test; %d tasks%n",
                r.trainPrompts(), r.distinctTrainTexts(), r.distinctDescriptions(), r.devPrompts(), r.testPrompts(), r.tasks());
        pw.printf(Locale.ROOT, "classifier macro-F1 %.3f (held out), estimator dev MSE %.4f; rule: %s%n", r.classifierMacroF1(),
                r.estimatorDevMse(), r.rule());
        pw.printf(Locale.ROOT, "robust rule memory: %,d prompts, %,.0f MB of floats; bundle %s: %,.1f MB%n", r.trainPrompts(),
                r.routerMemoryBytes() / 1e6, r.bundle(), r.bundleBytes() / 1e6);
    }
}

package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.cli.bench.WhatIfBenchmark;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.RouterTrainingPipeline;
import dev.finerouter.engine.pipeline.TrainingConfig;
import dev.finerouter.engine.pipeline.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter bench whatif}: trains a router, then times what-if re-tuning against the forward pass it avoids. */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = {"Train a router (Stage 1 as in 'discover', then Stage 2), then time what-if re-tuning on a split.",
                "Times α, λ and δ changes re-decided from cached predictions against the full forward pass, and τ re-clustering "
                        + "from the cached kNN + RBO graph; median and p95 over --repeat runs. Writes JSON and prints a table."})
final class BenchWhatIfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatasetOptions dataset;
    @Mixin
    Stage1Options stage1;
    @Mixin
    EpochsOption epochs;
    @Option(names = "--split", defaultValue = "TEST", description = "dev or test (default: ${DEFAULT-VALUE}).")
    String split;
    @Option(names = "--repeat", defaultValue = "30", description = "Timed repetitions of α, λ, δ and the baseline (default: ${DEFAULT-VALUE}).")
    int repeat;
    @Option(names = "--tau-repeat", defaultValue = "5", description = "Timed repetitions of the τ re-cluster (default: ${DEFAULT-VALUE}).")
    int tauRepeat;
    @Option(names = "--alpha-probe", defaultValue = "0.8", description = "The other α (default: ${DEFAULT-VALUE}).")
    double alphaProbe;
    @Option(names = "--tolerance-probe", defaultValue = "0.2", description = "The other λ (default: ${DEFAULT-VALUE}).")
    double toleranceProbe;
    @Option(names = "--delta-probe", defaultValue = "0.9", description = "The other δ (default: ${DEFAULT-VALUE}).")
    double deltaProbe;
    @Option(names = "--tau-probe", defaultValue = "0.5", description = "τ of the re-cluster (default: ${DEFAULT-VALUE}).")
    double tauProbe;
    @Mixin
    BenchOutOption out;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        PipelineConfig config = stage1.config();
        WhatIfBenchmark.Options options;
        TrainingConfig training;
        try {
            options = new WhatIfBenchmark.Options(Split.valueOf(split.toUpperCase(Locale.ROOT)), repeat, tauRepeat, alphaProbe,
                    toleranceProbe, deltaProbe, tauProbe);
            training = epochs.applyTo(TrainingConfig.defaults(config.seed()));
        } catch (IllegalArgumentException e) {
            throw new EngineException("invalid setting: " + e.getMessage(), "see --help", null);
        }
        LoadedDataset loaded = dataset.load(err);
        ConsoleProgress progress = new ConsoleProgress(err, config.seed());
        WhatIfBenchmark.Result r = progress.runCancellable(() -> {
            DiscoveryResult d = new DiscoveryPipeline(stage1.cacheDirOrNull(), progress.stageLogger()).run(loaded.dataset(), config, progress);
            TrainingResult t = new RouterTrainingPipeline(stage1.cacheDirOrNull(), progress.stageLogger()).train(d, training, progress);
            return WhatIfBenchmark.run(t, options, progress);
        });
        out.writeJson(r);
        print(spec.commandLine().getOut(), r, options);
        spec.commandLine().getOut().println("wrote " + out.file);
        return FineRouterCli.OK;
    }

    static void print(PrintWriter pw, WhatIfBenchmark.Result r, WhatIfBenchmark.Options o) {
        pw.printf(Locale.ROOT, "what-if benchmark: %s split, %,d prompts × %d models, %d tasks (τ = %s, δ = %s); %d cores, load %.2f, Java %s%n",
                r.split().name().toLowerCase(Locale.ROOT), r.prompts(), r.models(), r.tasks(), r.trainedTau(), r.trainedDelta(),
                r.availableProcessors(), r.loadAverage(), r.javaVersion());
        TextTable t = new TextTable("operation", ">runs", ">median ms", ">p95 ms");
        for (WhatIfBenchmark.Timing timing : r.timings()) {
            t.row(timing.name(), Integer.toString(timing.repetitions()), String.format(Locale.ROOT, "%.2f", timing.medianMillis()),
                    String.format(Locale.ROOT, "%.2f", timing.p95Millis()));
        }
        pw.print(t.render());
        pw.printf(Locale.ROOT, "at δ = %s: %.2f candidates per task; at τ = %s: %d tasks%n", o.deltaProbe(),
                r.meanCandidatesAtDeltaProbe(), o.tauProbe(), r.tasksAtTauProbe());
    }
}

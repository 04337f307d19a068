package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.data.DatasetSplitter;
import dev.finerouter.engine.eval.ChartLinks;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.knob.Knobs;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.DiscoveryMetrics;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryReportWriter;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.EvaluationSuite;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.RouterTrainingPipeline;
import dev.finerouter.engine.pipeline.TrainingConfig;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RouterPreset;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.train.DeviceChoice;
import dev.finerouter.report.EvaluationCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code finerouter train} and {@code finerouter eval}: the full pipeline — Stage 1, classifier, quality estimator —
 * then the test split: against single models and the oracle ({@code train}), or against every baseline and ablation
 * of the paper ({@code eval}).
 */
abstract class TrainCommand implements Callable<Integer> {
    /** {@code finerouter train}. */
    @Command(name = "train", aliases = "pipeline", mixinStandardHelpOptions = true,
            description = {"Run the whole FineRouter pipeline: task discovery (as in 'discover'), the task classifier and the "
                    + "mixture-of-experts quality estimator, then route the test split and compare with every single model and the oracle.",
                    "Stages are cached in --cache-dir; Ctrl-C cancels and a rerun resumes."})
    static final class Train extends TrainCommand {
        Train() {
            super(EvaluationSuite.Scope.QUICK);
        }
    }

    /** {@code finerouter eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Train as 'train' does, then evaluate on the test split beside every baseline of the paper: single "
                    + "models, oracle, random, cheapest, kNN, MLP, matrix factorisation, Stage-1-only and Stage-2-only variants.",
                    "Writes evaluation.json (every number) and evaluation.md (Table-1 layout, cost-quality knob, routing shares) to --out."})
    static final class Evaluate extends TrainCommand {
        Evaluate() {
            super(EvaluationSuite.Scope.FULL);
        }
    }

    /** Below this many test prompts a comparison of routers is mostly noise, and the report says so. */
    static final int MIN_TEST_PROMPTS = 100;

    private final EvaluationSuite.Scope scope;

    /** The warning printed above the evaluation when the test split has fewer than {@value #MIN_TEST_PROMPTS} prompts. */
    static Optional<String> smallTestSplitWarning(int testPrompts) {
        if (testPrompts >= MIN_TEST_PROMPTS) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "warning: the test split has only %d prompts (fewer than %d): one prompt moves a "
                + "router's accuracy by %.1f points, too little to tell routers apart; use more data or a larger test share", testPrompts,
                MIN_TEST_PROMPTS, 100.0 / Math.max(1, testPrompts)));
    }

    TrainCommand(EvaluationSuite.Scope scope) {
        this.scope = scope;
    }

    @Spec
    CommandSpec spec;
    @Mixin
    DatasetOptions dataset;
    @Mixin
    Stage1Options stage1;

    @Option(names = {"-o", "--out"}, defaultValue = "out/run", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--device", defaultValue = "AUTO", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    DeviceChoice device;
    @Mixin
    EpochsOption epochs;
    @Option(names = "--alpha", description = "Weight of Stage 2's prompt-specific prediction (default: chosen on dev by the robust "
            + "preset; " + Knobs.Default.ALPHA + " with --preset paper).")
    Double alpha;
    @Option(names = "--preset", defaultValue = "robust", paramLabel = "robust|paper",
            description = "Routing rule: robust (default: every model scored from the nearest training prompts' outcomes, shrunk toward "
                    + "the soft task prior or, when the data's labels route better, their prior; blended with Stage 2; k, β, α and "
                    + "per-task guards chosen on dev) or paper (the paper's "
                    + "exact rule over each task's candidates).")
    String preset;
    @Option(names = "--bundle", paramLabel = "PATH",
            description = "Where to export the trained router bundle: a folder, or a single file ending in .frb (default: <out>/router.frb).")
    Path bundle;
    @Option(names = "--no-bundle", description = "Do not export a bundle.")
    boolean noBundle;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter pw = spec.commandLine().getOut();
        PipelineConfig config = stage1.config();
        TrainingConfig training = trainingConfig(config.seed()).withPreset(preset()).withChooseLevels(!stage1.levelsGiven());
        if (alpha != null && !(alpha >= 0 && alpha <= 1)) {
            throw new EngineException("alpha must be in [0,1], was " + alpha, "--alpha takes a value in [0,1]", null);
        }
        OutputPaths.requireFolder(out, "--out");
        if (!noBundle) {
            OutputPaths.requireBundle(bundle != null ? bundle : out.resolve("router.frb"), bundle != null ? "--bundle" : "--out");
        }
        LoadedDataset loaded = dataset.load(err);
        DatasetSplitter.requireTrainRows(loaded.dataset(), config.split());
        ConsoleProgress progress = new ConsoleProgress(err, config.seed());
        TrainingResult result = progress.runCancellable(() -> {
            DiscoveryResult d = new DiscoveryPipeline(stage1.cacheDirOrNull(), progress.stageLogger()).run(loaded.dataset(), config, progress);
            return new RouterTrainingPipeline(stage1.cacheDirOrNull(), progress.stageLogger()).train(d, training, progress);
        });
        RoutingPolicy policy = alpha == null ? result.recommendedPolicy() : RoutingPolicy.PAPER.withAlpha(alpha);
        DiscoveryMetrics metrics = DiscoveryMetrics.of(result.discovery());
        DiscoveryReportWriter.write(result.discovery(), metrics, out);
        DiscoverCommand.print(pw, result.discovery(), metrics);
        pw.printf(Locale.ROOT, "%nclassifier: macro-F1 %.3f on held-out cluster labels, %.0f%% of them assigned a task (threshold %.2f); device %s%n",
                result.classifierHeldOut().macroF1(), 100 * result.classifierHeldOut().assignedShare(),
                result.classifierHeldOut().threshold(), result.device());
        pw.printf(Locale.ROOT, "estimator: dev MSE %.4f%n", result.estimatorDevMse());
        EvaluationReport report = null;
        if (result.discovery().dataset().indicesOf(Split.TEST).length == 0) {
            pw.println("no test split: nothing to evaluate (use --resplit to make one)");
        } else {
            report = EvaluationSuite.evaluate(result, policy, scope, progress);
            report.write(out);
            pw.println();
            Optional<String> small = smallTestSplitWarning(result.discovery().dataset().indicesOf(Split.TEST).length);
            if (small.isPresent()) {
                pw.println(small.get()); // right above the report's header, which it qualifies
                pw.println();
            }
            pw.print(report.toMarkdown());
            // closing lines: the verdict first, then what was written
            Optional<String> verdict = report.verdict();
            if (verdict.isPresent()) {
                pw.println();
                pw.println("verdict: " + verdict.get());
            }
        }
        pw.println("wrote " + out.toAbsolutePath().normalize() + "/{summary.md, tasks.json, assignments.jsonl, run.json, evaluation.json, evaluation.md}");
        if (scope == EvaluationSuite.Scope.FULL && report != null) {
            writeCharts(report, pw, err);
        }
        if (!noBundle) {
            Path target = bundle != null ? bundle : out.resolve("router.frb");
            BundleManifest manifest = BundleWriter.write(result, policy, target);
            pw.println("wrote bundle " + target + " (format v" + manifest.formatVersion() + ", " + manifest.files().size() + " files)");
        }
        return FineRouterCli.OK;
    }

    /**
     * Renders the charts into {@code <out>/charts} (report module) and links them from
     * evaluation.md; a failure is reported and the run goes on (the evaluation is already written).
     */
    private void writeCharts(EvaluationReport report, PrintWriter pw, PrintWriter err) throws EngineException {
        Path dir = out.resolve(ReportCommand.CHARTS_DIR);
        List<Path> files;
        try {
            files = EvaluationCharts.write(report, dir);
        } catch (EngineException | RuntimeException | LinkageError e) {
            err.println("finerouter: charts failed: " + e.getMessage() + " (the evaluation itself is written; retry with "
                    + "'finerouter report charts --from " + out + "')");
            return;
        }
        AtomicFiles.writeString(out.resolve("evaluation.md"), ChartLinks.withCharts(report.toMarkdown(), out, files));
        pw.println("wrote charts to " + dir.toAbsolutePath().normalize() + " (" + files.size() + " files, linked from evaluation.md)");
    }

    private RouterPreset preset() throws EngineException {
        for (RouterPreset p : RouterPreset.values()) {
            if (p.id().equalsIgnoreCase(preset)) {
                return p;
            }
        }
        throw new EngineException("unknown preset '" + preset + "'", "--preset takes robust or paper", null);
    }

    private TrainingConfig trainingConfig(long seed) throws EngineException {
        TrainingConfig defaults = TrainingConfig.defaults(seed);
        try {
            return epochs.applyTo(new TrainingConfig(defaults.classifier(), defaults.estimator(), device, defaults.classifierHoldout()));
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "--epochs takes a positive number", null);
        }
    }
}

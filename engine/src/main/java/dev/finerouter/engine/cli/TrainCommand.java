package dev.finerouter.engine.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.DiscoveryMetrics;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryReportWriter;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.RouterTrainingPipeline;
import dev.finerouter.engine.pipeline.TrainingConfig;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.train.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter train}: the full pipeline — Stage 1, classifier, quality estimator — and a first look at test. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Run the whole FineRouter pipeline: task discovery (as in 'discover'), the task classifier and the "
                + "mixture-of-experts quality estimator, then route the test split and compare with every single model.",
                "Stages are cached in --cache-dir; Ctrl-C cancels and a rerun resumes."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatasetOptions dataset;
    @Mixin
    Stage1Options stage1;

    @Option(names = {"-o", "--out"}, defaultValue = "out/train", paramLabel = "DIR", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--device", defaultValue = "AUTO", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    DeviceChoice device;
    @Option(names = "--epochs", description = "Epochs of each training phase (paper: 10).")
    Integer epochs;
    @Option(names = "--alpha", defaultValue = "0.5", description = "Weight of the prompt-specific prediction (paper: ${DEFAULT-VALUE}).")
    double alpha;
    @Option(names = "--bundle", paramLabel = "PATH", description = "Also export the trained router as a bundle: a folder, or a single file ending in .frb.")
    Path bundle;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter pw = spec.commandLine().getOut();
        PipelineConfig config = stage1.config();
        TrainingConfig training = trainingConfig(config.seed());
        RoutingPolicy policy;
        try {
            policy = RoutingPolicy.PAPER.withAlpha(alpha);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "--alpha takes a value in [0,1]", null);
        }
        LoadedDataset loaded = dataset.load(err);
        ConsoleProgress progress = new ConsoleProgress(err, config.seed());
        TrainingResult result = progress.runCancellable(() -> {
            DiscoveryResult d = new DiscoveryPipeline(stage1.cacheDirOrNull(), progress.stageLogger()).run(loaded.dataset(), config, progress);
            return new RouterTrainingPipeline(stage1.cacheDirOrNull(), progress.stageLogger()).train(d, training, progress);
        });
        DiscoveryMetrics metrics = DiscoveryMetrics.of(result.discovery());
        DiscoveryReportWriter.write(result.discovery(), metrics, out);
        DiscoverCommand.print(pw, result.discovery(), metrics);
        pw.printf(Locale.ROOT, "%nclassifier: macro-F1 %.3f on held-out cluster labels, %.0f%% of them assigned a task (threshold %.2f); device %s%n",
                result.classifierHeldOut().macroF1(), 100 * result.classifierHeldOut().assignedShare(),
                result.classifierHeldOut().threshold(), result.device());
        pw.printf(Locale.ROOT, "estimator: dev MSE %.4f%n", result.estimatorDevMse());
        printTestComparison(pw, result, policy);
        pw.println("wrote " + out.resolve("summary.md") + ", tasks.json, assignments.jsonl, run.json");
        if (bundle != null) {
            BundleManifest manifest = BundleWriter.write(result, policy, bundle);
            pw.println("wrote bundle " + bundle + " (format v" + manifest.formatVersion() + ", " + manifest.files().size() + " files)");
        }
        return FineRouterCli.OK;
    }

    private TrainingConfig trainingConfig(long seed) throws EngineException {
        TrainingConfig defaults = TrainingConfig.defaults(seed);
        if (epochs == null) {
            return new TrainingConfig(defaults.classifier(), defaults.estimator(), device, defaults.classifierHoldout());
        }
        try {
            return new TrainingConfig(defaults.classifier().withEpochs(epochs), defaults.estimator().withEpochs(epochs, epochs), device,
                    defaults.classifierHoldout());
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "--epochs takes a positive number", null);
        }
    }

    /** Routes the test split and prints the router's mean quality and cost beside every single model's. */
    private static void printTestComparison(PrintWriter pw, TrainingResult r, RoutingPolicy policy) throws EngineException {
        RoutingDataset d = r.discovery().dataset();
        int[] test = d.indicesOf(Split.TEST);
        if (test.length == 0) {
            pw.println("no test split: nothing to compare on");
            return;
        }
        TrainedRouter router = r.router();
        ModelPool pool = d.pool();
        TrainedRouter.Predictions p = router.predict(r.embeddingsOf(test), test.length);
        double[] quality = new double[pool.size() + 2];
        int[] counted = new int[pool.size() + 2];
        double[] cost = new double[pool.size() + 2];
        int router_ = pool.size();
        int oracle = pool.size() + 1;
        int[] share = new int[pool.size()];
        for (int i = 0; i < test.length; i++) {
            int row = test[i];
            double[] c = router.costs(d.prompts().get(row).text());
            PromptDecision decision = router.decide(p, i, c, policy);
            int chosen = decision.decision().chosenModel();
            share[chosen]++;
            add(quality, counted, cost, router_, d.scores().get(row, chosen), c[chosen]);
            int best = -1;
            for (int m = 0; m < pool.size(); m++) {
                float q = d.scores().get(row, m);
                add(quality, counted, cost, m, q, c[m]);
                if (!Float.isNaN(q) && (best < 0 || q > d.scores().get(row, best) || q == d.scores().get(row, best) && c[m] < c[best])) {
                    best = m;
                }
            }
            if (best >= 0) {
                add(quality, counted, cost, oracle, d.scores().get(row, best), c[best]);
            }
        }
        TextTable t = new TextTable("router", ">Qual", ">cost/prompt", ">routed");
        for (int m = 0; m < pool.size(); m++) {
            t.row(pool.get(m).name(), fmt(quality[m] / counted[m]), cost(cost[m] / test.length),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * share[m] / test.length));
        }
        t.row("oracle (upper bound)", fmt(quality[oracle] / counted[oracle]), cost(cost[oracle] / test.length), "");
        t.row(String.format(Locale.ROOT, "FineRouter (α = %.2f)", policy.alpha()), fmt(quality[router_] / counted[router_]),
                cost(cost[router_] / test.length), "100%");
        pw.printf(Locale.ROOT, "%ntest split, %d prompts (Qual = mean true score of the chosen model; 'routed' = FineRouter's share):%n", test.length);
        pw.print(t.render());
    }

    private static void add(double[] quality, int[] counted, double[] cost, int slot, float q, double c) {
        cost[slot] += c;
        if (!Float.isNaN(q)) {
            quality[slot] += q;
            counted[slot]++;
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String cost(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}

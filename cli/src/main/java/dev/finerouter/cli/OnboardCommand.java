package dev.finerouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.eval.ScoreInterval;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.onboard.MemoryPrompts;
import dev.finerouter.engine.onboard.ModelOnboarder;
import dev.finerouter.engine.onboard.OnboardEstimate;
import dev.finerouter.engine.onboard.OnboardPlan;
import dev.finerouter.engine.onboard.OnboardPlanner;
import dev.finerouter.engine.onboard.ScoredPrompts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter onboard plan|accept}: add a new model to a trained bundle from its scores on a few prompts per task. */
@Command(mixinStandardHelpOptions = true, name = "onboard",
        description = {"Add a new model to a trained router bundle without retraining.",
                "First plan (representative prompts per task), then score them with the new model, then accept (a new bundle version)."},
        subcommands = {OnboardCommand.Plan.class, OnboardCommand.Accept.class})
final class OnboardCommand extends GroupCommand {
    private OnboardCommand() {
    }

    /** {@code onboard plan}: the prompts a new model should answer. */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Pick representative remembered training prompts of each task (the medoid, then seeded spread picks).",
                    "Writes routing-data JSON lines with an empty scores object: fill in the new model's score (0 to 1) for each.",
                    "The bundle keeps no prompt texts, so --data (the dataset it was trained on) is needed."})
    static final class Plan implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--bundle", required = true, paramLabel = "PATH", description = "The trained bundle (folder or .frb).")
        Path bundle;
        @Option(names = {"-d", "--data"}, required = true, paramLabel = "PATH",
                description = "The dataset the bundle was trained on (its prompts' texts; matched by id).")
        Path data;
        @Option(names = "--per-task", paramLabel = "N", defaultValue = "" + OnboardPlan.Settings.DEFAULT_PER_TASK, description = "At most N prompts per task (default ${DEFAULT-VALUE}).")
        int perTask;
        @Option(names = "--budget", paramLabel = "N", description = "At most N prompts in all, allotted to tasks by size (default: no cap).")
        Integer budget;
        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the spread picks (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The plan to write (JSON lines).")
        Path out;

        @Override
        public Integer call() throws EngineException {
            OutputPaths.requireFile(out, "--out");
            OnboardPlan.Settings settings;
            try {
                settings = new OnboardPlan.Settings(perTask, budget, seed);
            } catch (IllegalArgumentException e) {
                throw new EngineException(e.getMessage(), "see 'finerouter onboard plan --help'", e);
            }
            RouterBundle b = BundleReader.read(bundle);
            PrintWriter pw = spec.commandLine().getOut();
            MemoryPrompts prompts = MemoryPrompts.of(b, load(data, spec.commandLine().getErr()));
            OnboardPlan plan = OnboardPlanner.plan(b, prompts, settings);
            plan.write(out);
            TextTable t = new TextTable(">task", ">prompts", ">picked", "summary");
            for (OnboardPlan.TaskAllotment a : plan.tasks()) {
                t.row(Integer.toString(a.task()), Integer.toString(a.size()), Integer.toString(a.picked()), a.summary());
            }
            pw.print(t.render());
            pw.printf(Locale.ROOT, "wrote %s: %d prompts for %d tasks (seed %d)%n", out, plan.prompts().size(), plan.tasks().size(), seed);
            plan.thinNote().ifPresent(note -> pw.println("note: " + note));
            pw.println("next: fill in each row's \"scores\": {\"NEW-MODEL\": score}, then run 'finerouter onboard accept'");
            pw.flush();
            return FineRouterCli.OK;
        }
    }

    /** {@code onboard accept}: a new bundle version with the scored model. */
    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = {"Write a new bundle: the given bundle plus the new model, estimated from its scores on the plan's prompts.",
                    "Prints the per-task estimates with 95%% intervals and the tasks whose candidates it joins. The given bundle is not "
                            + "changed; the new one is read back and verified."})
    static final class Accept implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--bundle", required = true, paramLabel = "PATH", description = "The bundle the plan was made for.")
        Path bundle;
        @Option(names = "--scores", required = true, paramLabel = "FILE", description = "The plan with the new model's scores filled in.")
        Path scores;
        @Option(names = "--model", required = true, paramLabel = "NAME", description = "The new model's name (the key of its scores).")
        String model;
        @Option(names = "--display-name", paramLabel = "TEXT", description = "A human-friendly name (default: the name).")
        String displayName;
        @Option(names = "--cost-per-query", paramLabel = "USD", description = "Price per call in USD.")
        Double costPerQuery;
        @Option(names = "--input-cost-per-1k", paramLabel = "USD", description = "Price per 1,000 input tokens in USD.")
        Double inputCostPer1k;
        @Option(names = "--output-cost-per-1k", paramLabel = "USD", description = "Price per 1,000 output tokens in USD.")
        Double outputCostPer1k;
        @Option(names = {"-d", "--data"}, paramLabel = "PATH",
                description = "The dataset the bundle was trained on; needed only for bundles that keep no prompt ids.")
        Path data;
        @Option(names = "--out", required = true, paramLabel = "PATH", description = "The new bundle (folder or .frb).")
        Path out;

        @Override
        public Integer call() throws EngineException {
            OutputPaths.requireBundle(out, "--out");
            ModelSpec spec;
            try {
                spec = new ModelSpec(model, displayName, costPerQuery, inputCostPer1k, outputCostPer1k);
            } catch (IllegalArgumentException e) {
                throw new EngineException(e.getMessage(), "prices are USD amounts >= 0", e);
            }
            RouterBundle b = BundleReader.read(bundle);
            ScoredPrompts scored = ScoredPrompts.read(scores, model);
            MemoryPrompts prompts = MemoryPrompts.of(b, data == null ? null : load(data, this.spec.commandLine().getErr()));
            Instant now = Instant.now();
            ModelOnboarder.Onboarding o = ModelOnboarder.prepare(b, prompts, scored, spec, now);
            ModelOnboarder.write(b, o, out, now);
            RouterBundle written = BundleReader.read(out);
            print(this.spec.commandLine().getOut(), b.router().pool(), o, written);
            return FineRouterCli.OK;
        }

        private void print(PrintWriter pw, ModelPool pool, ModelOnboarder.Onboarding o, RouterBundle written) {
            OnboardEstimate e = o.estimate();
            TextTable t = new TextTable(">task", ">scored", ">mean [95%]", ">Δ vs best other ± SE", ">estimate", "best other (estimate)", "candidate",
                    "summary");
            for (OnboardEstimate.TaskEstimate te : e.tasks()) {
                ScoreInterval i = te.observed();
                t.row(Integer.toString(te.task()), Integer.toString(i.n()),
                        i.n() == 0 ? "-" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", i.mean(), i.low(), i.high()),
                        Double.isNaN(te.difference()) ? "-" : String.format(Locale.ROOT, "%+.3f ± %.3f", te.difference(), te.standardError()),
                        String.format(Locale.ROOT, "%.3f", te.estimate()),
                        String.format(Locale.ROOT, "%s (%.3f)", pool.get(te.best()).name(), te.bestEstimate()),
                        o.candidateOf().contains(te.task()) ? "yes" : "", te.summary());
            }
            pw.print(t.render());
            pw.printf(Locale.ROOT, "general estimate %.3f (post-stratified mean %.3f of %d scored prompts, shrunk toward the pool's %.3f with κ %.0f)%n",
                    e.generalMean(), e.stratifiedMean(), e.scored(), e.poolMean(), e.kappa());
            pw.printf(Locale.ROOT, "stage-2 prediction: %s's general adapter, logit offset %+.3f plus a per-task offset%n", pool.get(e.donor()).name(),
                    e.logitOffset());
            pw.printf(Locale.ROOT, "memory column: %s%n", o.provenance().path("memoryColumn").asText());
            JsonNode labels = o.provenance().path("labelMeans");
            if (labels.size() > 0) {
                pw.println("the rule shrinks toward the data labels' prior; the new model's label means (prediction-powered: the memory "
                        + "column's predictions plus the scored prompts' leave-one-out residuals) - where it is ahead of the best existing "
                        + "model it will take most of that label's prompts at λ = 0, on as many scored prompts as the second column says:");
                TextTable lt = new TextTable("label", ">scored (Σ P)", ">estimate", "best existing (mean)", "ahead");
                for (JsonNode r : labels) {
                    lt.row(r.path("label").asText(), String.format(Locale.ROOT, "%.1f", r.path("scoredWeight").asDouble()),
                            String.format(Locale.ROOT, "%.3f", r.path("estimate").asDouble()),
                            String.format(Locale.ROOT, "%s (%.3f)", r.path("bestExisting").asText(), r.path("bestExistingMean").asDouble()),
                            r.path("ahead").asBoolean() ? "yes" : "");
                }
                pw.print(lt.render());
            }
            JsonNode fallbacks = o.provenance().path("fallbacks");
            if (fallbacks.size() > 0) {
                pw.println(fallbacks.get(0).path("task").asText().equals("all")
                        ? "the bundle falls back to one model for every prompt (validated on dev without the new model); the new model replaces "
                                + "it only where its scored prompts show it ahead beyond one SE:"
                        : "guarded tasks keep routing among the models validated on dev (the new model is not routed there; retrain to let it "
                                + "compete); its scored prompts there against the model each falls back to:");
                TextTable ft = new TextTable(">task", "falls back to", ">scored", ">Δ ± SE", "new model routed there");
                for (JsonNode r : fallbacks) {
                    ft.row(r.path("task").asText(), r.path("fallsBackTo").asText(), Integer.toString(r.path("prompts").asInt()),
                            r.path("standardError").isNull() ? "-"
                                    : String.format(Locale.ROOT, "%+.3f ± %.3f", r.path("difference").asDouble(), r.path("standardError").asDouble()),
                            r.path("ahead").asBoolean() ? "yes" : "no");
                }
                pw.print(ft.render());
            }
            pw.printf(Locale.ROOT, "wrote %s: %d models (+%s), candidate of %d of %d tasks, verified%n", out, written.router().pool().size(), model,
                    o.candidateOf().size(), e.tasks().size());
            pw.println(CAUTION);
            pw.flush();
        }
    }

    /** What the leave-one-model-out measurement found (docs/results/onboarding), printed after every accept. */
    static final String CAUTION = "caution: measured on real data (docs/results/onboarding), onboarding from about 10 prompts per task "
            + "is deliberately pessimistic (estimate = best other + Δ − one SE) and recovers only part of what retraining with the new model "
            + "gains; compare with 'finerouter replay' before deploying, or retrain";

    /** Loads a dataset strictly, printing its warnings. */
    private static RoutingDataset load(Path data, PrintWriter err) throws EngineException {
        DatasetOptions.requireExists("--data", data, DatasetLoader.DATASET_SHAPE);
        LoadedDataset loaded = DatasetLoader.load(data, new ImportOptions(false, null));
        DatasetOptions.printReport(loaded.report(), err);
        return loaded.dataset();
    }
}

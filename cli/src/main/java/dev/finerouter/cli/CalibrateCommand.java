package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.calibrate.CalibrationResult;
import dev.finerouter.engine.calibrate.CalibrationSplits;
import dev.finerouter.engine.calibrate.CalibrationTarget;
import dev.finerouter.engine.calibrate.Calibrator;
import dev.finerouter.engine.calibrate.SplitOutcome;
import dev.finerouter.engine.pipeline.Encoders;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.HumanNumbers;
import dev.finerouter.engine.stage.StageContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code finerouter calibrate}: finds the tolerance (and optionally α) that meets a stated goal on the bundle's dev
 * split, reports it on test, and writes a copy of the bundle with that setting as its default policy.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrate a router bundle to a goal instead of a knob: at most $X per 1,000 prompts, at most a share of "
                + "calls to one model, or at least a quality. Searches the tolerance (and α with --tune-alpha) on the dev split of "
                + "the bundle's training data, reports dev and test, and writes the bundle with the calibrated default policy.",
                "Exit 1 when the goal cannot be met on dev (the closest setting is still printed; no bundle is written)."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "PATH", description = "Router bundle (folder or .frb).")
    Path bundle;

    @Mixin
    DatasetOptions dataset;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Goal goal;

    /** Exactly one goal. */
    static final class Goal {
        @Option(names = "--max-cost-per-1k", paramLabel = "USD", description = "At most this cost per 1,000 prompts (calls when unpriced).")
        Double maxCostPer1k;
        @Option(names = "--max-share", paramLabel = "MODEL=FRACTION", description = "At most this fraction of calls to MODEL, e.g. big-model=0.2.")
        String maxShare;
        @Option(names = "--min-quality", paramLabel = "Q", description = "At least this Qual (mean true score of the routed models).")
        Double minQuality;
    }

    @Option(names = "--tune-alpha", description = "Search α over 0, 0.1, …, 1 too (default: keep the bundle's α).")
    boolean tuneAlpha;
    @Option(names = {"-o", "--out"}, paramLabel = "PATH",
            description = "Where to write the calibrated bundle (default: beside the input, <name>-calibrated[.frb]).")
    Path out;
    @Option(names = "--in-place", description = "Replace the input bundle instead of writing a copy.")
    boolean inPlace;
    @Mixin
    BundleEncoderOption bundleEncoder;
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Reuse (and fill) the embedding cache of a training run's --cache-dir (default: no cache).")
    Path cacheDir;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter pw = spec.commandLine().getOut();
        RouterBundle b = BundleReader.read(bundle);
        CalibrationTarget target = target(b);
        Path destination = destination();
        OutputPaths.requireBundle(destination, out != null ? "--out" : "the calibrated bundle");
        LoadedDataset loaded = dataset.load(err);
        CalibrationSplits splits;
        err.println("calibrate: embedding the dev and test prompts with the bundle's encoder...");
        err.flush();
        try (Embedder embedder = openEncoder(b)) {
            splits = CalibrationSplits.of(b, loaded.dataset(), embedder, StageContext.silent(b.manifest().seed()));
        }
        long started = System.nanoTime();
        CalibrationResult r = Calibrator.calibrate(target, splits.dev(), splits.test(), b.defaultPolicy(), tuneAlpha);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> models = b.router().pool().names();
        pw.printf(Locale.ROOT, "target: %s (chosen on %d dev prompts, %d settings in %.2f s; reported on %d test prompts)%n",
                target.describe(), r.dev().prompts(), r.evaluations(), seconds, r.test().prompts());
        pw.printf(Locale.ROOT, "setting: α %.3f, λ %.6f%s (bundle default was α %.3f, λ %.6f)%n%n", r.policy().alpha(),
                r.policy().tolerance(),
                r.policy().maxCostPerCall() == null ? "" : ", max cost per call " + HumanNumbers.costText(r.policy().maxCostPerCall()),
                b.defaultPolicy().alpha(), b.defaultPolicy().tolerance());
        pw.print(table(r, models));
        pw.println();
        if (!r.feasible()) {
            pw.flush();
            err.printf(Locale.ROOT, "finerouter: the target (%s) cannot be met on dev; the closest setting is shown above "
                    + "(%s on dev %s)%n", target.describe(), valueName(target), format(target, target.value(r.dev())));
            err.println("  hint: relax the target; no bundle was written");
            err.flush();
            return FineRouterCli.BAD_INPUT;
        }
        pw.printf(Locale.ROOT, "dev: met (%s %s); test: %s (%s %s)%n", valueName(target), format(target, target.value(r.dev())),
                r.metOnTest() ? "met" : "NOT met", valueName(target), format(target, target.value(r.test())));
        BundleManifest m = BundleWriter.writeCalibrated(bundle, r.policy(), r.toBundleCalibration(models, Instant.now()), destination);
        pw.println("wrote calibrated bundle " + destination + " (default policy α " + fixed(m.defaultPolicy().alpha(), 3) + ", λ "
                + fixed(m.defaultPolicy().tolerance(), 6) + "; route and serve use it by default)");
        return FineRouterCli.OK;
    }

    private Embedder openEncoder(RouterBundle b) throws EngineException {
        return Encoders.cached(bundleEncoder.open(b.manifest().encoder()), cacheDir);
    }

    private CalibrationTarget target(RouterBundle b) throws EngineException {
        try {
            if (goal.maxCostPer1k != null) {
                return new CalibrationTarget.MaxCostPer1k(goal.maxCostPer1k);
            }
            if (goal.minQuality != null) {
                return new CalibrationTarget.MinQuality(goal.minQuality);
            }
            int eq = goal.maxShare.lastIndexOf('=');
            if (eq <= 0 || eq == goal.maxShare.length() - 1) {
                throw new EngineException("--max-share '" + goal.maxShare + "' is not MODEL=FRACTION", "e.g. --max-share big-model=0.2", null);
            }
            double fraction;
            try {
                fraction = Double.parseDouble(goal.maxShare.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new EngineException("--max-share '" + goal.maxShare + "': '" + goal.maxShare.substring(eq + 1) + "' is not a number",
                        "e.g. --max-share big-model=0.2", null);
            }
            return CalibrationTarget.MaxShare.of(b.router().pool(), goal.maxShare.substring(0, eq), fraction);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage(), "--max-cost-per-1k takes a number >= 0, --max-share MODEL=FRACTION in [0,1], "
                    + "--min-quality a value in [0,1]", null);
        }
    }

    private Path destination() throws EngineException {
        Path in = bundle.toAbsolutePath().normalize();
        if (inPlace) {
            if (out != null && !out.toAbsolutePath().normalize().equals(in)) {
                throw new EngineException("--in-place and --out " + out + " contradict each other", "pass one of them", null);
            }
            return bundle;
        }
        if (out != null) {
            if (out.toAbsolutePath().normalize().equals(in)) {
                throw new EngineException("--out is the input bundle " + bundle + "; refusing to overwrite it", "pass --in-place to replace it", null);
            }
            return out;
        }
        return defaultDestination(bundle);
    }

    /** {@code dir/name.frb} → {@code dir/name-calibrated.frb}; a folder {@code dir/name} → {@code dir/name-calibrated}. */
    static Path defaultDestination(Path input) {
        Path absolute = input.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        String calibrated = name.endsWith(BundleWriter.ZIP_SUFFIX)
                ? name.substring(0, name.length() - BundleWriter.ZIP_SUFFIX.length()) + "-calibrated" + BundleWriter.ZIP_SUFFIX
                : name + "-calibrated";
        return absolute.resolveSibling(calibrated);
    }

    private static String table(CalibrationResult r, List<String> models) {
        String[] columns = new String[4 + models.size()];
        columns[0] = "split";
        columns[1] = ">prompts";
        columns[2] = ">Qual";
        columns[3] = ">cost/1k";
        for (int j = 0; j < models.size(); j++) {
            columns[4 + j] = ">" + models.get(j) + " %";
        }
        TextTable t = new TextTable(columns);
        t.row(row("dev", r.dev()));
        t.row(row("test", r.test()));
        return t.render();
    }

    private static Object[] row(String name, SplitOutcome o) {
        double[] share = o.share();
        Object[] row = new Object[4 + share.length];
        row[0] = name;
        row[1] = o.prompts();
        row[2] = fixed(o.qual(), 4);
        row[3] = HumanNumbers.costText(o.costPer1k());
        for (int j = 0; j < share.length; j++) {
            row[4 + j] = fixed(100 * share[j], 1);
        }
        return row;
    }

    private static String valueName(CalibrationTarget t) {
        if (t instanceof CalibrationTarget.MaxShare s) {
            return "share of " + s.model();
        }
        return t instanceof CalibrationTarget.MinQuality ? "Qual" : "cost/1k";
    }

    private static String format(CalibrationTarget t, double v) {
        if (t instanceof CalibrationTarget.MaxShare) {
            return fixed(100 * v, 2) + "%";
        }
        return t instanceof CalibrationTarget.MinQuality ? fixed(v, 4) : HumanNumbers.costText(v);
    }

    private static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "–";
    }
}

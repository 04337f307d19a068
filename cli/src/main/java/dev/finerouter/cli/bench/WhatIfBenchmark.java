package dev.finerouter.cli.bench;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.whatif.Scored;
import dev.finerouter.engine.whatif.TuningEvaluator;
import dev.finerouter.engine.whatif.TuningSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measures the workbench's what-if re-tuning on a trained router (issue 9, "What-if tuning"): how long one change of
 * α, of the tolerance λ and of δ takes to re-decide a whole split from cached predictions, against the baseline the
 * cache avoids — the full forward pass of the classifier and estimator plus the decisions — measured in the same run.
 * τ re-clustering from the cached kNN + RBO graph is measured too, for information (it is the background path).
 *
 * <p>Every figure times the engine's {@link TuningEvaluator}, the code the workbench's What-if panel runs, built once
 * with {@link TuningEvaluator#predict} as the panel does. From the paper's α and λ at the trained δ, τ, k and ℓ (the
 * panel's "Reset to paper"), on the same split, after one untimed warm-up of each operation:
 * <ul>
 *   <li>α change: {@link TuningEvaluator#score} with α alternating between the paper's 0.5 and {@code alphaProbe};</li>
 *   <li>λ change: the same with the tolerance alternating between 0 and {@code toleranceProbe};</li>
 *   <li>δ change: {@link TuningEvaluator#score} at δ = {@code deltaProbe}, which re-selects every task's candidates
 *       and re-decides on each repetition (the evaluator keeps no result between calls);</li>
 *   <li>baseline: {@link TuningEvaluator#scoreWithoutCache} (classifier + estimator over the split, then decide);</li>
 *   <li>τ re-cluster: {@link TuningEvaluator#recluster} and {@link TuningEvaluator#preview} at τ = {@code tauProbe}
 *       from the cached level-1 edges, fewer repetitions.</li>
 * </ul>
 * Nothing here asserts on time.
 */
public final class WhatIfBenchmark {
    private WhatIfBenchmark() {
    }

    /**
     * What to run.
     *
     * @param split the split re-scored (dev or test)
     * @param repeat timed repetitions of each fast operation (≥ 1)
     * @param tauRepeat timed repetitions of the τ re-cluster (≥ 1)
     * @param alphaProbe the other α
     * @param toleranceProbe the other λ
     * @param deltaProbe the other δ
     * @param tauProbe the τ of the re-cluster
     */
    public record Options(Split split, int repeat, int tauRepeat, double alphaProbe, double toleranceProbe, double deltaProbe,
                          double tauProbe) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(split, "split");
            if (split == Split.TRAIN) {
                throw new IllegalArgumentException("re-score the dev or the test split, not train");
            }
            if (repeat < 1 || tauRepeat < 1) {
                throw new IllegalArgumentException("repetitions must be at least 1");
            }
            new RoutingPolicy(alphaProbe, toleranceProbe, null);
            if (!(deltaProbe > 0 && deltaProbe <= 1) || !(tauProbe >= 0 && tauProbe <= 1)) {
                throw new IllegalArgumentException("δ must be in (0, 1] and τ in [0, 1]");
            }
        }
    }

    /**
     * Timing of one operation.
     *
     * @param name what was timed
     * @param repetitions timed repetitions
     * @param medianMillis median wall time
     * @param p95Millis 95th percentile (nearest rank)
     * @param millis every repetition, in order
     */
    public record Timing(String name, int repetitions, double medianMillis, double p95Millis, double[] millis) {
        /** Validates and copies. */
        public Timing {
            Objects.requireNonNull(name, "name");
            millis = millis.clone();
        }

        /** From raw nanosecond samples. */
        static Timing of(String name, long[] nanos) {
            double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
            return new Timing(name, ms.length, median(ms), percentile(ms, 0.95), ms);
        }

        @Override
        public double[] millis() {
            return millis.clone();
        }
    }

    /**
     * The result.
     *
     * @param split the split re-scored
     * @param prompts its prompts
     * @param models models in the pool
     * @param tasks tasks of the router
     * @param trainedDelta δ of the trained router
     * @param trainedTau τ of the trained router
     * @param timings α change, λ change, δ change, baseline, τ re-cluster — in that order
     * @param tasksAtTauProbe tasks after the τ re-cluster
     * @param meanCandidatesAtDeltaProbe candidates per task at δ = deltaProbe
     * @param availableProcessors cores
     * @param loadAverage 1-minute load average at the end (−1 if unknown)
     * @param javaVersion the Java runtime
     */
    public record Result(Split split, int prompts, int models, int tasks, double trainedDelta, double trainedTau,
                         List<Timing> timings, int tasksAtTauProbe, double meanCandidatesAtDeltaProbe,
                         int availableProcessors, double loadAverage, String javaVersion) {
        /** Copies. */
        public Result {
            timings = List.copyOf(timings);
        }
    }

    /**
     * Runs the measurements on a trained router and its Stage-1 result.
     *
     * @throws EngineException when the networks fail or the run is cancelled
     */
    public static Result run(TrainingResult trained, Options options, StageContext ctx) throws EngineException {
        ctx.log("what-if benchmark: predicting the dev and test prompts once, as the workbench does");
        TuningEvaluator evaluator = TuningEvaluator.predict(trained);
        Split split = options.split();
        if (!evaluator.hasSplit(split)) {
            throw new EngineException("the " + split.name().toLowerCase(java.util.Locale.ROOT)
                    + " split is empty: nothing to re-score", "use --resplit or another --split", null);
        }
        int reps = options.repeat();
        ctx.log("what-if benchmark: " + evaluator.size(split) + " prompts, " + reps + " repetitions per operation");
        TuningSettings base = evaluator.trained().withAlpha(RoutingPolicy.PAPER.alpha()).withTolerance(RoutingPolicy.PAPER.tolerance());
        if (options.deltaProbe() == base.delta()) {
            ctx.log("what-if benchmark: the δ probe is the trained δ, so the δ change re-selects nothing");
        }
        List<Timing> timings = new ArrayList<>();
        timings.add(time("α change (re-decide from cache)", reps, ctx, i ->
                evaluator.score(base.withAlpha(i % 2 == 0 ? options.alphaProbe() : base.alpha()), split)));
        timings.add(time("λ change (re-decide from cache)", reps, ctx, i ->
                evaluator.score(base.withTolerance(i % 2 == 0 ? options.toleranceProbe() : base.tolerance()), split)));
        TuningSettings deltaProbe = base.withDelta(options.deltaProbe());
        timings.add(time("δ change (re-select candidates + re-decide)", reps, ctx, i -> evaluator.score(deltaProbe, split)));
        timings.add(time("baseline: classifier + estimator forward pass + decide", reps, ctx, i ->
                evaluator.scoreWithoutCache(base, split)));
        TuningSettings tauProbe = base.withTau(options.tauProbe());
        int[] tauTasks = new int[1];
        timings.add(time("τ re-cluster from the cached kNN + RBO graph (τ = " + options.tauProbe() + ")", options.tauRepeat(), ctx, i -> {
            Scored preview = evaluator.preview(tauProbe, split, evaluator.recluster(tauProbe, StageContext.silent(ctx.seed())));
            tauTasks[0] = preview.tasks();
            return preview;
        }));
        double probeCandidates = evaluator.score(deltaProbe, split).candidatesPerTask();
        return new Result(split, evaluator.size(split), evaluator.modelNames().size(), trained.router().tasks().size(), base.delta(),
                base.tau(), timings, tauTasks[0], probeCandidates, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"));
    }

    /** One step of a measured operation; the returned value is kept so the work cannot be optimised away. */
    @FunctionalInterface
    interface Step {
        Object run(int iteration) throws EngineException;
    }

    static Timing time(String name, int reps, StageContext ctx, Step step) throws EngineException {
        ctx.checkCancelled();
        Object sink = step.run(1);
        long[] nanos = new long[reps];
        for (int i = 0; i < reps; i++) {
            ctx.checkCancelled();
            long t0 = System.nanoTime();
            sink = step.run(i);
            nanos[i] = System.nanoTime() - t0;
        }
        Objects.requireNonNull(sink);
        ctx.log(String.format(java.util.Locale.ROOT, "%s: median %.2f ms", name, median(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray())));
        return Timing.of(name, nanos);
    }

    /** The median (mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /** Nearest-rank percentile: the ⌈q·n⌉-th smallest value. */
    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }
}

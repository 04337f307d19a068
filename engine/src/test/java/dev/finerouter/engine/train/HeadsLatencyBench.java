package dev.finerouter.engine.train;

import dev.finerouter.engine.ProcessMemory;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.data.BenchmarkPrompts;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.service.EncoderResolver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: a measurement of the heads' inference on a real bundle, run by hand with
 * {@code mvn -o -pl engine test -Dtest=HeadsLatencyBench -Dheads.bundle=B.frb -Dheads.data=DIR} (skipped otherwise;
 * the name keeps it out of the default test run). On the dataset's test prompts, embedded with the bundle's encoder:
 * agreement of the array path with the DJL path it replaced (max difference, task assignments, decisions), then
 * single-prompt latency of each (classifier + estimator, as TrainedRouter.predict runs them), interleaved in rounds so
 * both see the same machine load, the whole split as one batch, and resident memory before and after each path's
 * calls. Prints a table; asserts nothing about time.
 */
class HeadsLatencyBench {
    private static final int WARMUP = 50;
    private static final int ROUNDS = 10;
    private static final int PER_ROUND = 50;

    @Test
    void measure() throws Exception {
        String bundlePath = System.getProperty("heads.bundle");
        String dataPath = System.getProperty("heads.data");
        Assumptions.assumeTrue(bundlePath != null && dataPath != null, "set -Dheads.bundle and -Dheads.data to measure");
        RouterBundle bundle = BundleReader.read(Path.of(bundlePath));
        TrainedRouter router = bundle.router();
        List<String> texts = BenchmarkPrompts.of(DatasetLoader.load(Path.of(dataPath), ImportOptions.STRICT).dataset());
        int n = texts.size();
        float[] emb;
        double embedOneMillis;
        try (Embedder encoder = EncoderResolver.open(bundle.manifest().encoder(), null)) {
            emb = encoder.embed(texts, StageContext.silent(1)).data();
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                encoder.embed(List.of(texts.get(i % n)), StageContext.silent(1));
            }
            embedOneMillis = (System.nanoTime() - t0) / 1e6 / 50;
        }
        int dim = router.classifier().inputDim();
        TaskClassifier c = router.classifier();
        QualityEstimator q = router.estimator();

        // agreement on the whole split
        TaskPrediction ta = c.predict(emb, n);
        TaskPrediction tt = c.predictTorch(emb, n);
        float[] qa = q.predict(emb, n, ta.tasks());
        float[] qt = q.predictTorch(emb, n, tt.tasks());
        double dp = maxDiff(ta.probabilities(), tt.probabilities());
        double dq = maxDiff(qa, qt);
        int sameTasks = 0;
        for (int i = 0; i < n; i++) {
            sameTasks += ta.tasks()[i] == tt.tasks()[i] ? 1 : 0;
        }
        TrainedRouter.Predictions pa = router.predict(emb, n);
        int k = router.rule() == null ? 0 : Math.min(router.rule().k(), router.rule().memory().size());
        TrainedRouter.Predictions pt = k == 0 ? new TrainedRouter.Predictions(tt, qt, router.pool().size())
                : new TrainedRouter.Predictions(tt, qt, router.pool().size(), router.rule().memory().nearest(emb, n, k), k);
        int sameDecisions = 0;
        int decisions = 0;
        for (RoutingPolicy policy : List.of(bundle.defaultPolicy(), RoutingPolicy.PAPER, new RoutingPolicy(0.8, 0.1, null))) {
            for (int i = 0; i < n; i++) {
                double[] cost = router.costs(texts.get(i));
                sameDecisions += router.decide(pa, i, cost, policy).decision().chosenModel() == router.decide(pt, i, cost, policy).decision().chosenModel()
                        ? 1 : 0;
                decisions++;
            }
        }

        // single-prompt latency, interleaved
        for (int i = 0; i < WARMUP; i++) {
            one(c, q, emb, i % n, dim, false);
            one(c, q, emb, i % n, dim, true);
        }
        long rss0 = ProcessMemory.residentBytes();
        long[] arrays = new long[ROUNDS * PER_ROUND];
        long[] torch = new long[ROUNDS * PER_ROUND];
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < PER_ROUND; i++) {
                arrays[r * PER_ROUND + i] = one(c, q, emb, (r * PER_ROUND + i) % n, dim, false);
            }
            for (int i = 0; i < PER_ROUND; i++) {
                torch[r * PER_ROUND + i] = one(c, q, emb, (r * PER_ROUND + i) % n, dim, true);
            }
        }
        long rss1 = ProcessMemory.residentBytes();
        long t0 = System.nanoTime();
        q.predict(emb, n, c.predict(emb, n).tasks());
        double batchArrays = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        q.predictTorch(emb, n, c.predictTorch(emb, n).tasks());
        double batchTorch = (System.nanoTime() - t0) / 1e6;

        System.out.printf("heads benchmark: %s (%d tasks, %d models, %d-d), %d test prompts of %s; load average %.2f, %d cores%n", bundlePath,
                router.tasks().size(), router.pool().size(), dim, n, dataPath, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("agreement: max |Δ task probability| %.3g, max |Δ Q̃| %.3g, task assignments %d/%d identical, decisions %d/%d identical "
                + "(default, paper and α 0.8 / λ 0.1 policies)%n", dp, dq, sameTasks, n, sameDecisions, decisions);
        System.out.printf("%-44s %10s %10s %10s%n", "one prompt, classifier + estimator", "median ms", "p95 ms", "mean ms");
        System.out.printf("%-44s %10.3f %10.3f %10.3f%n", "DJL PyTorch (before: new NDManager per call)", pct(torch, 0.5), pct(torch, 0.95), mean(torch));
        System.out.printf("%-44s %10.3f %10.3f %10.3f%n", "plain arrays (after: heads built once)", pct(arrays, 0.5), pct(arrays, 0.95), mean(arrays));
        System.out.printf("whole split as one batch (%d prompts): DJL %.1f ms, arrays %.1f ms%n", n, batchTorch, batchArrays);
        System.out.printf("for scale: embedding one prompt with the bundle's encoder %.2f ms (mean of 50)%n", embedOneMillis);
        System.out.printf("resident memory: %.0f MB before the %d + %d timed calls, %.0f MB after%n", rss0 / 1e6, arrays.length, torch.length, rss1 / 1e6);
    }

    private static long one(TaskClassifier c, QualityEstimator q, float[] emb, int i, int dim, boolean torch) throws Exception {
        float[] x = Arrays.copyOfRange(emb, i * dim, (i + 1) * dim);
        long t0 = System.nanoTime();
        if (torch) {
            q.predictTorch(x, 1, c.predictTorch(x, 1).tasks());
        } else {
            q.predict(x, 1, c.predict(x, 1).tasks());
        }
        return System.nanoTime() - t0;
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double pct(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(Double.NaN) / 1e6;
    }
}

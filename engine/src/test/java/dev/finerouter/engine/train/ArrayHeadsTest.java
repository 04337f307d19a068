package dev.finerouter.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference path in plain Java arrays ({@link ClassifierHeads}, {@link EstimatorHeads}) against the DJL PyTorch
 * forward pass it replaced ({@code predictTorch}): predictions within 1e-4, identical task assignments, argmax models
 * and routing decisions, on freshly trained tiny heads and on the golden bundle; a prompt's result does not depend on
 * the batch it is in.
 */
class ArrayHeadsTest {
    private static final double TOLERANCE = 1e-4;
    private static final int DIM = 16;
    private static final int TASKS = 4;
    private static final int MODELS = 4;
    private static final int[][] CANDIDATES = {{0, 1}, {1}, {2, 3}, {3, 0}};
    private static SyntheticData data;
    private static SyntheticData.Sample test;
    private static TaskClassifier classifier;
    private static QualityEstimator estimator;

    @BeforeAll
    static void train() throws Exception {
        data = new SyntheticData(DIM, TASKS, MODELS, 3);
        SyntheticData.Sample train = data.sample(600, 0.2, 0.6, 1);
        SyntheticData.Sample dev = data.sample(150, 0.2, 0.6, 2);
        test = data.sample(400, 0.2, 0.6, 3);
        classifier = TaskClassifier.train(ClassifierConfig.defaults(5).withProjectionDim(DIM).withBatchSize(64).withLearningRate(5e-3f).withEpochs(4),
                data.centres.clone(), TASKS, tasks(train), tasks(dev), TrainingDevice.cpu(), StageContext.silent(5));
        estimator = QualityEstimator.train(EstimatorConfig.defaults(9).withSizes(16, 8, 32, 8).withEpochs(4, 3).withLearningRates(1e-2f, 5e-3f)
                .withBatchSize(64), CANDIDATES, scores(train), scores(dev), TrainingDevice.cpu(), StageContext.silent(9));
    }

    private static PromptTasks tasks(SyntheticData.Sample s) {
        return new PromptTasks(s.embeddings(), s.n(), DIM, s.groups());
    }

    private static PromptScores scores(SyntheticData.Sample s) {
        return new PromptScores(s.embeddings(), s.n(), DIM, s.scores(), MODELS, s.groups());
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length, "lengths");
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static int[] argmaxRows(float[] values, int n, int width) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < width; k++) {
                if (values[i * width + k] > values[i * width + best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Test
    void tasksPredictedInChunksEqualTheFullPrediction() throws Exception {
        int[] full = classifier.predict(test.embeddings(), test.n()).tasks();
        for (int chunk : new int[] {1, 7, 64, test.n(), 10_000}) {
            assertArrayEquals(full, classifier.predictTasks(test.embeddings(), test.n(), chunk), "chunk " + chunk);
        }
        assertArrayEquals(full, classifier.predictTasks(test.embeddings(), test.n()));
        assertEquals(0, classifier.predictTasks(new float[0], 0).length);
    }

    @Test
    void erfAndGeluMatchReferenceValuesAndTorch() throws Exception {
        // erf reference values (Abramowitz and Stegun, table 7.1, and standard tables)
        assertEquals(0.5204998778130465, ArrayMath.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, ArrayMath.erf(1.0), 1e-15);
        assertEquals(0.9953222650189527, ArrayMath.erf(2.0), 1e-15);
        assertEquals(0.9995930479825550, ArrayMath.erf(2.5), 1e-15);
        assertEquals(0.9999779095030014, ArrayMath.erf(3.0), 1e-15);
        assertEquals(-0.8427007929497149, ArrayMath.erf(-1.0), 1e-15);
        assertEquals(0.0, ArrayMath.erf(0.0));
        assertEquals(1.0, ArrayMath.erf(40.0));
        double worst = 0;
        for (int i = -700_000; i <= 700_000; i++) {
            double u = i * 1e-5 + 1.234e-7; // off the table's grid points
            worst = Math.max(worst, Math.abs(ArrayMath.erf(u) - ArrayMath.erfReference(u)));
        }
        assertTrue(worst <= 1e-14, "table erf vs first-principles erf: " + worst); // both near double rounding; float needs 6e-8
        int n = 8001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -12f + 24f * i / (n - 1);
        }
        TorchEngine.get();
        float[] torch;
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            NDArray a = m.create(x, new Shape(n));
            torch = Activation.gelu(a).toFloatArray();
        }
        float[] ours = x.clone();
        ArrayMath.gelu(ours, 0, n);
        for (int i = 0; i < n; i++) {
            // within 2 float ulps of PyTorch, or |x|·2^-21 absolute: PyTorch forms x/2 · (1 + erf(x/√2)) in float, with a
            // float erf good to a few ulps, so for negative x the sum 1 + erf cancels (to 0 below about -5.4, where the
            // exact value is still ~1e-7); ours is computed in double from an erf accurate to ~1e-16
            double allowed = Math.max(Math.abs(x[i]) * 0x1p-21, 2 * Math.ulp(Math.abs(torch[i])));
            assertTrue(Math.abs(ours[i] - torch[i]) <= allowed, "gelu(" + x[i] + "): " + ours[i] + " vs torch " + torch[i]);
        }
    }

    @Test
    void affineMatchesANaiveProduct() {
        Random r = new Random(1);
        int rows = ArrayMath.ROW_BLOCK + 19; // more than one block
        int in = 7;
        int out = 5;
        float[] x = new float[3 + rows * in];
        float[] w = new float[in * out];
        float[] b = new float[out];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        float[][] y = new float[rows][out];
        float[][] xr = new float[rows][];
        for (int i = 0; i < rows; i++) {
            xr[i] = Arrays.copyOfRange(x, 3 + i * in, 3 + (i + 1) * in);
        }
        ArrayMath.affine(xr, rows, in, w, out, b, y);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int k = 0; k < in; k++) {
                    s += (double) x[3 + i * in + k] * w[k * out + j];
                }
                assertEquals(s, y[i][j], 1e-5, "row " + i + " column " + j);
            }
        }
    }

    @Test
    void classifierArraysMatchTorch() throws Exception {
        TaskPrediction arrays = classifier.predict(test.embeddings(), test.n());
        TaskPrediction torch = classifier.predictTorch(test.embeddings(), test.n());
        double diff = maxAbsDifference(arrays.probabilities(), torch.probabilities());
        System.out.printf("classifier: max |arrays - torch| = %.3g over %d probabilities%n", diff, arrays.probabilities().length);
        assertTrue(diff <= TOLERANCE, "max difference " + diff);
        assertArrayEquals(torch.tasks(), arrays.tasks(), "task assignments");
        assertArrayEquals(argmaxRows(torch.probabilities(), test.n(), TASKS), argmaxRows(arrays.probabilities(), test.n(), TASKS));
        assertSame(classifier.heads(), classifier.heads(), "heads are built once");

        // tasks added without retraining: a new classifier, new heads, still equal to torch
        float[] newVector = Arrays.copyOfRange(test.embeddings(), 0, DIM);
        TaskClassifier grown = classifier.withAddedTasks(newVector, new float[] {0.3f});
        TaskPrediction g = grown.predict(test.embeddings(), test.n());
        TaskPrediction gt = grown.predictTorch(test.embeddings(), test.n());
        assertTrue(maxAbsDifference(g.probabilities(), gt.probabilities()) <= TOLERANCE);
        assertArrayEquals(gt.tasks(), g.tasks());
        assertEquals(TASKS + 1, g.taskCount());
    }

    @Test
    void estimatorArraysMatchTorch() throws Exception {
        int[] others = new int[test.n()];
        Arrays.fill(others, PromptTasks.OTHERS);
        for (int[] labels : new int[][] {test.groups(), others, classifier.predict(test.embeddings(), test.n()).tasks()}) {
            float[] arrays = estimator.predict(test.embeddings(), test.n(), labels);
            float[] torch = estimator.predictTorch(test.embeddings(), test.n(), labels);
            double diff = maxAbsDifference(arrays, torch);
            System.out.printf("estimator: max |arrays - torch| = %.3g over %d scores%n", diff, arrays.length);
            assertTrue(diff <= TOLERANCE, "max difference " + diff);
            assertArrayEquals(argmaxRows(torch, test.n(), MODELS), argmaxRows(arrays, test.n(), MODELS), "best model per prompt");
        }
        assertSame(estimator.heads(), estimator.heads(), "heads are built once");
        QualityEstimator grown = estimator.withAddedTasks(new int[][] {{1, 2}});
        int[] labels = new int[test.n()];
        Arrays.fill(labels, TASKS); // the new task: no adapters, general adapters only
        assertTrue(maxAbsDifference(grown.predict(test.embeddings(), test.n(), labels), grown.predictTorch(test.embeddings(), test.n(), labels))
                <= TOLERANCE);
    }

    @Test
    void aPromptGetsTheSameBitsAloneAsInAnyBatch() throws Exception {
        int n = 2 * ArrayMath.ROW_BLOCK + 7; // several blocks
        float[] emb = Arrays.copyOf(test.embeddings(), n * DIM);
        int[] labels = Arrays.copyOf(test.groups(), n);
        float[] batchQ = estimator.predict(emb, n, labels);
        float[] batchP = classifier.predict(emb, n).probabilities();
        for (int i = 0; i < n; i++) {
            float[] one = Arrays.copyOfRange(emb, i * DIM, (i + 1) * DIM);
            assertArrayEquals(Arrays.copyOfRange(batchQ, i * MODELS, (i + 1) * MODELS), estimator.predict(one, 1, new int[] {labels[i]}), 0f,
                    "estimator row " + i);
            assertArrayEquals(Arrays.copyOfRange(batchP, i * TASKS, (i + 1) * TASKS), classifier.predict(one, 1).probabilities(), 0f,
                    "classifier row " + i);
        }
    }

    /** Prompts like the golden bundle's training prompts, plus unrelated ones. */
    private static List<String> prompts(int n, long seed) {
        Random r = new Random(seed);
        String[] things = {"the sea", "autumn leaves", "a lonely robot", "mountains", "coffee", "the city at night", "a cat"};
        String[] jobs = {"sorts a list", "parses a CSV file", "counts words", "merges two dictionaries", "reverses a string", "checks primes"};
        String[] other = {"What is the capital of France?", "Translate good morning into German", "Summarise the plot of Hamlet",
                "Who wrote War and Peace?", "Explain photosynthesis briefly"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(switch (i % 4) {
                case 0 -> "Solve for x: " + (2 + r.nextInt(9)) + " x + " + r.nextInt(20) + " = " + (20 + r.nextInt(40));
                case 1 -> "Write a Python function that " + jobs[r.nextInt(jobs.length)];
                case 2 -> "Write a short poem about " + things[r.nextInt(things.length)];
                default -> other[r.nextInt(other.length)] + " " + r.nextInt(100);
            });
        }
        return out;
    }

    /** The router's predictions computed by the DJL forward pass, in the form {@link TrainedRouter#decide} takes. */
    private static TrainedRouter.Predictions torchPredictions(TrainedRouter router, float[] emb, int n) throws Exception {
        TaskPrediction t = router.classifier().predictTorch(emb, n);
        float[] q = router.estimator().predictTorch(emb, n, t.tasks());
        if (router.rule() == null) {
            return new TrainedRouter.Predictions(t, q, router.pool().size());
        }
        int k = Math.min(router.rule().k(), router.rule().memory().size());
        return new TrainedRouter.Predictions(t, q, router.pool().size(), router.rule().memory().nearest(emb, n, k), k);
    }

    private static void assertSameDecisions(TrainedRouter router, List<String> texts) throws Exception {
        float[] emb = TrigramEmbedder.vectors(texts);
        int n = texts.size();
        TrainedRouter.Predictions arrays = router.predict(emb, n);
        TrainedRouter.Predictions torch = torchPredictions(router, emb, n);
        assertTrue(maxAbsDifference(arrays.quality(), torch.quality()) <= TOLERANCE);
        assertTrue(maxAbsDifference(arrays.tasks().probabilities(), torch.tasks().probabilities()) <= TOLERANCE);
        assertArrayEquals(torch.tasks().tasks(), arrays.tasks().tasks());
        int changed = 0;
        for (RoutingPolicy policy : List.of(RoutingPolicy.PAPER, new RoutingPolicy(0.5, 1.0, null), new RoutingPolicy(1.0, 0.0, 0.001),
                new RoutingPolicy(0.0, 0.0, null), new RoutingPolicy(0.8, 0.3, null))) {
            List<PromptDecision> viaRoute = router.route(emb, texts, policy);
            for (int i = 0; i < n; i++) {
                double[] cost = router.costs(texts.get(i));
                PromptDecision a = router.decide(arrays, i, cost, policy);
                PromptDecision t = router.decide(torch, i, cost, policy);
                assertEquals(t.decision().chosenModel(), a.decision().chosenModel(), "prompt " + i + " '" + texts.get(i) + "' under " + policy);
                assertEquals(t.decision().task(), a.decision().task(), "task of prompt " + i);
                assertEquals(a.decision().chosenModel(), viaRoute.get(i).decision().chosenModel(), "route() uses the array path");
                if (a.decision().chosenModel() != router.decide(arrays, 0, cost, policy).decision().chosenModel()) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0, "the prompts should not all be routed alike, or the comparison shows nothing");
    }

    @Test
    void goldenBundleRoutesIdenticallyOnBothPaths() throws Exception {
        TrainedRouter golden = BundleReader.read(Path.of("src/test/resources/golden-bundle/bundle")).router();
        assertSameDecisions(golden, prompts(400, 11));
    }

    @Test
    void goldenBundleWithTheRobustRuleRoutesIdenticallyOnBothPaths() throws Exception {
        TrainedRouter golden = BundleReader.read(Path.of("src/test/resources/golden-bundle/bundle")).router();
        List<String> memoryTexts = prompts(80, 5);
        Random r = new Random(5);
        float[] scores = new float[memoryTexts.size() * golden.pool().size()];
        for (int i = 0; i < memoryTexts.size(); i++) {
            for (int m = 0; m < golden.pool().size(); m++) {
                scores[i * golden.pool().size() + m] = (i % 4 == m) ? 0.8f + 0.2f * r.nextFloat() : 0.5f * r.nextFloat();
            }
        }
        RouterMemory memory = new RouterMemory(TrigramEmbedder.vectors(memoryTexts), memoryTexts.size(), TrigramEmbedder.DIM, scores,
                golden.pool().size());
        float[] g = RobustRule.generalMeans(memory);
        float[][] taskMean = {g.clone(), g.clone(), g.clone()};
        RobustRule rule = new RobustRule(memory, 5, 1.0, 10, g, taskMean, Collections.nCopies(3, null), null, Double.NaN);
        assertSameDecisions(golden.withRule(rule), prompts(300, 12));
    }
}

package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.train.ClassifierConfig;
import dev.finerouter.engine.train.EstimatorConfig;
import dev.finerouter.engine.train.PromptScores;
import dev.finerouter.engine.train.PromptTasks;
import dev.finerouter.engine.train.QualityEstimator;
import dev.finerouter.engine.train.TaskClassifier;
import dev.finerouter.engine.train.TrainingDevice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The golden bundle: a tiny router (3 tasks, 4 models, 60 prompts, 8-d {@link TrigramEmbedder} vectors, 2 epochs,
 * seeded) trained on synthetic prompts. {@link #regenerate()} rewrites {@code src/test/resources/golden-bundle} when
 * run with {@code -Dgolden.regenerate=true} (see the README there); otherwise it is skipped.
 */
public class GoldenBundle {
    /** Where the checked-in bundle lives: relative to the engine module, or through it from a sibling module (cli). */
    public static final Path DIR = Files.isDirectory(Path.of("src/test/resources/golden-bundle")) ? Path.of("src/test/resources/golden-bundle")
            : Path.of("../engine/src/test/resources/golden-bundle");
    static final long SEED = 7;
    static final String[] SUMMARIES = {"Solve arithmetic and algebra equations", "Write Python functions", "Write short poems"};
    public static final ModelPool POOL = new ModelPool(List.of(
            new ModelSpec("mathstral", "Mathstral", 0.002, null, null),
            new ModelSpec("coder-xl", "Coder XL", 0.004, null, null),
            new ModelSpec("bard-mini", "Bard mini", 0.0005, null, null),
            new ModelSpec("generalist", "Generalist", 0.001, null, null)));
    /** The prompts whose decisions are pinned in expected-decisions.json. */
    static final List<String> PROBES = List.of("Solve for x: 4 x + 9 = 21", "Write a Python function that reverses a list",
            "Write a short poem about the sea", "What is the capital of France?", "Solve for y: 2 y - 5 = 11");
    /** The policies the pinned decisions use. */
    static final List<RoutingPolicy> POLICIES = List.of(RoutingPolicy.PAPER, new RoutingPolicy(0.5, 1.0, null), new RoutingPolicy(1.0, 0.0, 0.001));

    /** The synthetic prompt of number i (topic i % 3). */
    static String prompt(int i, Random r) {
        String[] things = {"the sea", "autumn leaves", "a lonely robot", "mountains", "coffee", "the city at night", "a cat"};
        String[] tasks = {"sorts a list", "parses a CSV file", "counts words", "merges two dictionaries", "reverses a string", "checks primes"};
        return switch (i % 3) {
            case 0 -> "Solve for x: " + (2 + r.nextInt(9)) + " x + " + r.nextInt(20) + " = " + (20 + r.nextInt(40));
            case 1 -> "Write a Python function that " + tasks[r.nextInt(tasks.length)];
            default -> "Write a short poem about " + things[r.nextInt(things.length)];
        };
    }

    /** Prompts the golden router was trained on (the first {@link #TRAIN}), with their tasks and scores. */
    public static final int TRAIN = 48;

    /**
     * The golden bundle's synthetic data.
     *
     * @param texts 60 prompts
     * @param task the topic of each (i % 3)
     * @param scores row-major 60 × 4 scores in {@link #POOL} order
     */
    public record Synthetic(List<String> texts, int[] task, float[] scores) {
    }

    /** The 60 synthetic prompts and scores, as {@link #train()} makes them (seed 7). */
    public static Synthetic data() {
        Random r = new Random(SEED);
        int n = 60;
        int models = POOL.size();
        List<String> texts = new ArrayList<>();
        int[] task = new int[n];
        float[] scores = new float[n * models];
        for (int i = 0; i < n; i++) {
            texts.add(prompt(i, r));
            task[i] = i % 3;
            for (int m = 0; m < models; m++) {
                float base = m == task[i] ? 0.9f : m == 3 ? 0.6f : 0.25f;
                scores[i * models + m] = Math.max(0, Math.min(1, base + 0.1f * (float) r.nextGaussian()));
            }
        }
        return new Synthetic(texts, task, scores);
    }

    /** Trains the tiny router. */
    static TrainedRouter train() throws Exception {
        Synthetic data = data();
        List<String> texts = data.texts();
        int[] task = data.task();
        float[] scores = data.scores();
        int n = texts.size();
        int models = POOL.size();
        float[] emb = TrigramEmbedder.vectors(texts);
        int dim = TrigramEmbedder.DIM;
        int nTrain = TRAIN;
        int nDev = n - nTrain;
        float[] trainEmb = Arrays.copyOfRange(emb, 0, nTrain * dim);
        float[] devEmb = Arrays.copyOfRange(emb, nTrain * dim, n * dim);
        int[] trainTask = Arrays.copyOfRange(task, 0, nTrain);
        int[] devTask = Arrays.copyOfRange(task, nTrain, n);
        float[] taskVectors = TrigramEmbedder.vectors(Arrays.asList(SUMMARIES));
        StageContext ctx = StageContext.silent(SEED);
        TaskClassifier classifier = TaskClassifier.train(ClassifierConfig.defaults(SEED).withProjectionDim(dim).withEpochs(2).withBatchSize(16),
                taskVectors, 3, new PromptTasks(trainEmb, nTrain, dim, trainTask), new PromptTasks(devEmb, nDev, dim, devTask),
                TrainingDevice.cpu(), ctx);
        int[][] candidates = {{0, 3}, {1, 3}, {2, 3, 0}};
        QualityEstimator estimator = QualityEstimator.train(
                EstimatorConfig.defaults(SEED).withSizes(8, 4, 8, 4).withEpochs(2, 1).withBatchSize(16), candidates,
                new PromptScores(trainEmb, nTrain, dim, Arrays.copyOfRange(scores, 0, nTrain * models), models, trainTask),
                new PromptScores(devEmb, nDev, dim, Arrays.copyOfRange(scores, nTrain * models, n * models), models, devTask),
                TrainingDevice.cpu(), ctx);
        List<RouterTask> tasks = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            tasks.add(new RouterTask(t, SUMMARIES[t], nTrain / 3, candidates[t], medians(scores, trainTask, t, models)));
        }
        return new TrainedRouter(POOL, tasks, medians(scores, trainTask, -2, models), classifier, estimator, TrigramEmbedder.ID, CostModel.DEFAULT);
    }

    private static float[] medians(float[] scores, int[] task, int t, int models) {
        float[] out = new float[models];
        for (int m = 0; m < models; m++) {
            List<Float> v = new ArrayList<>();
            for (int i = 0; i < task.length; i++) {
                if (t == -2 || task[i] == t) {
                    v.add(scores[i * models + m]);
                }
            }
            v.sort(null);
            out[m] = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        }
        return out;
    }

    /** The golden bundle's metadata (fixed creation time, so only training could change it). */
    static BundleMetadata metadata(TrainedRouter router) {
        return new BundleMetadata(Instant.parse("2026-01-01T00:00:00Z"), SEED, new BundleManifest.DataInfo("golden-synthetic", "0".repeat(64)),
                "offline-test", null, RoutingPolicy.PAPER,
                BundleMetadata.hyperparameters(null, null, router.classifier().threshold()), List.of());
    }

    /** Decisions of the probes under each policy, as stored in expected-decisions.json. */
    static ObjectNode decisions(TrainedRouter router) throws Exception {
        ObjectNode root = BundleJson.MAPPER.createObjectNode();
        ArrayNode probes = root.putArray("probes");
        float[] emb = TrigramEmbedder.vectors(PROBES);
        for (int p = 0; p < POLICIES.size(); p++) {
            RoutingPolicy policy = POLICIES.get(p);
            List<PromptDecision> ds = router.route(emb, PROBES, policy);
            for (int i = 0; i < PROBES.size(); i++) {
                ObjectNode o = probes.addObject();
                o.put("text", PROBES.get(i));
                o.put("alpha", policy.alpha());
                o.put("tolerance", policy.tolerance());
                if (policy.maxCostPerCall() != null) {
                    o.put("maxCost", policy.maxCostPerCall());
                }
                ArrayNode e = o.putArray("embedding");
                for (int k = 0; k < TrigramEmbedder.DIM; k++) {
                    e.add(emb[i * TrigramEmbedder.DIM + k]);
                }
                o.put("model", router.pool().get(ds.get(i).decision().chosenModel()).name());
                o.put("task", ds.get(i).decision().task());
            }
        }
        return root;
    }

    @Test
    void regenerate() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("golden.regenerate"), "set -Dgolden.regenerate=true to rewrite the golden bundle");
        TrainedRouter router = train();
        BundleWriter.write(router, metadata(router), DIR.resolve("bundle"));
        RouterBundle back = BundleReader.read(DIR.resolve("bundle"));
        Files.write(DIR.resolve("expected-decisions.json"), BundleJson.bytes(decisions(back.router())));
    }
}

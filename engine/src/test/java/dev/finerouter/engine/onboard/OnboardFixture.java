package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleMetadata;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.GoldenBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.route.LabelPrior;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The golden bundle's router with a robust rule that remembers its 48 training prompts (ids {@code g-00} … {@code g-47},
 * k = 5, β = 1, κ = 10), and the golden data as a routing dataset ({@code routing.jsonl} with prices in
 * {@code models.json}; the 48 training prompts labelled train, the 12 others dev). Topic of prompt i: i % 3 (0 algebra,
 * 1 Python, 2 poems).
 */
public final class OnboardFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    private OnboardFixture() {
    }

    static String id(int i) {
        return String.format("g-%02d", i);
    }

    /** Writes the bundle to {@code dir/base} (with ids unless {@code withoutIds}: then it records the split instead). */
    public static Path bundle(Path dir, boolean withIds) throws Exception {
        return bundle(dir, withIds, false);
    }

    /**
     * As {@link #bundle(Path, boolean)} with ids, the rule shrinking toward the data labels' prior (the topics algebra,
     * Python, poems: a seeded softmax classifier of the topic and the topics' model means shrunk toward g with κ 10),
     * written to {@code dir/base-labels}.
     */
    public static Path bundleWithLabels(Path dir) throws Exception {
        return bundle(dir, true, true, false);
    }

    /**
     * As {@link #bundle(Path, boolean)} with ids, the poem task guarded (as if its routing had lost on dev to the
     * general estimate), written to {@code dir/base-guarded}.
     */
    public static Path bundleWithGuardedPoems(Path dir) throws Exception {
        return bundle(dir, true, false, true);
    }

    /**
     * As {@link #bundle(Path, boolean)} with ids, the whole rule fallen back (as if it had lost on dev to the general
     * estimate: every prompt goes to the general best), written to {@code dir/base-fallback}.
     */
    public static Path bundleFallenBack(Path dir) throws Exception {
        return bundle(dir, true, false, false, true);
    }

    private static Path bundle(Path dir, boolean withIds, boolean labels) throws Exception {
        return bundle(dir, withIds, labels, false, false);
    }

    private static Path bundle(Path dir, boolean withIds, boolean labels, boolean guardPoems) throws Exception {
        return bundle(dir, withIds, labels, guardPoems, false);
    }

    private static Path bundle(Path dir, boolean withIds, boolean labels, boolean guardPoems, boolean fallenBack) throws Exception {
        TrainedRouter golden = BundleReader.read(GoldenBundle.DIR.resolve("bundle")).router();
        GoldenBundle.Synthetic data = GoldenBundle.data();
        int n = GoldenBundle.TRAIN;
        int m = GoldenBundle.POOL.size();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(id(i));
        }
        float[] emb = TrigramEmbedder.vectors(data.texts().subList(0, n));
        float[] scores = Arrays.copyOf(data.scores(), n * m);
        RouterMemory memory = new RouterMemory(emb, n, TrigramEmbedder.DIM, scores, m, withIds ? ids : null);
        float[] g = RobustRule.generalMeans(memory);
        float[] probabilities = golden.classifier().predict(memory.embeddings(), n).probabilities();
        float[][] mu = RobustRule.taskMeans(scores, probabilities, 3, g, 10);
        List<String> guards = Arrays.asList(null, null, null);
        if (guardPoems) {
            guards.set(golden.tasks().stream().filter(t -> t.summary().equals("Write short poems")).findFirst().orElseThrow().id(),
                    "on dev this task's routing lost to the general estimate (fixture)");
        }
        RobustRule rule = new RobustRule(memory, 5, 1, 10, g, mu, guards,
                fallenBack ? "on dev the tuned rule lost to the general estimate (fixture)" : null, 0.004);
        if (labels) {
            int[] topic = Arrays.copyOf(data.task(), n);
            float[] oneHot = new float[n * 3];
            for (int i = 0; i < n; i++) {
                oneHot[i * 3 + topic[i]] = 1;
            }
            float[] weights = LabelPrior.fitWeights(emb, TrigramEmbedder.DIM, java.util.stream.IntStream.range(0, n).toArray(), topic, 3, 42);
            rule = rule.withLabelPrior(new LabelPrior(List.of("algebra", "python", "poems"), TrigramEmbedder.DIM, weights,
                    RobustRule.taskMeans(scores, oneHot, 3, g, 10)));
        }
        ObjectNode hyper = JSON.createObjectNode();
        if (!withIds) {
            ObjectNode split = hyper.putObject("pipeline").putObject("split");
            split.put("seed", 42).put("train", 0.8).put("dev", 0.2).put("test", 0.0).put("resplit", false);
        }
        Path out = dir.resolve(fallenBack ? "base-fallback" : guardPoems ? "base-guarded" : labels ? "base-labels" : withIds ? "base" : "base-no-ids");
        BundleWriter.write(golden.withRule(rule), new BundleMetadata(Instant.parse("2026-01-01T00:00:00Z"), 7,
                new BundleManifest.DataInfo("golden-synthetic", "0".repeat(64)), "offline-test", null, new RoutingPolicy(0, 0, null), hyper,
                List.of()), out);
        return out;
    }

    /** Writes the golden data as a dataset folder {@code dir/data} and returns it. */
    public static Path data(Path dir) throws Exception {
        GoldenBundle.Synthetic data = GoldenBundle.data();
        Path folder = Files.createDirectories(dir.resolve("data"));
        StringBuilder sb = new StringBuilder();
        int m = GoldenBundle.POOL.size();
        for (int i = 0; i < data.texts().size(); i++) {
            ObjectNode row = JSON.createObjectNode();
            row.put("id", id(i));
            row.put("prompt", data.texts().get(i));
            row.put("task", new String[] {"algebra", "python", "poems"}[data.task()[i]]);
            ObjectNode s = row.putObject("scores");
            for (int k = 0; k < m; k++) {
                s.put(GoldenBundle.POOL.get(k).name(), data.scores()[i * m + k]);
            }
            row.put("split", i < GoldenBundle.TRAIN ? "train" : "dev");
            sb.append(row).append('\n');
        }
        Files.writeString(folder.resolve("routing.jsonl"), sb.toString());
        Files.writeString(folder.resolve("models.json"), JSON.writeValueAsString(GoldenBundle.POOL.models()));
        return folder;
    }

    /**
     * Fills a plan with scores for {@code model}: {@code poem} on poem prompts (topic 2), {@code other} elsewhere; returns
     * the scored file.
     */
    public static Path score(Path plan, String model, double poem, double other) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(plan)) {
            ObjectNode row = (ObjectNode) JSON.readTree(line);
            int i = Integer.parseInt(row.path("id").asText().substring(2));
            ((ObjectNode) row.path("scores")).put(model, i % 3 == 2 ? poem : other);
            sb.append(row).append('\n');
        }
        Path out = plan.resolveSibling("scored-" + plan.getFileName());
        Files.writeString(out, sb.toString());
        return out;
    }
}

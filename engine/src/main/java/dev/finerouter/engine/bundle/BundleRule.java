package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.route.LabelPrior;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The robust rule's files in a bundle (optional: a bundle without them routes with the paper's rule):
 * {@code rule/rule.json} (k, β, κ, the general and task statistics, guards, the memory's shape) and the memory itself
 * as little-endian float32 arrays {@code rule/memory-embeddings.f32} (n × dim, normalised) and
 * {@code rule/memory-scores.f32} (n × models, NaN = missing); with a label prior also its labels and label means in
 * {@code rule.json} ({@code "labelPrior"}) and its classifier's weights in {@code rule/label-weights.f32}
 * ((dim + 1) × labels); after onboarding, what the fallbacks route on ({@code "fallbackMean"}: {@code "tasks"}, one
 * entry per task, and {@code "global"}, each {@code null} for g or one value per model, {@code null} = not compared).
 * Deterministic bytes.
 */
final class BundleRule {
    static final String JSON = "rule/rule.json";
    static final String EMBEDDINGS = "rule/memory-embeddings.f32";
    static final String SCORES = "rule/memory-scores.f32";
    /** Optional: the remembered prompts' ids in the training data ({@code {"ids": [...]}}); routing never reads them. */
    static final String IDS = "rule/memory-ids.json";
    /** The label prior's classifier weights (only with a label prior). */
    static final String LABEL_WEIGHTS = "rule/label-weights.f32";

    private BundleRule() {
    }

    /** Writes the rule's files into a staging folder. */
    static void write(RobustRule rule, Path staging) throws IOException {
        Files.createDirectories(staging.resolve("rule"));
        RouterMemory memory = rule.memory();
        ObjectNode root = BundleJson.MAPPER.createObjectNode();
        root.put("k", rule.k());
        root.put("beta", rule.beta());
        root.put("kappa", rule.kappa());
        ObjectNode mem = root.putObject("memory");
        mem.put("prompts", memory.size());
        mem.put("dimension", memory.dimension());
        mem.put("models", memory.models());
        root.set("generalMean", BundleJson.floats(rule.generalMean()));
        ArrayNode tasks = root.putArray("taskMean");
        for (float[] row : rule.taskMean()) {
            tasks.add(BundleJson.floats(row));
        }
        ArrayNode guards = root.putArray("guardReason");
        rule.guardReason().forEach(r -> {
            if (r == null) {
                guards.addNull();
            } else {
                guards.add(r);
            }
        });
        root.put("globalFallbackReason", rule.globalFallbackReason());
        if (!Double.isNaN(rule.costScale())) {
            root.put("costScale", rule.costScale());
        }
        float[][] fallback = rule.fallbackMean();
        if (fallback != null) {
            ObjectNode f = root.putObject("fallbackMean");
            ArrayNode rows = f.putArray("tasks");
            for (int t = 0; t + 1 < fallback.length; t++) {
                if (fallback[t] == null) {
                    rows.addNull();
                } else {
                    rows.add(BundleJson.floats(fallback[t]));
                }
            }
            float[] global = fallback[fallback.length - 1];
            if (global == null) {
                f.putNull("global");
            } else {
                f.set("global", BundleJson.floats(global));
            }
        }
        LabelPrior labels = rule.labelPrior();
        if (labels != null) {
            ObjectNode lp = root.putObject("labelPrior");
            ArrayNode names = lp.putArray("labels");
            labels.labels().forEach(names::add);
            ArrayNode means = lp.putArray("labelMean");
            for (float[] row : labels.labelMean()) {
                means.add(BundleJson.floats(row));
            }
            Files.write(staging.resolve(LABEL_WEIGHTS), littleEndian(labels.weights()));
        }
        Files.write(staging.resolve(JSON), BundleJson.bytes(root));
        Files.write(staging.resolve(EMBEDDINGS), littleEndian(memory.embeddings()));
        Files.write(staging.resolve(SCORES), littleEndian(memory.scores()));
        if (memory.promptIds() != null) {
            ObjectNode ids = BundleJson.MAPPER.createObjectNode();
            ArrayNode list = ids.putArray("ids");
            memory.promptIds().forEach(list::add);
            Files.write(staging.resolve(IDS), BundleJson.bytes(ids));
        }
    }

    /**
     * Reads the rule, or {@code null} when the bundle has none.
     *
     * @param files the verified bundle files
     * @param tasks the router's number of tasks
     * @param models the pool size
     * @param dimension the encoder dimension
     */
    static RobustRule read(Map<String, byte[]> files, int tasks, int models, int dimension, String where) throws EngineException {
        byte[] json = files.get(JSON);
        if (json == null) {
            if (files.containsKey(EMBEDDINGS) || files.containsKey(SCORES)) {
                throw BundleJson.bad(JSON, where, "is missing although the rule's memory is there");
            }
            return null;
        }
        JsonNode root = BundleJson.parse(json, JSON, where);
        JsonNode mem = root.path("memory");
        int n = mem.path("prompts").asInt(-1);
        int dim = mem.path("dimension").asInt(-1);
        if (n <= 0 || dim != dimension || mem.path("models").asInt(-1) != models) {
            throw BundleJson.bad(JSON, where, "describes a memory of " + n + " prompts × " + dim + " dims × " + mem.path("models").asInt(-1)
                    + " models; the router needs " + dimension + " dims and " + models + " models");
        }
        float[] embeddings = floats(files.get(EMBEDDINGS), (long) n * dim, EMBEDDINGS, where);
        float[] scores = floats(files.get(SCORES), (long) n * models, SCORES, where);
        float[] general = BundleJson.readFloats(root.path("generalMean"), models, JSON, where);
        JsonNode taskArr = root.path("taskMean");
        JsonNode guardArr = root.path("guardReason");
        if (!taskArr.isArray() || taskArr.size() != tasks || !guardArr.isArray() || guardArr.size() != tasks) {
            throw BundleJson.bad(JSON, where, "needs task statistics and guards for the " + tasks + " tasks");
        }
        float[][] taskMean = new float[tasks][];
        List<String> guards = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            taskMean[t] = BundleJson.readFloats(taskArr.get(t), models, JSON, where);
            guards.add(guardArr.get(t).isNull() ? null : guardArr.get(t).asText());
        }
        JsonNode fallback = root.path("globalFallbackReason");
        List<String> ids = promptIds(files, n, where);
        try {
            return new RobustRule(new RouterMemory(embeddings, n, dim, scores, models, ids), root.path("k").asInt(-1),
                    root.path("beta").asDouble(-1), root.path("kappa").asDouble(-1), general, taskMean, guards,
                    fallback.isTextual() ? fallback.asText() : null,
                    root.has("costScale") ? root.path("costScale").asDouble(-1) : Double.NaN,
                    labelPrior(root.path("labelPrior"), files, models, dim, where), fallbackMean(root.path("fallbackMean"), tasks, models, where));
        } catch (IllegalArgumentException e) {
            throw BundleJson.bad(JSON, where, e.getMessage());
        }
    }

    /** {@code rule.json}'s {@code "fallbackMean"} as the rule's rows (tasks, then the global one), or {@code null} when it has none. */
    private static float[][] fallbackMean(JsonNode node, int tasks, int models, String where) throws EngineException {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        JsonNode rows = node.path("tasks");
        if (!rows.isArray() || rows.size() != tasks || !node.has("global")) {
            throw BundleJson.bad(JSON, where, "needs \"fallbackMean\" with one \"tasks\" entry per task (" + tasks + ") and a \"global\" entry");
        }
        float[][] out = new float[tasks + 1][];
        for (int t = 0; t <= tasks; t++) {
            JsonNode row = t < tasks ? rows.get(t) : node.get("global");
            out[t] = row.isNull() ? null : BundleJson.readFloats(row, models, JSON, where);
        }
        return out;
    }

    /** The label prior of {@code rule.json}'s {@code "labelPrior"}, or {@code null} when it has none. */
    private static LabelPrior labelPrior(JsonNode node, Map<String, byte[]> files, int models, int dim, String where) throws EngineException {
        if (node.isMissingNode() || node.isNull()) {
            if (files.containsKey(LABEL_WEIGHTS)) {
                throw BundleJson.bad(JSON, where, "has no \"labelPrior\" although " + LABEL_WEIGHTS + " is there");
            }
            return null;
        }
        JsonNode names = node.path("labels");
        JsonNode means = node.path("labelMean");
        if (!names.isArray() || !means.isArray() || names.size() != means.size()) {
            throw BundleJson.bad(JSON, where, "needs \"labelPrior\" with a \"labels\" list and one \"labelMean\" row per label");
        }
        List<String> labels = new ArrayList<>();
        float[][] mean = new float[names.size()][];
        for (int l = 0; l < names.size(); l++) {
            if (!names.get(l).isTextual()) {
                throw BundleJson.bad(JSON, where, "lists a non-text label " + names.get(l));
            }
            labels.add(names.get(l).asText());
            mean[l] = BundleJson.readFloats(means.get(l), models, JSON, where);
        }
        float[] weights = floats(files.get(LABEL_WEIGHTS), (long) (dim + 1) * labels.size(), LABEL_WEIGHTS, where);
        return new LabelPrior(labels, dim, weights, mean);
    }

    /** The remembered prompts' ids, or {@code null} when the bundle has no {@value #IDS}. */
    private static List<String> promptIds(Map<String, byte[]> files, int n, String where) throws EngineException {
        byte[] raw = files.get(IDS);
        if (raw == null) {
            return null;
        }
        JsonNode list = BundleJson.parse(raw, IDS, where).path("ids");
        if (!list.isArray() || list.size() != n) {
            throw BundleJson.bad(IDS, where, "needs an \"ids\" list with one id per remembered prompt (" + n + ")");
        }
        List<String> ids = new ArrayList<>(n);
        for (JsonNode id : list) {
            if (!id.isTextual()) {
                throw BundleJson.bad(IDS, where, "lists a non-text id " + id);
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static byte[] littleEndian(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static float[] floats(byte[] raw, long count, String file, String where) throws EngineException {
        if (raw == null) {
            throw BundleJson.bad(file, where, "is missing although " + JSON + " is there");
        }
        if (raw.length != count * 4) {
            throw BundleJson.bad(file, where, "has " + raw.length + " bytes, expected " + count * 4);
        }
        float[] out = new float[(int) count];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}

package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.RouterTask;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** JSON encoding of the bundle's files ({@code tasks.json}, {@code others.json}, the manifest) and SHA-256. */
final class BundleJson {
    static final String MANIFEST = "manifest.json";
    static final String TASKS = "tasks.json";
    static final String OTHERS = "others.json";
    static final String CLASSIFIER = "classifier";
    static final String ESTIMATOR = "estimator";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BundleJson() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return (MAPPER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static JsonNode parse(byte[] bytes, String file, String where) throws EngineException {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new EngineException(file + " in " + where + " is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), "the bundle is damaged; export it again", e);
        }
    }

    /** tasks.json: candidates by model name, Q̄ in pool order (null = unknown), optional extras. Deterministic. */
    static byte[] tasks(List<RouterTask> tasks, ModelPool pool, List<BundleMetadata.TaskDetail> details) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("tasks");
        for (RouterTask t : tasks) {
            ObjectNode o = arr.addObject();
            o.put("id", t.id());
            o.put("summary", t.summary());
            o.put("size", t.size());
            ArrayNode c = o.putArray("candidates");
            for (int m : t.candidates()) {
                c.add(pool.get(m).name());
            }
            o.set("medianScore", floats(t.medianScore()));
            BundleMetadata.TaskDetail d = t.id() < details.size() ? details.get(t.id()) : null;
            if (d != null && d.fusedRanking() != null) {
                ArrayNode r = o.putArray("fusedRanking");
                for (int m : d.fusedRanking()) {
                    r.add(pool.get(m).name());
                }
            }
            if (d != null && d.center() != null) {
                o.set("center", floats(d.center()));
            }
        }
        return bytes(root);
    }

    /** others.json: Q̄ of the Others group in pool order. */
    static byte[] others(float[] median) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("medianScore", floats(median));
        return bytes(root);
    }

    static List<RouterTask> readTasks(JsonNode root, ModelPool pool, String where) throws EngineException {
        JsonNode arr = root.path("tasks");
        if (!arr.isArray()) {
            throw bad(TASKS, where, "has no \"tasks\" array");
        }
        List<RouterTask> out = new ArrayList<>();
        for (JsonNode o : arr) {
            JsonNode cands = o.path("candidates");
            if (!cands.isArray() || !o.path("id").canConvertToInt() || !o.path("summary").isTextual()) {
                throw bad(TASKS, where, "task " + out.size() + " lacks id, summary or candidates");
            }
            int[] c = new int[cands.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = pool.indexOf(cands.get(i).asText());
                if (c[i] < 0) {
                    throw bad(TASKS, where, "task " + out.size() + " names model '" + cands.get(i).asText() + "', which is not in the pool");
                }
            }
            try {
                out.add(new RouterTask(o.path("id").asInt(), o.path("summary").asText(), o.path("size").asInt(), c,
                        readFloats(o.path("medianScore"), pool.size(), TASKS, where)));
            } catch (IllegalArgumentException e) {
                throw bad(TASKS, where, e.getMessage());
            }
        }
        return out;
    }

    static float[] readFloats(JsonNode arr, int n, String file, String where) throws EngineException {
        if (!arr.isArray() || arr.size() != n) {
            throw bad(file, where, "needs " + n + " median scores (one per model)");
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            JsonNode v = arr.get(i);
            if (!v.isNull() && !v.isNumber()) {
                throw bad(file, where, "has a non-numeric median score");
            }
            out[i] = v.isNull() ? Float.NaN : v.floatValue();
        }
        return out;
    }

    static ArrayNode floats(float[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (float f : v) {
            if (Float.isNaN(f)) {
                a.addNull();
            } else {
                a.add(f);
            }
        }
        return a;
    }

    static EngineException bad(String file, String where, String what) {
        return new EngineException(file + " in " + where + " " + what, "the bundle is damaged or was edited; export it again", null);
    }
}

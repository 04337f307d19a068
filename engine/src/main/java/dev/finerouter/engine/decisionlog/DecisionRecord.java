package dev.finerouter.engine.decisionlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.io.JsonNumbers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the decision log: what the server decided for one prompt.
 *
 * @param timestamp ISO-8601 instant of the decision
 * @param requestId id of the HTTP request (several prompts of one {@code /v1/route} call share it)
 * @param bundleId short content id of the bundle (see {@link BundleIdentity})
 * @param bundleCreatedAt the bundle manifest's creation time
 * @param prompt the prompt text, or {@code null} when not logged
 * @param promptSha256 hex SHA-256 of (salt + text), or {@code null} when not logged
 * @param task the task id, −1 for Others
 * @param taskSummary the task's summary or {@code "Others"}
 * @param taskProbability the classifier's probability of the task (of the best task for Others)
 * @param others whether the prompt went to Others
 * @param drift whether the prompt went to Others or its task probability was under the drift threshold
 * @param model the chosen model's name
 * @param cost the estimated cost of the call (NaN when unknown)
 * @param alpha the policy's α
 * @param tolerance the policy's tolerance
 * @param maxCost the policy's budget per call, or {@code null}
 * @param candidates Q_final of every compared model, by name, in pool order
 */
public record DecisionRecord(String timestamp, String requestId, String bundleId, String bundleCreatedAt, String prompt, String promptSha256,
                             int task, String taskSummary, double taskProbability, boolean others, boolean drift, String model, double cost,
                             double alpha, double tolerance, Double maxCost, Map<String, Double> candidates) {
    public DecisionRecord {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(bundleCreatedAt, "bundleCreatedAt");
        Objects.requireNonNull(taskSummary, "taskSummary");
        Objects.requireNonNull(model, "model");
        if (task < -1) {
            throw new IllegalArgumentException("task must be >= -1, was " + task);
        }
        if (others != (task == -1)) {
            throw new IllegalArgumentException("others must be true exactly when task is -1");
        }
        candidates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
    }

    /** This record as one compact JSON object (unknown numbers as {@code null}). */
    public ObjectNode toJson() {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("ts", timestamp);
        o.put("requestId", requestId);
        o.put("bundleId", bundleId);
        o.put("bundleCreatedAt", bundleCreatedAt);
        if (prompt != null) {
            o.put("prompt", prompt);
        }
        if (promptSha256 != null) {
            o.put("promptSha256", promptSha256);
        }
        o.put("task", task);
        o.put("taskSummary", taskSummary);
        JsonNumbers.put(o, "taskProbability", taskProbability);
        o.put("others", others);
        o.put("drift", drift);
        o.put("model", model);
        JsonNumbers.put(o, "cost", cost);
        ObjectNode p = o.putObject("policy");
        p.put("alpha", alpha);
        p.put("tolerance", tolerance);
        if (maxCost == null) {
            p.putNull("maxCost");
        } else {
            p.put("maxCost", maxCost);
        }
        ObjectNode c = o.putObject("candidates");
        candidates.forEach((name, q) -> JsonNumbers.put(c, name, q));
        return o;
    }

    /**
     * Parses one log line's JSON.
     *
     * @param n the parsed line
     * @return the record
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static DecisionRecord fromJson(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("a decision log line must be a JSON object");
        }
        JsonNode p = n.path("policy");
        if (!p.isObject()) {
            throw new IllegalArgumentException("field 'policy': missing or not an object");
        }
        Map<String, Double> cand = new LinkedHashMap<>();
        JsonNode c = n.path("candidates");
        if (!c.isObject()) {
            throw new IllegalArgumentException("field 'candidates': missing or not an object");
        }
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            cand.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN);
        }
        JsonNode max = p.get("maxCost");
        int task = integer(n, "task");
        return new DecisionRecord(text(n, "ts"), text(n, "requestId"), text(n, "bundleId"), text(n, "bundleCreatedAt"),
                optionalText(n, "prompt"), optionalText(n, "promptSha256"), task, text(n, "taskSummary"),
                optionalNumber(n, "taskProbability"), bool(n, "others"), bool(n, "drift"), text(n, "model"), optionalNumber(n, "cost"),
                requiredNumber(p, "policy.alpha", "alpha"), requiredNumber(p, "policy.tolerance", "tolerance"),
                max == null || max.isNull() ? null : requiredNumber(p, "policy.maxCost", "maxCost"), cand);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "': missing or not a string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "': not a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + field + "': missing or not an integer");
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("field '" + field + "': missing or not true/false");
        }
        return v.booleanValue();
    }

    private static double optionalNumber(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "': not a number");
        }
        return v.doubleValue();
    }

    private static double requiredNumber(JsonNode n, String label, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field '" + label + "': missing or not a number");
        }
        return v.doubleValue();
    }
}

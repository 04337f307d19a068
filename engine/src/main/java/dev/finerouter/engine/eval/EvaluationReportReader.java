package dev.finerouter.engine.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.PairedDifference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code evaluation.json} written by {@link EvaluationReport#toJson()} back into an {@link EvaluationReport},
 * so reports can be re-rendered (charts) without rerunning the evaluation. {@code null} numbers become NaN, exactly
 * as the writer turned NaN into {@code null}; keys the reader does not know (derived metrics added by newer writers,
 * the notes) are ignored. Derived fields are not read but recomputed from the rest: the {@code verdict} line
 * ({@link Verdict}), the notes and the standard metrics, so older files without them read the same and a round trip
 * gives the same JSON. Errors name the file and the JSON path of the offending field.
 */
public final class EvaluationReportReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationReportReader() {
    }

    /** The evaluation.json meant by {@code dirOrJson}: the file itself, or the one inside a run folder. */
    public static Path file(Path dirOrJson) {
        return Files.isDirectory(dirOrJson) ? dirOrJson.resolve("evaluation.json") : dirOrJson;
    }

    /**
     * Reads a report.
     *
     * @param evaluationJson the {@code evaluation.json} file
     * @return the report
     * @throws EngineException when the file is missing, is not JSON, or a field is missing or has the wrong type
     */
    public static EvaluationReport read(Path evaluationJson) throws EngineException {
        String text;
        try {
            text = Files.readString(evaluationJson);
        } catch (IOException e) {
            throw new EngineException("cannot read " + evaluationJson + ": " + e.getMessage(),
                    "pass the evaluation.json written by 'finerouter eval' (or its folder)", e);
        }
        return parse(text, evaluationJson.toString());
    }

    /**
     * Parses the text of a report.
     *
     * @param json the JSON text
     * @param source the file name used in error messages
     * @return the report
     * @throws EngineException when the text is not JSON or a field is missing or has the wrong type
     */
    public static EvaluationReport parse(String json, String source) throws EngineException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new EngineException(source + where + ": not valid JSON: " + e.getOriginalMessage(),
                    "pass the evaluation.json written by 'finerouter eval'", e);
        }
        return new Fields(source).report(root);
    }

    /** Field access that names the file and the JSON path on every error. */
    private record Fields(String source) {
        EvaluationReport report(JsonNode root) throws EngineException {
            if (root == null || !root.isObject()) {
                throw error("$", "expected a JSON object");
            }
            JsonNode splits = object(root, "splits", "splits");
            JsonNode cost = object(root, "costModel", "costModel");
            List<String> models = strings(root, "models");
            CostModel costModel;
            try {
                costModel = new CostModel(number(cost, "charsPerToken", "costModel.charsPerToken"),
                        integer(cost, "outputTokens", "costModel.outputTokens"));
            } catch (IllegalArgumentException e) {
                throw error("costModel", e.getMessage());
            }
            JsonNode routerArray = array(root, "routers", "routers");
            List<RouterResult> results = new ArrayList<>();
            for (int i = 0; i < routerArray.size(); i++) {
                results.add(router(routerArray.get(i), "routers[" + i + "]", models));
            }
            JsonNode best = root.get("bestSingleModel");
            if (best != null && !best.isNull() && !best.isTextual()) {
                throw error("bestSingleModel", "expected a string or null");
            }
            return new EvaluationReport(text(root, "dataset", "dataset"), text(root, "fingerprint", "fingerprint"),
                    longValue(root, "seed", "seed"), integer(splits, "train", "splits.train"), integer(splits, "dev", "splits.dev"),
                    integer(splits, "test", "splits.test"), models, strings(root, "benchmarks"), costModel,
                    bool(cost, "pricesKnown", "costModel.pricesKnown"), best == null || best.isNull() ? null : best.asText(),
                    number(root, "costAxisMin", "costAxisMin"), number(root, "costAxisMax", "costAxisMax"), results,
                    root.has("devChoices") ? strings(root, "devChoices") : List.of());
        }

        private RouterResult router(JsonNode o, String path, List<String> models) throws EngineException {
            if (o == null || !o.isObject()) {
                throw error(path, "expected an object");
            }
            String kindName = text(o, "kind", path + ".kind");
            RouterKind kind;
            try {
                kind = RouterKind.valueOf(kindName);
            } catch (IllegalArgumentException e) {
                throw error(path + ".kind", "unknown router kind '" + kindName + "'");
            }
            Map<String, Double> perBenchmark = new LinkedHashMap<>();
            JsonNode per = object(o, "perBenchmark", path + ".perBenchmark");
            for (Iterator<String> it = per.fieldNames(); it.hasNext(); ) {
                String label = it.next();
                perBenchmark.put(label, number(per, label, path + ".perBenchmark." + label));
            }
            double[] share = shares(object(o, "share", path + ".share"), path + ".share", models);
            double assignedQual = Double.NaN;
            double othersQual = Double.NaN;
            int assigned = 0;
            int others = 0;
            JsonNode tasks = o.get("tasks");
            if (tasks != null && !tasks.isNull()) {
                if (!tasks.isObject()) {
                    throw error(path + ".tasks", "expected an object");
                }
                assigned = integer(tasks, "assignedPrompts", path + ".tasks.assignedPrompts");
                others = integer(tasks, "othersPrompts", path + ".tasks.othersPrompts");
                assignedQual = number(tasks, "assignedQual", path + ".tasks.assignedQual");
                othersQual = number(tasks, "othersQual", path + ".tasks.othersQual");
            }
            RouterMetrics metrics;
            try {
                metrics = new RouterMetrics(integer(o, "prompts", path + ".prompts"), integer(o, "scoredPrompts", path + ".scoredPrompts"),
                        integer(o, "skippedMissing", path + ".skippedMissing"), perBenchmark, number(o, "ave", path + ".ave"),
                        number(o, "qual", path + ".qual"), number(o, "totalCost", path + ".totalCost"),
                        number(o, "costPerPrompt", path + ".costPerPrompt"), share, assignedQual, othersQual, assigned, others);
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
            JsonNode curveArray = array(o, "curve", path + ".curve");
            List<CurvePoint> points = new ArrayList<>();
            for (int i = 0; i < curveArray.size(); i++) {
                String p = path + ".curve[" + i + "]";
                JsonNode point = curveArray.get(i);
                if (!point.isObject()) {
                    throw error(p, "expected an object");
                }
                try {
                    JsonNode pointShare = point.get("share");
                    double[] shareAtPoint = pointShare == null || pointShare.isNull() ? new double[0]
                            : shares(object(point, "share", p + ".share"), p + ".share", models);
                    points.add(new CurvePoint(number(point, "tolerance", p + ".tolerance"), number(point, "costPerPrompt", p + ".costPerPrompt"),
                            number(point, "qual", p + ".qual"), shareAtPoint));
                } catch (IllegalArgumentException e) {
                    throw error(p + ".costPerPrompt", e.getMessage());
                }
            }
            CostQualityCurve curve;
            try {
                curve = new CostQualityCurve(points);
            } catch (IllegalArgumentException e) {
                throw error(path + ".curve", e.getMessage());
            }
            return new RouterResult(text(o, "name", path + ".name"), kind, bool(o, "hasCostKnob", path + ".hasCostKnob"), metrics, curve,
                    number(o, "qualityAtBestSingleCost", path + ".qualityAtBestSingleCost"),
                    number(o, "costAtBestSingleQuality", path + ".costAtBestSingleQuality"), number(o, "area", path + ".area"),
                    paired(o, "versusBestSingle", path + ".versusBestSingle"), paired(o, "versusFull", path + ".versusFull"));
        }

        /** A paired difference; absent (reports written before stop 36) or over no prompts: {@link PairedDifference#NONE}. */
        private PairedDifference paired(JsonNode node, String name, String path) throws EngineException {
            if (node.get(name) == null) {
                return PairedDifference.NONE;
            }
            JsonNode o = object(node, name, path);
            int n = integer(o, "n", path + ".n");
            if (n < 0) {
                throw error(path + ".n", "expected a count, was " + n);
            }
            return n == 0 ? PairedDifference.NONE : new PairedDifference(number(o, "mean", path + ".mean"), number(o, "se", path + ".se"), n);
        }

        private JsonNode field(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = node.get(name);
            if (value == null) {
                throw error(path, "missing");
            }
            return value;
        }

        private JsonNode object(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = field(node, name, path);
            if (!value.isObject()) {
                throw error(path, "expected an object");
            }
            return value;
        }

        private JsonNode array(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = field(node, name, path);
            if (!value.isArray()) {
                throw error(path, "expected an array");
            }
            return value;
        }

        private List<String> strings(JsonNode node, String name) throws EngineException {
            JsonNode value = array(node, name, name);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    throw error(name + "[" + i + "]", "expected a string");
                }
                out.add(value.get(i).asText());
            }
            return out;
        }

        private String text(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = field(node, name, path);
            if (!value.isTextual()) {
                throw error(path, "expected a string");
            }
            return value.asText();
        }

        /** A number; {@code null} is NaN (the writer's encoding of non-finite numbers). */
        private double number(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = field(node, name, path);
            if (value.isNull()) {
                return Double.NaN;
            }
            if (!value.isNumber()) {
                throw error(path, "expected a number or null, was " + value);
            }
            return value.asDouble();
        }

        private int integer(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = field(node, name, path);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw error(path, "expected an integer, was " + value);
            }
            return value.asInt();
        }

        private long longValue(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = field(node, name, path);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error(path, "expected an integer, was " + value);
            }
            return value.asLong();
        }

        private boolean bool(JsonNode node, String name, String path) throws EngineException {
            JsonNode value = field(node, name, path);
            if (!value.isBoolean()) {
                throw error(path, "expected true or false, was " + value);
            }
            return value.asBoolean();
        }

        /** Routing shares keyed by model name, in the report's model order; every model must be present. */
        private double[] shares(JsonNode node, String path, List<String> models) throws EngineException {
            if (node.size() != models.size()) {
                throw error(path, "has " + node.size() + " models, the report lists " + models.size());
            }
            double[] share = new double[models.size()];
            for (int j = 0; j < share.length; j++) {
                if (!node.has(models.get(j))) {
                    throw error(path + "." + models.get(j), "missing (every model of the report needs a share)");
                }
                share[j] = number(node, models.get(j), path + "." + models.get(j));
            }
            return share;
        }

        private EngineException error(String path, String problem) {
            return new EngineException(source + ": field '" + path + "': " + problem,
                    "pass the evaluation.json written by 'finerouter eval' (or rerun the evaluation)", null);
        }
    }
}

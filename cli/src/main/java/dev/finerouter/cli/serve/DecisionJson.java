package dev.finerouter.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.model.HumanNumbers;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.ModelScore;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingDecision;

/**
 * The JSON form of a routing decision shared by {@code finerouter route} and the server:
 * {@code {id, model, task, taskSummary, cost, explanation?}}; the explanation lists the compared models with Q̃, Q̄,
 * Q_final, cost and budget, the reason, and the task probability. Unknown numbers are {@code null}.
 *
 * <p>Numbers are rounded for people, in plain decimal notation ({@link HumanNumbers}): costs (USD per call, an estimate)
 * to {@value HumanNumbers#COST_DIGITS} significant digits, predicted qualities and probabilities (in [0,1]) to
 * {@value HumanNumbers#SCORE_DECIMALS} decimals. Nothing a machine re-reads is lost:
 * the routing itself uses the exact values, and the files FineRouter reads back (decision logs, evaluation.json,
 * bundles) keep full precision. Write the nodes with {@link #text(JsonNode)} to keep the plain notation.
 */
public final class DecisionJson {
    /** The mapper used for decisions (compact output, decimals written plainly). */
    public static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private DecisionJson() {
    }

    /**
     * One decision as JSON.
     *
     * @param id the caller's id of the prompt, or {@code null} to leave it out
     * @param d the decision
     * @param pool the model pool (for names)
     * @param explain whether to add the explanation
     */
    public static ObjectNode toJson(JsonNode id, PromptDecision d, ModelPool pool, boolean explain) {
        RoutingDecision r = d.decision();
        ObjectNode o = MAPPER.createObjectNode();
        if (id != null) {
            o.set("id", id);
        }
        o.put("model", pool.get(r.chosenModel()).name());
        o.put("task", r.task());
        o.put("taskSummary", d.taskSummary());
        cost(o, "cost", r.chosen().cost());
        if (explain) {
            ObjectNode e = o.putObject("explanation");
            score(e, "taskProbability", d.taskProbability());
            e.put("bestTask", d.bestTask());
            e.put("bestQualityModel", pool.get(r.bestQualityModel()).name());
            e.put("reason", r.reason());
            ArrayNode c = e.putArray("compared");
            for (ModelScore s : r.compared()) {
                ObjectNode m = c.addObject();
                m.put("model", pool.get(s.model()).name());
                score(m, "predicted", s.predicted());
                score(m, "taskMedian", s.taskMedian());
                score(m, "final", s.finalScore());
                cost(m, "cost", s.cost());
                m.put("withinBudget", s.withinBudget());
                m.put("chosen", s.model() == r.chosenModel());
            }
        }
        return o;
    }

    /** The node as compact JSON text, decimals in plain notation (what {@code JsonNode.toString()} does not promise). */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static void cost(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, HumanNumbers.significant(v, HumanNumbers.COST_DIGITS));
        } else {
            o.putNull(field);
        }
    }

    private static void score(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, HumanNumbers.decimals(v, HumanNumbers.SCORE_DECIMALS));
        } else {
            o.putNull(field);
        }
    }
}

package dev.finerouter.engine.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.ModelScore;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingDecision;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The JSON form of a routing decision shared by {@code finerouter route} and the server:
 * {@code {id, model, task, taskSummary, cost, explanation?}}; the explanation lists the compared models with Q̃, Q̄,
 * Q_final, cost and budget, the reason, and the task probability. Unknown numbers are {@code null}.
 *
 * <p>Numbers are rounded for people, in plain decimal notation: costs (USD per call, an estimate) to
 * {@value #COST_DIGITS} significant digits ({@code 0.0001575}, never {@code 1.5749999999999998E-4}), predicted
 * qualities and probabilities (in [0,1]) to {@value #SCORE_DECIMALS} decimals. Nothing a machine re-reads is lost:
 * the routing itself uses the exact values, and the files FineRouter reads back (decision logs, evaluation.json,
 * bundles) keep full precision. Write the nodes with {@link #text(JsonNode)} to keep the plain notation.
 */
public final class DecisionJson {
    /** Significant digits of a cost. */
    public static final int COST_DIGITS = 4;
    /** Decimals of a predicted quality or a probability. */
    public static final int SCORE_DECIMALS = 4;
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

    /** {@code v} to {@code digits} significant digits, trailing zeros dropped, never with a negative scale. */
    public static BigDecimal significant(double v, int digits) {
        BigDecimal b = new BigDecimal(Double.toString(v)).round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    /**
     * A price as configured, in plain notation ({@code 0.0009}, not {@code 9.0E-4}), to 12 significant digits: more than
     * any price has, few enough to drop the noise of a unit conversion ({@code 0.12 / 1000} is {@code 0.00012}, not
     * {@code 0.00011999999999999999}); {@code null} stays null.
     */
    public static BigDecimal price(Double v) {
        return v == null || !Double.isFinite(v) ? null : significant(v, 12);
    }

    /**
     * A cost as people read it in the CLI's text output, rounded like a decision's {@code cost}: {@value #COST_DIGITS}
     * significant digits in plain notation ({@code 0.0001575}, {@code 2.5}); {@code –} when not finite.
     */
    public static String costText(double v) {
        return Double.isFinite(v) ? significant(v, COST_DIGITS).toPlainString() : "–";
    }

    /** {@code v} to {@code decimals} decimals, trailing zeros dropped. */
    public static BigDecimal decimals(double v, int decimals) {
        BigDecimal b = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    private static void cost(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, significant(v, COST_DIGITS));
        } else {
            o.putNull(field);
        }
    }

    private static void score(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, decimals(v, SCORE_DECIMALS));
        } else {
            o.putNull(field);
        }
    }
}

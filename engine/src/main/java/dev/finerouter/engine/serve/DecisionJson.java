package dev.finerouter.engine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.ModelScore;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingDecision;

/**
 * The JSON form of a routing decision shared by {@code finerouter route} and the server:
 * {@code {id, model, task, taskSummary, cost, explanation?}}; the explanation lists the compared models with Q̃, Q̄,
 * Q_final, cost and budget, the reason, and the task probability. Unknown numbers are {@code null}.
 */
public final class DecisionJson {
    /** The mapper used for decisions (compact output). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

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
        number(o, "cost", r.chosen().cost());
        if (explain) {
            ObjectNode e = o.putObject("explanation");
            number(e, "taskProbability", d.taskProbability());
            e.put("bestTask", d.bestTask());
            e.put("bestQualityModel", pool.get(r.bestQualityModel()).name());
            e.put("reason", r.reason());
            ArrayNode c = e.putArray("compared");
            for (ModelScore s : r.compared()) {
                ObjectNode m = c.addObject();
                m.put("model", pool.get(s.model()).name());
                number(m, "predicted", s.predicted());
                number(m, "taskMedian", s.taskMedian());
                number(m, "final", s.finalScore());
                number(m, "cost", s.cost());
                m.put("withinBudget", s.withinBudget());
                m.put("chosen", s.model() == r.chosenModel());
            }
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}

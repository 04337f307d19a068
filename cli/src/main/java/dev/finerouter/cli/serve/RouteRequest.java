package dev.finerouter.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The body of {@code POST /v1/route}: either {@code prompt} (one string; the answer is one decision) or {@code prompts}
 * (an array of strings; the answer is {@code {"decisions": [...]}}), and optionally {@code alpha}, {@code tolerance},
 * {@code maxCost} (numbers overriding the bundle's default policy for this request) and {@code explain} (a boolean).
 * Other fields are ignored. Documented in {@code docs/http-api.md}; {@link #FIELDS} is checked against that page.
 *
 * @param prompts the prompts, in order
 * @param single whether the request used {@code prompt} (answered with one decision rather than a list)
 * @param alpha α, or {@code null} for the bundle's
 * @param tolerance the cost tolerance, or {@code null} for the bundle's
 * @param maxCost the budget per call in USD, or {@code null} for the bundle's
 * @param explain whether to add the explanation to each decision
 */
record RouteRequest(List<String> prompts, boolean single, Double alpha, Double tolerance, Double maxCost, boolean explain) {
    static final String PROMPT = "prompt";
    static final String PROMPTS = "prompts";
    static final String ALPHA = "alpha";
    static final String TOLERANCE = "tolerance";
    static final String MAX_COST = "maxCost";
    static final String EXPLAIN = "explain";
    /** Every field the server reads from the body. */
    static final List<String> FIELDS = List.of(PROMPT, PROMPTS, ALPHA, TOLERANCE, MAX_COST, EXPLAIN);

    /**
     * Reads a request body.
     *
     * @param body the JSON object sent
     * @param maxPrompts the most prompts one request may carry (413 beyond)
     * @param checkPrompt checks one prompt (text, where) and returns it, or throws the refusal (422 empty, 413 too long)
     * @throws RoutingServer.BadRequest (400) when the body does not have this shape
     * @throws RoutingServer.Refused (413) when it carries more than {@code maxPrompts} prompts
     */
    static RouteRequest parse(JsonNode body, int maxPrompts, BinaryOperator<String> checkPrompt) {
        List<String> prompts = new ArrayList<>();
        boolean single = body.has(PROMPT);
        if (single == body.has(PROMPTS)) {
            throw new RoutingServer.BadRequest("send either \"prompt\" (a string) or \"prompts\" (an array of strings)");
        }
        if (single) {
            if (!body.get(PROMPT).isTextual()) {
                throw new RoutingServer.BadRequest("\"prompt\" must be a string");
            }
            prompts.add(checkPrompt.apply(body.get(PROMPT).asText(), "\"prompt\""));
        } else {
            JsonNode arr = body.get(PROMPTS);
            if (!arr.isArray() || arr.isEmpty()) {
                throw new RoutingServer.BadRequest("\"prompts\" must be a non-empty array of strings");
            }
            if (arr.size() > maxPrompts) {
                throw new RoutingServer.Refused(413, "too_many_prompts", arr.size() + " prompts in one request; the limit is " + maxPrompts
                        + " (--max-prompts): send them in several requests");
            }
            for (JsonNode p : arr) {
                if (!p.isTextual()) {
                    throw new RoutingServer.BadRequest("\"prompts\" must contain only strings");
                }
                prompts.add(checkPrompt.apply(p.asText(), "prompts[" + prompts.size() + "]"));
            }
        }
        return new RouteRequest(List.copyOf(prompts), single, number(body, ALPHA), number(body, TOLERANCE), number(body, MAX_COST),
                body.path(EXPLAIN).asBoolean(false));
    }

    private static Double number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new RoutingServer.BadRequest("\"" + field + "\" must be a number");
        }
        return n.doubleValue();
    }
}

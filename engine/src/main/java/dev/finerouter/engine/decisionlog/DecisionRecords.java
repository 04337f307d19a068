package dev.finerouter.engine.decisionlog;

import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.ModelScore;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingDecision;
import dev.finerouter.engine.route.RoutingPolicy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a routing decision into a {@link DecisionRecord} under a log's settings (text, hash or nothing; drift flag). */
public final class DecisionRecords {
    private DecisionRecords() {
    }

    /**
     * The record of one decision.
     *
     * @param config the log's settings (prompt mode, salt, drift threshold)
     * @param manifest the manifest of the bundle that decided
     * @param pool its model pool
     * @param decision the decision
     * @param policy the policy it was made under
     * @param prompt the prompt text
     * @param requestId the request's id
     * @param at when
     */
    public static DecisionRecord of(DecisionLogConfig config, BundleManifest manifest, ModelPool pool, PromptDecision decision,
                                    RoutingPolicy policy, String prompt, String requestId, Instant at) {
        RoutingDecision r = decision.decision();
        boolean others = r.task() < 0;
        boolean drift = others || !(decision.taskProbability() >= config.driftThreshold());
        Map<String, Double> candidates = new LinkedHashMap<>();
        for (ModelScore s : r.compared()) {
            candidates.put(pool.get(s.model()).name(), s.finalScore());
        }
        String text = config.prompts() == PromptLogging.FULL ? prompt : null;
        String hash = config.prompts() == PromptLogging.HASH ? BundleIdentity.sha256Hex(config.salt() + prompt) : null;
        return new DecisionRecord(at.toString(), requestId, BundleIdentity.id(manifest), manifest.createdAt(), text, hash, r.task(),
                decision.taskSummary(), decision.taskProbability(), others, drift, pool.get(r.chosenModel()).name(), r.chosen().cost(),
                policy.alpha(), policy.tolerance(), policy.maxCostPerCall(), candidates);
    }
}

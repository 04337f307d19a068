package dev.finerouter.engine.calibrate;

import dev.finerouter.engine.route.RoutingPolicy;

/** Routes a fixed set of prompts under a policy and measures the outcome; must be cheap (called hundreds of times). */
@FunctionalInterface
public interface PolicyEvaluator {
    /** The outcome of routing the prompts under {@code policy}. */
    SplitOutcome evaluate(RoutingPolicy policy);
}

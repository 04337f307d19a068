/**
 * The router itself: {@link dev.finerouter.engine.route.TrainedRouter} runs classifier → task → estimator → per-model
 * score → cost policy ({@link dev.finerouter.engine.route.RoutingPolicy}: α, tolerance λ, budget) and explains each
 * choice ({@link dev.finerouter.engine.route.RoutingDecision}, {@link dev.finerouter.engine.route.PromptDecision}). The
 * {@link dev.finerouter.engine.route.RouterPreset} picks the rule: the default {@link
 * dev.finerouter.engine.route.RobustRule} (tuned by {@link dev.finerouter.engine.route.RobustRuleTuner}, neighbours
 * from {@link dev.finerouter.engine.route.RouterMemory}) or the paper's Q_final rule; {@link
 * dev.finerouter.engine.route.QualityRouter} applies the cost policy for both. A stage: it imports only {@code train},
 * {@code model} and the root package. See docs/decisions/0013-robust-routing-rule.md.
 */
package dev.finerouter.engine.route;

/**
 * Router evaluation (paper's protocol): fit on train, tune on dev, report on test.
 *
 * <ul>
 *   <li>{@link dev.finerouter.engine.eval.EvaluationData} fixes the data (splits, embeddings, cost table, labels);
 *       {@link dev.finerouter.engine.eval.RouterUnderTest} is the one interface of every router; baselines are one
 *       class each (single model, oracle, random, cheapest, kNN, MLP, MF, Stage-1-only variants) and
 *       {@link dev.finerouter.engine.eval.PredictedQualityRouter} adapts the pipeline's predictions (full router,
 *       Stage-2-only).</li>
 *   <li>{@link dev.finerouter.engine.eval.EvaluationMetrics} computes quality (missing true scores skipped, never 0),
 *       per-benchmark means, Ave (macro), Qual (micro), cost and shares; {@link dev.finerouter.engine.eval.CostQualityCurve}
 *       reads quality-at-cost, cost-at-quality and the normalised area off the non-dominated frontier.</li>
 *   <li>{@link dev.finerouter.engine.eval.RouterEvaluation} runs the routers and builds an
 *       {@link dev.finerouter.engine.eval.EvaluationReport} (JSON + Markdown, written atomically).</li>
 * </ul>
 * No AWT/JavaFX here: charts belong to the UI.
 */
package dev.finerouter.engine.eval;

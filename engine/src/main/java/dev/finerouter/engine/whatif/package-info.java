/**
 * What-if re-tuning of a trained router, shared by the workbench's What-if panel and {@code finerouter bench whatif}:
 * {@link dev.finerouter.engine.whatif.TuningEvaluator} caches the networks' predictions once and then re-decides a
 * split under another α or cost tolerance λ, re-selects candidates at another δ, or re-clusters the training prompts
 * at another τ / ℓ from the cached kNN + RBO graph; {@link dev.finerouter.engine.whatif.TuningSettings} is one setting
 * of those knobs, {@link dev.finerouter.engine.whatif.Scored} what is known about it on a split,
 * {@link dev.finerouter.engine.whatif.WhatIfMetric} the metrics read from it and
 * {@link dev.finerouter.engine.whatif.Sweep} one knob varied over a grid.
 *
 * <p>Orchestration level: it may import the pipeline's results and the stages (eval, cluster, route, calibrate, graph,
 * model, io, stage), never a face ({@code cli}, {@code bench}, {@code serve}) or a toolkit; {@code ArchitectureTest}
 * holds that (decision 0017).
 */
package dev.finerouter.engine.whatif;

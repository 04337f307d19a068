/**
 * The orchestrator that wires the stages into runs: {@link dev.finerouter.engine.pipeline.DiscoveryPipeline} (Stage 1:
 * split, describe, embed, kNN + RBO graph, Leiden, candidates, summaries; descriptions, embeddings and the prompt graph
 * cached on disk, the graph in the {@link dev.finerouter.engine.pipeline.StageCache}), {@link
 * dev.finerouter.engine.pipeline.RouterTrainingPipeline} (Stage 2: classifier, estimator, the {@link
 * dev.finerouter.engine.route.TrainedRouter}) and {@link dev.finerouter.engine.pipeline.EvaluationSuite} (the test
 * split against baselines), configured by {@link dev.finerouter.engine.pipeline.PipelineConfig} and {@link
 * dev.finerouter.engine.pipeline.TrainingConfig}. Orchestration layer: it imports the stages and the base; the
 * architecture test forbids the stages and {@code stage}, {@code model}, {@code io} and {@code data} to import it.
 */
package dev.finerouter.engine.pipeline;

/**
 * The pipeline runner: {@link dev.finerouter.app.pipeline.PipelineView} and {@link
 * dev.finerouter.app.pipeline.PipelineViewModel} run Stage 1 ({@link dev.finerouter.engine.pipeline.DiscoveryPipeline})
 * and then Train router ({@link dev.finerouter.engine.pipeline.RouterTrainingPipeline}) in the background, with one
 * {@link dev.finerouter.app.pipeline.StageRow} of progress per stage, a log and Cancel, and put the results into the
 * {@link dev.finerouter.app.common.Workspace}. A workbench feature: it imports {@code common}, {@code preferences} and
 * the engine; the shell wires it in and the what-if panel links to it.
 */
package dev.finerouter.app.pipeline;

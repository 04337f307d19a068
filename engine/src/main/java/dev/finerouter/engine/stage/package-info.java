/**
 * The stage contract every long-running step of the engine shares: {@link dev.finerouter.engine.stage.StageContext}
 * (seed, progress, log, cancel) and {@link dev.finerouter.engine.stage.CancelledException}. It sits at the engine's
 * base, so the stages (describe, embed, graph, cluster, train, eval) import it without importing the orchestrator
 * ({@code pipeline}), which only wires stages together.
 */
package dev.finerouter.engine.stage;

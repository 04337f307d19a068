/**
 * Reusable JavaFX views over plain data records: the task graph ({@link dev.finerouter.viz.graph}) and charts
 * ({@link dev.finerouter.viz.chart}). Nothing here knows about pipelines or the engine.
 */
package dev.finerouter.viz;

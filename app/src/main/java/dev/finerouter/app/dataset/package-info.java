/**
 * The first view after a dataset loads: {@link dev.finerouter.app.dataset.StatisticsView} over {@link
 * dev.finerouter.app.dataset.StatisticsViewModel}, showing the engine's {@link
 * dev.finerouter.engine.data.DatasetStatistics} (per-model quality, best share and cost; prompts per task and split). A
 * workbench feature: it imports {@code common} and the engine, and only the shell imports it.
 */
package dev.finerouter.app.dataset;

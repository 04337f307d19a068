/**
 * A first look at a loaded dataset and its splits: {@link dev.finerouter.engine.data.DatasetSplitter} assigns seeded,
 * task-stratified train/dev/test splits ({@link dev.finerouter.engine.data.SplitConfig} in, {@link
 * dev.finerouter.engine.data.SplitSummary} out) and {@link dev.finerouter.engine.data.DatasetStatistics} holds what
 * {@code finerouter data stats} prints and the workbench shows first; {@link
 * dev.finerouter.engine.data.BenchmarkPrompts} is the prompt pool the benchmarks take from a dataset. Base layer beside
 * {@code model} and {@code io}: it imports only {@code model} and the root package, and the architecture test lists it
 * with the stage packages that must not import {@code pipeline} or a face.
 */
package dev.finerouter.engine.data;

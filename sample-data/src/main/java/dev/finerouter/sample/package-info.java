/**
 * The seeded synthetic data generator: {@link dev.finerouter.sample.SyntheticDatasetGenerator} draws prompts from the
 * sub-tasks of {@link dev.finerouter.sample.TaskCatalog} (seven families, the coarse {@code task}; 30 sub-tasks, the
 * hidden {@code subtask}) and scores them for the ten models of {@link dev.finerouter.sample.ModelCatalog} with {@link
 * dev.finerouter.sample.ScoreSimulator}; the same {@link dev.finerouter.sample.GeneratorConfig} always gives the same
 * dataset. {@link dev.finerouter.sample.GenerateSample} is its command line, writing {@code routing.jsonl}, {@code
 * models.json} and {@code README.md}. It depends on the engine's {@code model} and {@code io} only (it writes through
 * {@link dev.finerouter.engine.io.DatasetWriter}), and the engine never depends on it.
 */
package dev.finerouter.sample;

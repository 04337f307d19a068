/**
 * The trained networks: the {@link dev.finerouter.engine.train.TaskClassifier} that assigns a prompt a discovered task
 * (or Others) and the Stage-2 {@link dev.finerouter.engine.train.QualityEstimator}, a mixture of general and task
 * adapters. Both train on DJL's PyTorch engine ({@link dev.finerouter.engine.train.DeviceSelector} picks the device),
 * keep their weights as a {@link dev.finerouter.engine.train.ParameterSet} in plain arrays (saved by {@link
 * dev.finerouter.engine.train.ParameterIO}) and predict in plain Java arrays, with no native memory per call. A stage:
 * it imports only {@code stage}, {@code io} and the root package. See docs/decisions/0006-training-on-djl.md and
 * 0014-inference-in-arrays.md.
 */
package dev.finerouter.engine.train;

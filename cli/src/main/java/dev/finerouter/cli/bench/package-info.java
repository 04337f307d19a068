/**
 * Speed and memory measurements behind {@code finerouter bench load|discovery|whatif|serve-soak|encoder}: {@link
 * dev.finerouter.cli.bench.LoadBenchmark}, {@link dev.finerouter.cli.bench.DiscoveryBenchmark}, {@link
 * dev.finerouter.cli.bench.WhatIfBenchmark}, {@link dev.finerouter.cli.bench.ServeSoakBenchmark} and {@link
 * dev.finerouter.cli.bench.EncoderBenchmark}, each against a baseline where it has one, with {@link
 * dev.finerouter.cli.bench.HeapSampler} for peak heap. A face in the cli module: it imports the engine ({@code
 * pipeline}, {@code service}, the stages and the base) and the server ({@code cli.serve}, for the soak test); only
 * {@code cli} imports it, and the engine cannot (see the engine's architecture test and docs/decisions/0018-cli-module.md).
 */
package dev.finerouter.cli.bench;

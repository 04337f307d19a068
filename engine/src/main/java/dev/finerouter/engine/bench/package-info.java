/**
 * Speed and memory measurements behind {@code finerouter bench load|discovery|whatif|serve-soak|encoder}: {@link
 * dev.finerouter.engine.bench.LoadBenchmark}, {@link dev.finerouter.engine.bench.DiscoveryBenchmark}, {@link
 * dev.finerouter.engine.bench.WhatIfBenchmark}, {@link dev.finerouter.engine.bench.ServeSoakBenchmark} and {@link
 * dev.finerouter.engine.bench.EncoderBenchmark}, each against a baseline where it has one, with {@link
 * dev.finerouter.engine.bench.HeapSampler} for peak heap. A face: it imports {@code pipeline}, the server ({@code
 * serve}, for the soak test), the stages and the base; only {@code cli} imports it, and the architecture test forbids
 * the stages, {@code decisionlog} and {@code drift} to import it.
 */
package dev.finerouter.engine.bench;

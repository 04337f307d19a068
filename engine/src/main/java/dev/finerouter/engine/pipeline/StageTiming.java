package dev.finerouter.engine.pipeline;

/**
 * How long one stage took and whether it came from the cache.
 *
 * @param stage the stage
 * @param millis wall time
 * @param cached whether the result was read from the cache
 */
public record StageTiming(PipelineStage stage, long millis, boolean cached) {
}

package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.stage.StageContext;

/** Receives stage boundaries of a pipeline run (progress within a stage goes to the {@link StageContext}). */
public interface PipelineListener {
    /** A listener that ignores everything. */
    PipelineListener NONE = new PipelineListener() {
    };

    /** The stage starts. */
    default void stageStarted(PipelineStage stage) {
    }

    /**
     * The stage finished.
     *
     * @param cached whether its result came from the cache
     * @param millis wall time spent
     */
    default void stageFinished(PipelineStage stage, boolean cached, long millis) {
    }
}

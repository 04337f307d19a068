package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.data.SplitConfig;

import java.util.Objects;

/**
 * Every setting of a pipeline run, with the paper's defaults. Serialised into every output and bundle manifest,
 * together with the data fingerprint, so a run can be repeated exactly.
 *
 * @param seed the run's seed; split, clustering and training seeds derive from it
 * @param split how splits are assigned when the data lacks them
 * @param describer the task describer
 * @param embedder the sentence encoder
 * @param stage1 task discovery settings
 */
public record PipelineConfig(long seed, SplitConfig split, DescriberSettings describer, EmbedderSettings embedder,
                             Stage1Config stage1) {
    public PipelineConfig {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(describer, "describer");
        Objects.requireNonNull(embedder, "embedder");
        Objects.requireNonNull(stage1, "stage1");
    }

    /** The defaults with seed 42: offline describer, bundled MiniLM, paper Stage-1 settings, 80/10/10 splits. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(42, SplitConfig.DEFAULT, DescriberSettings.OFFLINE, EmbedderSettings.BUNDLED,
                Stage1Config.defaults());
    }

    /** This configuration with another seed (the split seed follows it). */
    public PipelineConfig withSeed(long newSeed) {
        SplitConfig s = new SplitConfig(newSeed, split.train(), split.dev(), split.test(), split.resplit());
        return new PipelineConfig(newSeed, s, describer, embedder, stage1);
    }

    /** This configuration with other Stage-1 settings. */
    public PipelineConfig withStage1(Stage1Config newStage1) {
        return new PipelineConfig(seed, split, describer, embedder, newStage1);
    }

    /** This configuration with another describer. */
    public PipelineConfig withDescriber(DescriberSettings newDescriber) {
        return new PipelineConfig(seed, split, newDescriber, embedder, stage1);
    }

    /** This configuration with another split setting. */
    public PipelineConfig withSplit(SplitConfig newSplit) {
        return new PipelineConfig(seed, newSplit, describer, embedder, stage1);
    }
}

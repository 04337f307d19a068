package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.TaskDiscovery;
import dev.finerouter.engine.data.SplitSummary;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.graph.ScoredEdges;
import dev.finerouter.engine.model.RoutingDataset;

import java.util.List;
import java.util.Objects;

/**
 * Everything Stage 1 produced for a dataset. Row {@code i} of the embeddings, descriptions and the discovery's
 * prompt indices is training prompt {@code trainRows[i]} of {@link #dataset()}.
 *
 * @param config the settings used
 * @param dataset the dataset with splits assigned
 * @param split how the splits were assigned
 * @param trainRows dataset rows of the training prompts, ascending
 * @param descriptions one task description per training prompt
 * @param embeddings description embeddings of the training prompts
 * @param promptEdges the level-1 kNN + RBO edges (reused when only τ changes)
 * @param discovery tasks, Others, candidates, medians
 * @param summaries one summary per task, by task id
 * @param describerId the describer used (recorded in outputs)
 * @param embedderId the encoder used, with its model hash
 * @param timings per-stage wall time and cache use
 */
public record DiscoveryResult(PipelineConfig config, RoutingDataset dataset, SplitSummary split, int[] trainRows,
                              List<String> descriptions, EmbeddingMatrix embeddings, ScoredEdges promptEdges,
                              TaskDiscovery discovery, List<String> summaries, String describerId, String embedderId,
                              List<StageTiming> timings) {
    public DiscoveryResult {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(discovery, "discovery");
        trainRows = trainRows.clone();
        descriptions = List.copyOf(descriptions);
        summaries = List.copyOf(summaries);
        timings = List.copyOf(timings);
        if (descriptions.size() != trainRows.length || embeddings.rows() != trainRows.length) {
            throw new IllegalArgumentException("descriptions, embeddings and training rows differ in count");
        }
        if (summaries.size() != discovery.tasks().size()) {
            throw new IllegalArgumentException("one summary per task expected");
        }
    }

    @Override
    public int[] trainRows() {
        return trainRows.clone();
    }

    /** The dataset row of training prompt {@code i} (an index into the discovery's prompts). */
    public int datasetRow(int i) {
        return trainRows[i];
    }
}

package dev.finerouter.engine.pipeline;

/** The stages of a pipeline run, in order; the workbench shows one progress bar per stage. */
public enum PipelineStage {
    /** Assign train/dev/test when the data lacks them. */
    SPLIT("split"),
    /** One-sentence task description per training prompt. */
    DESCRIBE("describe"),
    /** Sentence embeddings of the descriptions. */
    EMBED("embed"),
    /** kNN graph and RBO of every edge. */
    GRAPH("kNN + RBO"),
    /** Iterative Leiden, Others, candidates. */
    CLUSTER("cluster"),
    /** Task summaries. */
    SUMMARIZE("summarize"),
    /** Sentence embeddings of every prompt (the estimator's and classifier's input). */
    EMBED_PROMPTS("embed prompts"),
    /** Bilinear task classifier. */
    CLASSIFIER("classifier"),
    /** Mixture-of-experts quality estimator (general, then task adapters). */
    ESTIMATOR("estimator"),
    /** The robust routing rule: memory, task statistics, k/β/α and guards chosen on dev (not run by the paper preset). */
    ROUTING_RULE("routing rule");

    private final String label;

    PipelineStage(String label) {
        this.label = label;
    }

    /** The stages of Stage 1 (task discovery), in order: what {@link DiscoveryPipeline} runs. */
    public static java.util.List<PipelineStage> discoveryStages() {
        return java.util.List.of(SPLIT, DESCRIBE, EMBED, GRAPH, CLUSTER, SUMMARIZE);
    }

    /** A short human-readable name. */
    public String label() {
        return label;
    }
}

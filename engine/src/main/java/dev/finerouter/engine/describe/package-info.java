/**
 * Stage-1 text work: one sentence per prompt stating its task ({@link dev.finerouter.engine.describe.TaskDescriber};
 * {@link dev.finerouter.engine.describe.OfflineTaskDescriber} by default, {@link
 * dev.finerouter.engine.describe.OpenAiChatDescriber} against an OpenAI-compatible endpoint, {@link
 * dev.finerouter.engine.describe.CachingDescriber} over the on-disk {@link
 * dev.finerouter.engine.describe.DescriptionCache}) and one summary per discovered task ({@link
 * dev.finerouter.engine.describe.ClusterSummarizer} offline, {@link
 * dev.finerouter.engine.describe.LlmClusterSummarizer} with an LLM), read back as a {@link
 * dev.finerouter.engine.describe.TaskName}. A stage: it imports only {@code stage}, {@code io} and the root package.
 */
package dev.finerouter.engine.describe;

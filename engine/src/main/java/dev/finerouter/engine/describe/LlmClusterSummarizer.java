package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stage 1, step 12 as the paper does it: an LLM behind an OpenAI-compatible endpoint writes one sentence stating the
 * common task of a cluster's descriptions. The system message is {@link #INSTRUCTION}; the user message lists up to
 * {@link #MAX_DESCRIPTIONS} distinct member descriptions, most frequent first (ties: first seen), one per line
 * prefixed by {@code "- "}, shortened by {@link PromptTruncation} to the endpoint's {@code maxPromptChars}.
 * Concurrency, retries and cancellation as in {@link OpenAiChatDescriber}; answers cleaned by
 * {@link OpenAiChatDescriber#postProcess(String)}. {@link ClusterSummarizer} is the offline counterpart.
 */
public final class LlmClusterSummarizer {
    /** The instruction sent as the system message. */
    public static final String INSTRUCTION = "Summarize in one sentence the common task of these prompt descriptions. Do not answer them.";
    /** Most descriptions sent per cluster. */
    public static final int MAX_DESCRIPTIONS = 30;
    /** Version of the instruction and message layout; part of {@link #id()}. */
    public static final String INSTRUCTION_VERSION = "sum-v1";

    private static final long GOLDEN = 0xC2B2AE3D27D4EB4FL;

    private final ChatCompletionClient client;

    /**
     * @param config the endpoint
     * @param env environment lookup for the API key ({@code System::getenv} in production)
     */
    public LlmClusterSummarizer(ChatEndpointConfig config, Function<String, String> env) {
        this.client = new ChatCompletionClient(config, env);
    }

    /** {@code openai-chat/<model>/sum-v1}: record it with the summaries. */
    public String id() {
        return "openai-chat/" + client.config().model() + "/" + INSTRUCTION_VERSION;
    }

    /**
     * Summarises every cluster.
     *
     * @param descriptionsPerCluster each cluster's member descriptions, none empty
     * @param ctx progress, cancellation and the seed of the retry jitter
     * @return one non-empty sentence per cluster, in order
     * @throws EngineException when the endpoint fails, or {@link dev.finerouter.engine.stage.CancelledException}
     */
    public List<String> summarize(List<List<String>> descriptionsPerCluster, StageContext ctx) throws EngineException {
        Objects.requireNonNull(descriptionsPerCluster, "descriptionsPerCluster");
        for (int k = 0; k < descriptionsPerCluster.size(); k++) {
            if (descriptionsPerCluster.get(k).isEmpty()) {
                throw new IllegalArgumentException("cluster " + k + " has no description");
            }
        }
        int limit = client.config().maxPromptChars();
        String[] out = new String[descriptionsPerCluster.size()];
        long seed = ctx.seed();
        BoundedParallel.run(out.length, client.config().maxConcurrency(), "summarized", ctx,
                k -> client.complete(INSTRUCTION, PromptTruncation.truncate(userMessage(descriptionsPerCluster.get(k)), limit),
                        seed * GOLDEN + k, ctx, OpenAiChatDescriber::postProcess),
                (k, s) -> out[k] = s);
        return List.copyOf(Arrays.asList(out));
    }

    /** The user message for one cluster (see the class comment). */
    static String userMessage(List<String> descriptions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String d : descriptions) {
            String s = d.strip().replaceAll("\\s+", " ");
            if (!s.isEmpty()) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable: ties keep first-seen order
        StringBuilder sb = new StringBuilder("Prompt descriptions:");
        for (int i = 0; i < Math.min(MAX_DESCRIPTIONS, entries.size()); i++) {
            sb.append("\n- ").append(entries.get(i).getKey());
        }
        return sb.toString();
    }
}

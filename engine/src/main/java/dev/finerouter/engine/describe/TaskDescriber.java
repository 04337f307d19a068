package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1, step 1 of the method: writes one concise sentence describing the <em>task</em> of each prompt (not its
 * content, not its answer). Implementations: {@link OfflineTaskDescriber} (deterministic, the default),
 * {@link OpenAiChatDescriber} (an OpenAI-compatible chat endpoint) and the {@link CachingDescriber} decorator.
 */
public interface TaskDescriber extends AutoCloseable {

    /**
     * A stable identifier of what produced the descriptions: kind, model and instruction version, for example
     * {@code offline-extractive/v1} or {@code openai-chat/my-model/instr-v1}. It is recorded in every output and
     * keys the description cache, so it must change whenever the descriptions could change.
     */
    String id();

    /**
     * Describes each prompt.
     *
     * @param prompts the prompt texts
     * @param ctx progress, cancellation and seed
     * @return one non-empty description per prompt, in the order of {@code prompts}
     * @throws EngineException when a description cannot be obtained, or {@link
     *         dev.finerouter.engine.stage.CancelledException} when cancelled
     */
    List<String> describe(List<String> prompts, StageContext ctx) throws EngineException;

    /**
     * Describes each prompt and hands every description to {@code sink} as soon as it is known, so that a caller
     * can persist partial results of a run that is later cancelled or fails. The sink is called from the calling
     * thread, once per prompt, in any order. The default implementation calls {@link #describe(List, StageContext)}
     * and then the sink in order.
     *
     * @param prompts the prompt texts
     * @param ctx progress, cancellation and seed
     * @param sink receives (index into {@code prompts}, description)
     * @throws EngineException as {@link #describe(List, StageContext)}, or what the sink throws
     */
    default void describeEach(List<String> prompts, StageContext ctx, DescriptionSink sink) throws EngineException {
        List<String> out = describe(prompts, ctx);
        for (int i = 0; i < out.size(); i++) {
            sink.accept(i, out.get(i));
        }
    }

    /** Releases resources; the default does nothing. Never throws a checked exception. */
    @Override
    default void close() {
    }

    /** Receives descriptions as they arrive. */
    @FunctionalInterface
    interface DescriptionSink {
        /**
         * Called once per prompt.
         *
         * @param index index of the prompt in the list given to the describer
         * @param description its non-empty description
         * @throws EngineException to stop the run (for example when the cache cannot be written)
         */
        void accept(int index, String description) throws EngineException;
    }

    /** Helper for implementations: collects the streaming variant into an ordered list. */
    static List<String> collect(TaskDescriber describer, List<String> prompts, StageContext ctx) throws EngineException {
        String[] out = new String[prompts.size()];
        describer.describeEach(prompts, ctx, (i, d) -> out[i] = d);
        List<String> list = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new IllegalStateException(describer.id() + " gave no description for prompt " + i);
            }
            list.add(out[i]);
        }
        return List.copyOf(list);
    }
}

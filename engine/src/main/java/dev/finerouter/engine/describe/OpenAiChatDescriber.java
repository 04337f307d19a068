package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Describes prompts with an LLM behind an OpenAI-compatible chat-completions endpoint, as the paper does (it used
 * Claude-Sonnet-4.5). The system message is {@link #INSTRUCTION}; the user message is the prompt, shortened by
 * {@link PromptTruncation} to {@link ChatEndpointConfig#maxPromptChars()} characters. At most
 * {@link ChatEndpointConfig#maxConcurrency()} requests are in flight; each is retried as described in
 * {@link ChatCompletionClient}. Answers are post-processed by {@link #postProcess(String)}.
 *
 * <p>On cancellation no new request is sent, requests in flight are abandoned, and {@link CancelledException} is
 * thrown once the workers have stopped; the first non-retryable failure stops the run the same way. Descriptions
 * already delivered through {@link #describeEach} stay valid (wrap this in a {@link CachingDescriber} to keep them).
 */
public final class OpenAiChatDescriber implements TaskDescriber {
    /** The instruction sent as the system message. */
    public static final String INSTRUCTION = "Describe the task of this prompt in one concise sentence. Do not answer it.";
    /** Version of {@link #INSTRUCTION} and the post-processing; part of {@link #id()}. */
    public static final String INSTRUCTION_VERSION = "instr-v1";

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final ChatCompletionClient client;

    /** A describer reading the API key from the real environment. */
    public OpenAiChatDescriber(ChatEndpointConfig config) {
        this(config, System::getenv);
    }

    /**
     * @param config the endpoint
     * @param env environment lookup used for the API key (tests pass a map's {@code get})
     */
    public OpenAiChatDescriber(ChatEndpointConfig config, Function<String, String> env) {
        this.client = new ChatCompletionClient(config, env);
    }

    /** {@code openai-chat/<model>/instr-v1}. */
    @Override
    public String id() {
        return "openai-chat/" + client.config().model() + "/" + INSTRUCTION_VERSION;
    }

    @Override
    public List<String> describe(List<String> prompts, StageContext ctx) throws EngineException {
        return TaskDescriber.collect(this, prompts, ctx);
    }

    @Override
    public void describeEach(List<String> prompts, StageContext ctx, DescriptionSink sink) throws EngineException {
        Objects.requireNonNull(prompts, "prompts");
        if (prompts.isEmpty()) {
            return;
        }
        ChatEndpointConfig config = client.config();
        ctx.log("describing " + prompts.size() + " prompts with " + id() + " at " + config.completionsUri()
                + " (" + config.maxConcurrency() + " in flight, API key " + (client.hasApiKey() ? "set" : "not set") + ")");
        long seed = ctx.seed();
        BoundedParallel.run(prompts.size(), config.maxConcurrency(), "described", ctx,
                i -> client.complete(INSTRUCTION, PromptTruncation.truncate(prompts.get(i), config.maxPromptChars()),
                        seed * GOLDEN + i, ctx, OpenAiChatDescriber::postProcess),
                sink::accept);
    }

    /**
     * Cleans an LLM's answer: trims it, keeps its first non-blank line, drops surrounding quotes or backticks
     * (straight or typographic) and leading {@code Task:} / {@code Description:} labels, repeatedly.
     *
     * @return the cleaned answer, possibly empty (which the client treats as a bad answer and retries)
     */
    public static String postProcess(String raw) {
        if (raw == null) {
            return "";
        }
        String line = "";
        for (String l : raw.strip().split("\\R")) {
            if (!l.isBlank()) {
                line = l.strip();
                break;
            }
        }
        String prev;
        do {
            prev = line;
            line = line.replaceFirst("(?i)^(task description|task|description)\\s*:\\s*", "");
            if (line.length() >= 2 && isQuotePair(line.charAt(0), line.charAt(line.length() - 1))) {
                line = line.substring(1, line.length() - 1).strip();
            }
        } while (!line.equals(prev));
        return line;
    }

    private static boolean isQuotePair(char a, char b) {
        return (a == '"' && b == '"') || (a == '\'' && b == '\'') || (a == '`' && b == '`')
                || (a == '\u201C' && b == '\u201D') || (a == '\u2018' && b == '\u2019');
    }
}

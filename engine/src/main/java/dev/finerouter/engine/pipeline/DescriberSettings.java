package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.describe.ChatEndpointConfig;

/**
 * Which task describer Stage 1 uses.
 *
 * @param endpoint an OpenAI-compatible chat endpoint, or {@code null} for the deterministic offline describer
 */
public record DescriberSettings(ChatEndpointConfig endpoint) {
    /** The offline describer (default; no network). */
    public static final DescriberSettings OFFLINE = new DescriberSettings(null);

    /** Whether an LLM endpoint is used. */
    public boolean usesLlm() {
        return endpoint != null;
    }
}

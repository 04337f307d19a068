package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class LlmClusterSummarizerTest {

    @Test
    void userMessageListsDistinctDescriptionsMostFrequentFirst() {
        assertEquals("Prompt descriptions:\n- Solve a sum.\n- Add numbers.\n- Subtract numbers.",
                LlmClusterSummarizer.userMessage(List.of("Add numbers.", "Solve a sum.", " Solve  a sum. ", "Subtract numbers.", "")));
        List<String> many = IntStream.range(0, 50).mapToObj(i -> "d" + i).toList();
        assertEquals(1 + LlmClusterSummarizer.MAX_DESCRIPTIONS, LlmClusterSummarizer.userMessage(many).split("\n").length);
    }

    @Test
    void summarizesEachClusterThroughTheEndpoint() throws Exception {
        try (FakeChatServer server = new FakeChatServer()) {
            server.enqueue(FakeChatServer.Fault.HTTP_500);
            ChatEndpointConfig cfg = ChatEndpointConfig.of(server.baseUrl(), "sum-model", null)
                    .withMaxConcurrency(2).withTimeout(Duration.ofSeconds(5))
                    .withRetries(3, Duration.ofMillis(5), Duration.ofMillis(50));
            LlmClusterSummarizer s = new LlmClusterSummarizer(cfg, n -> null);
            List<String> out = s.summarize(List.of(List.of("Add numbers."), List.of("Translate text.", "Translate text.")),
                    StageContext.silent(3));
            assertEquals(2, out.size());
            assertTrue(out.stream().allMatch(x -> x.startsWith("\"Describes: Prompt descriptions:")), out.toString());
            assertEquals(3, server.requests.get());
            assertTrue(server.bodies.stream().allMatch(b -> b.path("messages").path(0).path("content").asText()
                    .equals(LlmClusterSummarizer.INSTRUCTION)));
            assertTrue(server.bodies.stream().anyMatch(b -> b.path("messages").path(1).path("content").asText()
                    .equals("Prompt descriptions:\n- Translate text.")));
            assertEquals("openai-chat/sum-model/sum-v1", s.id());
        }
    }

    @Test
    void failsClearlyOnUnauthorized() throws Exception {
        try (FakeChatServer server = new FakeChatServer()) {
            server.enqueue(FakeChatServer.Fault.HTTP_401);
            ChatEndpointConfig cfg = ChatEndpointConfig.of(server.baseUrl(), "m", "NO_SUCH_VAR").withMaxConcurrency(1);
            EngineException e = assertThrows(EngineException.class,
                    () -> new LlmClusterSummarizer(cfg, n -> null).summarize(List.of(List.of("x")), StageContext.silent(1)));
            assertTrue(e.getMessage().contains("HTTP 401"));
            assertTrue(e.hint().contains("NO_SUCH_VAR (it is not set)"), e.hint());
        }
    }
}

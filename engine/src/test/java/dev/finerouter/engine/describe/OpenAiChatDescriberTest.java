package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static dev.finerouter.engine.describe.FakeChatServer.Fault.GARBAGE;
import static dev.finerouter.engine.describe.FakeChatServer.Fault.HTTP_401;
import static dev.finerouter.engine.describe.FakeChatServer.Fault.HTTP_429;
import static dev.finerouter.engine.describe.FakeChatServer.Fault.HTTP_500;
import static dev.finerouter.engine.describe.FakeChatServer.Fault.EMPTY_ANSWER;
import static dev.finerouter.engine.describe.FakeChatServer.Fault.NO_CHOICES;
import static dev.finerouter.engine.describe.FakeChatServer.Fault.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class OpenAiChatDescriberTest {
    private static final String SECRET = "sk-test-secret-123";

    private FakeChatServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeChatServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatEndpointConfig config(int concurrency) {
        return ChatEndpointConfig.of(server.baseUrl(), "tiny-model", "FR_TEST_KEY")
                .withMaxConcurrency(concurrency)
                .withTimeout(Duration.ofSeconds(5))
                .withRetries(5, Duration.ofMillis(10), Duration.ofSeconds(2));
    }

    private OpenAiChatDescriber describer(int concurrency) {
        return new OpenAiChatDescriber(config(concurrency), Map.of("FR_TEST_KEY", SECRET)::get);
    }

    private static List<String> prompts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "Explain topic number " + i + ".").toList();
    }

    private static List<String> expected(List<String> prompts) {
        return prompts.stream().map(p -> "Describes: " + p).toList();
    }

    @Test
    void successPathSendsModelMessagesAndKeyAndKeepsOrder() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        StageContext ctx = StageContext.of(7, (f, m) -> { }, log::add, new AtomicBoolean());
        List<String> prompts = prompts(5);
        try (OpenAiChatDescriber d = describer(2)) {
            assertEquals(expected(prompts), d.describe(prompts, ctx));
            assertEquals("openai-chat/tiny-model/instr-v1", d.id());
        }
        assertEquals(5, server.requests.get());
        var body = server.bodies.get(0);
        assertEquals("tiny-model", body.path("model").asText());
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        assertEquals(OpenAiChatDescriber.INSTRUCTION, body.path("messages").path(0).path("content").asText());
        assertEquals("user", body.path("messages").path(1).path("role").asText());
        assertTrue(prompts.contains(body.path("messages").path(1).path("content").asText()));
        assertTrue(server.authorizations.stream().allMatch(("Bearer " + SECRET)::equals));
        assertFalse(log.isEmpty());
        assertTrue(log.stream().noneMatch(l -> l.contains(SECRET)), "the key must never be logged");
    }

    @Test
    void noKeyMeansNoAuthorizationHeader() throws Exception {
        try (OpenAiChatDescriber d = new OpenAiChatDescriber(config(1), name -> null)) {
            d.describe(prompts(1), StageContext.silent(1));
        }
        assertEquals(List.of("<none>"), server.authorizations);
    }

    @Test
    void retriesRecoverFrom500GarbageMissingChoicesEmptyAnswerAndTimeout() throws Exception {
        server.enqueue(HTTP_500, GARBAGE, NO_CHOICES, EMPTY_ANSWER, TIMEOUT);
        server.timeoutSleepMs = 4_000;
        ChatEndpointConfig cfg = config(1).withTimeout(Duration.ofSeconds(1)).withRetries(6, Duration.ofMillis(10), Duration.ofSeconds(1));
        try (OpenAiChatDescriber d = new OpenAiChatDescriber(cfg, name -> null)) {
            assertEquals(List.of("Describes: Explain topic number 0."), d.describe(prompts(1), StageContext.silent(1)));
        }
        assertEquals(6, server.requests.get());
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        server.enqueue(HTTP_429);
        long start = System.nanoTime();
        try (OpenAiChatDescriber d = describer(1)) {
            assertEquals(expected(prompts(1)), d.describe(prompts(1), StageContext.silent(1)));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 950, "waited only " + ms + " ms despite Retry-After: 1");
        assertEquals(2, server.requests.get());
    }

    @Test
    void unauthorizedFailsFastWithStatusBodyAndHint() {
        server.enqueue(HTTP_401);
        EngineException e = assertThrows(EngineException.class,
                () -> describer(1).describe(prompts(1), StageContext.silent(1)));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid API key"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertTrue(e.hint().contains("FR_TEST_KEY"), e.hint());
        assertEquals(1, server.requests.get());
    }

    @Test
    void givesUpWithAClearMessageAfterMaxAttempts() {
        server.enqueue(GARBAGE, HTTP_500, GARBAGE);
        ChatEndpointConfig cfg = config(1).withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20));
        EngineException e = assertThrows(EngineException.class,
                () -> new OpenAiChatDescriber(cfg, n -> null).describe(prompts(1), StageContext.silent(1)));
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("answer is not JSON"), e.getMessage());
        assertEquals(3, server.requests.get());
    }

    @Test
    void concurrencyBoundIsRespected() throws Exception {
        server.successDelayMs = 150;
        List<String> prompts = prompts(12);
        try (OpenAiChatDescriber d = describer(3)) {
            assertEquals(expected(prompts), d.describe(prompts, StageContext.silent(1)));
        }
        assertEquals(3, server.maxInFlight.get());
    }

    @Test
    void cancellationStopsSendingNewRequests() throws Exception {
        server.successDelayMs = 100;
        AtomicBoolean cancelled = new AtomicBoolean();
        StageContext ctx = StageContext.of(1, (f, m) -> {
            if (f >= 2 / 20.0) {
                cancelled.set(true);
            }
        }, l -> { }, cancelled);
        assertThrows(CancelledException.class, () -> describer(2).describe(prompts(20), ctx));
        // requests already handed to the HTTP stack when the run was cancelled may still land: let them settle
        Thread.sleep(300);
        int sent = server.requests.get();
        assertTrue(sent <= 2 + 2 * 2, "2 answered + at most 2 in flight per worker, but sent " + sent);
        Thread.sleep(400);
        assertEquals(sent, server.requests.get(), "no request may be sent after cancellation");
    }

    @Test
    void longPromptsAreTruncatedBeforeSending() throws Exception {
        ChatEndpointConfig cfg = config(1).withMaxPromptChars(100);
        String longPrompt = "x".repeat(500) + " What is this?";
        try (OpenAiChatDescriber d = new OpenAiChatDescriber(cfg, n -> null)) {
            d.describe(List.of(longPrompt), StageContext.silent(1));
        }
        String sent = server.bodies.get(0).path("messages").path(1).path("content").asText();
        assertTrue(sent.length() <= 100, "length " + sent.length());
        assertTrue(sent.contains(PromptTruncation.MARKER));
        assertTrue(sent.endsWith("What is this?"));
    }

    @Test
    void cacheMakesTheSecondRunFree(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("descriptions.jsonl");
        List<String> prompts = new ArrayList<>(prompts(4));
        prompts.add(prompts.get(1));
        List<String> first;
        try (DescriptionCache cache = DescriptionCache.open(journal);
             CachingDescriber d = new CachingDescriber(describer(2), cache)) {
            first = d.describe(prompts, StageContext.silent(1));
        }
        assertEquals(expected(prompts), first);
        assertEquals(4, server.requests.get(), "duplicates are asked once");
        try (DescriptionCache cache = DescriptionCache.open(journal);
             CachingDescriber d = new CachingDescriber(describer(2), cache)) {
            assertEquals(4, cache.size());
            assertEquals(first, d.describe(prompts, StageContext.silent(1)));
        }
        assertEquals(4, server.requests.get(), "the second run makes no HTTP call");
    }

    @Test
    void cancelledRunResumesWithoutAskingAgain(@TempDir Path dir) throws Exception {
        server.successDelayMs = 50;
        Path journal = dir.resolve("descriptions.jsonl");
        List<String> prompts = prompts(20);
        AtomicBoolean cancelled = new AtomicBoolean();
        StageContext ctx = StageContext.of(1, (f, m) -> {
            if (f >= 5 / 20.0) {
                cancelled.set(true);
            }
        }, l -> { }, cancelled);
        int cached;
        try (DescriptionCache cache = DescriptionCache.open(journal);
             CachingDescriber d = new CachingDescriber(describer(2), cache)) {
            assertThrows(CancelledException.class, () -> d.describe(prompts, ctx));
            cached = cache.size();
        }
        assertTrue(cached >= 5 && cached < 20, "cached " + cached);
        Thread.sleep(300); // abandoned in-flight requests may still reach the server
        int before = server.requests.get();
        try (DescriptionCache cache = DescriptionCache.open(journal);
             CachingDescriber d = new CachingDescriber(describer(2), cache)) {
            assertEquals(expected(prompts), d.describe(prompts, StageContext.silent(1)));
        }
        assertEquals(20 - cached, server.requests.get() - before);
    }
}

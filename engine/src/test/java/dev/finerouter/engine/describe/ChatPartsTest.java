package dev.finerouter.engine.describe;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the chat client's parts: configuration, truncation, post-processing, back-off. */
class ChatPartsTest {

    @Test
    void configDefaultsAndValidation() {
        ChatEndpointConfig c = ChatEndpointConfig.of("http://127.0.0.1:8000/v1/", "m", " ");
        assertEquals(URI.create("http://127.0.0.1:8000/v1/chat/completions"), c.completionsUri());
        assertNull(c.apiKeyEnv());
        assertEquals(4, c.maxConcurrency());
        assertThrows(IllegalArgumentException.class, () -> ChatEndpointConfig.of("ftp://x/v1", "m", null));
        assertThrows(IllegalArgumentException.class, () -> ChatEndpointConfig.of("relative/v1", "m", null));
        assertThrows(IllegalArgumentException.class, () -> ChatEndpointConfig.of("http://h/v1", " ", null));
        assertThrows(IllegalArgumentException.class, () -> c.withMaxConcurrency(0));
        assertThrows(IllegalArgumentException.class, () -> c.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> c.withRetries(0, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> c.withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> c.withMaxPromptChars(99));
    }

    @Test
    void truncationKeepsHeadAndTail() {
        assertEquals("short", PromptTruncation.truncate("short", 100));
        String s = "a".repeat(200) + "b".repeat(200);
        String t = PromptTruncation.truncate(s, 107);
        assertEquals(107, t.length());
        assertEquals("a".repeat(66) + PromptTruncation.MARKER + "b".repeat(34), t);
        String emoji = "😀".repeat(100);
        String te = PromptTruncation.truncate(emoji, 50);
        assertTrue(te.length() <= 50);
        assertTrue(te.codePoints().allMatch(cp -> cp == 0x1F600 || PromptTruncation.MARKER.indexOf(cp) >= 0), "no split surrogate");
    }

    @Test
    void postProcessing() {
        assertEquals("Solve a word problem.", OpenAiChatDescriber.postProcess("  \n\"Solve a word problem.\"\nExtra."));
        assertEquals("Translate text.", OpenAiChatDescriber.postProcess("Task: “Translate text.”"));
        assertEquals("Write code.", OpenAiChatDescriber.postProcess("`Description: 'Write code.'`"));
        assertEquals("", OpenAiChatDescriber.postProcess(" \"\" "));
        assertEquals("", OpenAiChatDescriber.postProcess(null));
    }

    @Test
    void retryAfterParsing() {
        assertEquals(Duration.ofSeconds(3), ChatCompletionClient.parseRetryAfter(" 3 "));
        assertNull(ChatCompletionClient.parseRetryAfter("soon"));
        assertNull(ChatCompletionClient.parseRetryAfter("-1"));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(30));
        Duration d = ChatCompletionClient.parseRetryAfter(date);
        assertTrue(d.getSeconds() >= 28 && d.getSeconds() <= 30, d.toString());
    }

    @Test
    void backoffDoublesWithSeededJitterAndCaps() {
        ChatEndpointConfig cfg = ChatEndpointConfig.of("http://127.0.0.1:1/v1", "m", null)
                .withRetries(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        ChatCompletionClient client = new ChatCompletionClient(cfg, n -> null);
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int attempt = 1; attempt <= 6; attempt++) {
            Duration x = client.delay(attempt, null, a);
            assertEquals(x, client.delay(attempt, null, b), "same seed, same wait");
            long cap = Math.min(1000, 100L << (attempt - 1));
            assertTrue(x.toMillis() >= cap / 2 && x.toMillis() <= cap, attempt + ": " + x);
        }
        assertEquals(Duration.ofMillis(800), client.delay(1, Duration.ofMillis(800), a), "Retry-After raises the wait");
        assertEquals(Duration.ofMillis(1000), client.delay(1, Duration.ofSeconds(30), a), "capped at maxBackoff");
        assertTrue(!client.toString().contains("sk-"));
    }
}

package dev.finerouter.app.playground;

import dev.finerouter.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptHistoryTest {
    @TempDir
    Path dir;

    static final PromptHistory.Entry FIRST = new PromptHistory.Entry(Instant.parse("2026-01-02T03:04:05Z"), "What is 2+2?", "task 0",
            "model-a", 0.5, 0.0);
    static final PromptHistory.Entry SECOND = new PromptHistory.Entry(Instant.parse("2026-01-02T03:05:00Z"), "Say \"hi\", then\nstop",
            "Others", "model-c", 0.25, 1.0);

    @Test
    void newestFirst() {
        PromptHistory h = new PromptHistory();
        h.add(FIRST);
        h.add(SECOND);
        assertEquals(List.of(SECOND, FIRST), h.entries());
    }

    @Test
    void csvQuotesCommasQuotesAndNewlines() {
        assertEquals("time,prompt,task,model,alpha,tolerance\n"
                + "2026-01-02T03:05:00Z,\"Say \"\"hi\"\", then\nstop\",Others,model-c,0.25,1.00\n"
                + "2026-01-02T03:04:05Z,What is 2+2?,task 0,model-a,0.50,0.00\n", PromptHistory.toCsv(List.of(SECOND, FIRST)));
    }

    @Test
    void jsonlHasOneObjectPerEntry() {
        assertEquals("{\"time\":\"2026-01-02T03:04:05Z\",\"prompt\":\"What is 2+2?\",\"task\":\"task 0\",\"model\":\"model-a\","
                + "\"alpha\":0.5,\"tolerance\":0.0}\n", PromptHistory.toJsonl(List.of(FIRST)));
    }

    @Test
    void writeChoosesTheFormatByExtension() throws Exception {
        PromptHistory h = new PromptHistory();
        h.add(FIRST);
        h.write(dir.resolve("h.csv"));
        h.write(dir.resolve("h.JSONL"));
        assertTrue(Files.readString(dir.resolve("h.csv")).startsWith("time,prompt"));
        assertTrue(Files.readString(dir.resolve("h.JSONL")).startsWith("{\"time\""));
        EngineException e = assertThrows(EngineException.class, () -> h.write(dir.resolve("h.txt")));
        assertTrue(e.getMessage().contains("h.txt"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("h.txt")));
    }
}

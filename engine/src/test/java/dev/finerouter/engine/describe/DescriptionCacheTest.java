package dev.finerouter.engine.describe;

import dev.finerouter.engine.io.DataFormatException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptionCacheTest {

    private static String line(String describer, String prompt, String description) {
        return "{\"describer\":\"" + describer + "\",\"sha256\":\"" + DescriptionCache.sha256(prompt)
                + "\",\"description\":\"" + description + "\"}\n";
    }

    @Test
    void sha256IsOfUtf8Bytes() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DescriptionCache.sha256(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DescriptionCache.sha256("abc"));
    }

    @Test
    void roundTripsAndKeysByDescriber(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/cache.jsonl");
        try (DescriptionCache c = DescriptionCache.open(f)) {
            c.put("a/v1", "p1", "Describe p1");
            c.put("b/v1", "p1", "Other describer");
            c.put("a/v1", "p1", "Newer answer");
        }
        try (DescriptionCache c = DescriptionCache.open(f)) {
            assertEquals(2, c.size());
            assertEquals(Optional.of("Newer answer"), c.get("a/v1", "p1"));
            assertEquals(Optional.of("Other describer"), c.get("b/v1", "p1"));
            assertEquals(Optional.empty(), c.get("a/v2", "p1"));
            assertEquals(0, c.ignoredPartialLines());
        }
    }

    @Test
    void truncatedLastLineFromACrashIsIgnoredAndCutOff(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cache.jsonl");
        String content = line("d", "p1", "one") + line("d", "p2", "two") + "{\"describer\":\"d\",\"sha256\":\"ab";
        Files.writeString(f, content, StandardCharsets.UTF_8);
        try (DescriptionCache c = DescriptionCache.open(f)) {
            assertEquals(2, c.size());
            assertEquals(1, c.ignoredPartialLines());
            assertEquals(Optional.of("two"), c.get("d", "p2"));
            c.put("d", "p3", "three");
        }
        try (DescriptionCache c = DescriptionCache.open(f)) {
            assertEquals(3, c.size());
            assertEquals(0, c.ignoredPartialLines());
            assertEquals(Optional.of("three"), c.get("d", "p3"));
        }
        assertEquals(3, Files.readAllLines(f).size());
    }

    @Test
    void corruptCompleteLineIsAnErrorNamingTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cache.jsonl");
        Files.writeString(f, line("d", "p1", "one") + "garbage\n" + line("d", "p2", "two"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> DescriptionCache.open(f));
        assertEquals(2, e.line());
        Files.writeString(f, "{\"describer\":\"d\",\"sha256\":\"xyz\",\"description\":\"one\"}\n");
        assertEquals("sha256", assertThrows(DataFormatException.class, () -> DescriptionCache.open(f)).field());
    }

    @Test
    void concurrentAppendsAreAllKeptWhole(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cache.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DescriptionCache c = DescriptionCache.open(f)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        c.put("d", "p" + thread + "-" + i, "description " + thread + "-" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> x : fs) {
                x.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (DescriptionCache c = DescriptionCache.open(f)) {
            assertEquals(400, c.size());
            assertEquals(0, c.ignoredPartialLines());
        }
    }

    @Test
    void cachingDescriberAsksOnlyMissesAndJournalsThem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cache.jsonl");
        AtomicInteger asked = new AtomicInteger();
        TaskDescriber counting = new TaskDescriber() {
            @Override
            public String id() {
                return "count/v1";
            }

            @Override
            public List<String> describe(List<String> prompts, StageContext ctx) {
                asked.addAndGet(prompts.size());
                return prompts.stream().map(p -> "D(" + p + ")").toList();
            }
        };
        try (DescriptionCache c = DescriptionCache.open(f)) {
            c.put("count/v1", "b", "cached b");
            CachingDescriber d = new CachingDescriber(counting, c);
            assertEquals(List.of("D(a)", "cached b", "D(c)", "D(a)"), d.describe(List.of("a", "b", "c", "a"), StageContext.silent(1)));
            assertEquals(2, asked.get());
            assertEquals("count/v1", d.id());
        }
        String journal = Files.readString(f);
        assertTrue(journal.contains("D(a)") && journal.contains("D(c)"));
    }
}

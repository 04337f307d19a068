package dev.finerouter.engine.service;

import dev.finerouter.engine.decisionlog.DecisionLog;
import dev.finerouter.engine.decisionlog.DecisionLogConfig;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.decisionlog.DecisionRecords;
import dev.finerouter.engine.decisionlog.PromptLogging;
import dev.finerouter.engine.decisionlog.BundleIdentity;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rotation, retention, hashing and the line format of the decision log. */
class DecisionLogTest {
    @TempDir
    Path tmp;

    static DecisionRecord record(String requestId, String prompt, int task, String model, double cost) {
        Map<String, Double> cand = new LinkedHashMap<>();
        cand.put("a", 0.25);
        cand.put(model, 1.0);
        return new DecisionRecord("2026-01-01T00:00:00Z", requestId, "b1", "2026-01-01T00:00:00Z", prompt, null, task,
                task < 0 ? "Others" : "t" + task, 0.75, task < 0, task < 0, model, cost, 0.5, 0.0, null, cand);
    }

    private static int lineBytes(DecisionRecord r) {
        return (r.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void rotatesBeforeALineWouldPassTheLimitAndKeepsTheNewestFiles() throws Exception {
        DecisionRecord r = record("r1", "p", 0, "m", 1);
        DecisionLogConfig cfg = new DecisionLogConfig(tmp, 2L * lineBytes(r), 2, PromptLogging.FULL, "", 0.5, 100);
        try (DecisionLog log = new DecisionLog(cfg)) {
            for (int i = 1; i <= 5; i++) {
                assertTrue(log.offer(record("r" + i, "p", 0, "m", 1)));
            }
        }
        // two lines per file: 1-2 → 000001, 3-4 → 000002, 5 → 000003; keep 2 deletes 000001
        List<Path> files = DecisionLog.files(tmp);
        assertEquals(List.of("decisions-000002.jsonl", "decisions-000003.jsonl"), files.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(2, Files.readAllLines(files.get(0)).size());
        assertEquals(1, Files.readAllLines(files.get(1)).size());
        assertTrue(Files.readAllLines(files.get(1)).get(0).contains("\"requestId\":\"r5\""));
    }

    @Test
    void linesReachTheFileWholeAndWrittenCountsOnlyWhatIsOnDisk() throws Exception {
        try (DecisionLog log = new DecisionLog(DecisionLogConfig.defaults(tmp))) {
            int n = 300; // about 3 flush buffers of whole lines
            for (int i = 0; i < n; i++) {
                assertTrue(log.offer(record("r" + i, "p".repeat(700) + i, 0, "m", 1)));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (log.written() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(n, log.written());
            byte[] bytes = Files.readAllBytes(DecisionLog.files(tmp).get(0)); // before close: what a kill -9 would leave
            assertEquals('\n', bytes[bytes.length - 1]);
            List<String> lines = Files.readAllLines(DecisionLog.files(tmp).get(0));
            assertEquals(n, lines.size());
            for (int i = 0; i < n; i++) {
                assertTrue(lines.get(i).endsWith("}") && lines.get(i).contains("\"requestId\":\"r" + i + "\""), "line " + i);
            }
        }
    }

    @Test
    void aLineLongerThanTheLimitGetsAFileOfItsOwn() throws Exception {
        DecisionLogConfig cfg = new DecisionLogConfig(tmp, 10, 5, PromptLogging.FULL, "", 0.5, 100);
        try (DecisionLog log = new DecisionLog(cfg)) {
            log.offer(record("r1", "p", 0, "m", 1));
            log.offer(record("r2", "p", 0, "m", 1));
            log.close();
            assertEquals(2, log.written());
            assertEquals(0, log.dropped());
        }
        assertEquals(2, DecisionLog.files(tmp).size());
    }

    @Test
    void aNewLogContinuesAfterTheHighestSequence() throws Exception {
        Files.writeString(tmp.resolve("decisions-000007.jsonl"), "");
        try (DecisionLog log = new DecisionLog(DecisionLogConfig.defaults(tmp))) {
            log.offer(record("r1", "p", 0, "m", 1));
        }
        assertTrue(Files.exists(tmp.resolve("decisions-000008.jsonl")));
    }

    @Test
    void offersAfterCloseAreDroppedAndCounted() throws Exception {
        DecisionLog log = new DecisionLog(DecisionLogConfig.defaults(tmp));
        log.close();
        assertFalse(log.offer(record("r1", "p", 0, "m", 1)));
        assertEquals(1, log.dropped());
        assertEquals(0, log.written());
    }

    @Test
    void hashModeKeepsOnlyTheSaltedSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", BundleIdentity.sha256Hex("abc"));
        DecisionLogConfig cfg = new DecisionLogConfig(tmp, 100, 1, PromptLogging.HASH, "s", 0.5, 1);
        DecisionRecord r = DecisionRecords.of(cfg, GoldenRouting.manifest(), GoldenRouting.pool(),
                GoldenRouting.decision("abc"), dev.finerouter.engine.route.RoutingPolicy.PAPER, "abc", "r", java.time.Instant.EPOCH);
        assertNull(r.prompt());
        assertEquals("cf0bbce2b0833f47b48155c56a549459af12f1724088f0246d837ec199eb787a", r.promptSha256());
        JsonNode json = r.toJson();
        assertFalse(json.has("prompt"));
    }

    @Test
    void noneModeKeepsNeitherTextNorHash() {
        DecisionLogConfig cfg = new DecisionLogConfig(tmp, 100, 1, PromptLogging.NONE, "", 0.5, 1);
        DecisionRecord r = DecisionRecords.of(cfg, GoldenRouting.manifest(), GoldenRouting.pool(),
                GoldenRouting.decision("abc"), dev.finerouter.engine.route.RoutingPolicy.PAPER, "abc", "r", java.time.Instant.EPOCH);
        assertNull(r.prompt());
        assertNull(r.promptSha256());
    }

    @Test
    void driftFlagFollowsTheThreshold() {
        DecisionRecord r = DecisionRecords.of(new DecisionLogConfig(tmp, 100, 1, PromptLogging.FULL, "", 1.0, 1), GoldenRouting.manifest(),
                GoldenRouting.pool(), GoldenRouting.decision("abc"), dev.finerouter.engine.route.RoutingPolicy.PAPER, "abc", "r",
                java.time.Instant.EPOCH);
        assertTrue(r.drift(), "every probability is below 1.0 or the prompt went to Others");
        DecisionRecord low = DecisionRecords.of(new DecisionLogConfig(tmp, 100, 1, PromptLogging.FULL, "", 0.0, 1), GoldenRouting.manifest(),
                GoldenRouting.pool(), GoldenRouting.decision("abc"), dev.finerouter.engine.route.RoutingPolicy.PAPER, "abc", "r",
                java.time.Instant.EPOCH);
        assertEquals(low.others(), low.drift(), "at threshold 0 only Others is drift");
    }

    @Test
    void aRecordSurvivesItsJsonLine() {
        DecisionRecord r = record("r1", "two\nlines", -1, "m", Double.NaN);
        DecisionRecord back = DecisionRecord.fromJson(r.toJson());
        assertEquals(r.prompt(), back.prompt());
        assertEquals(-1, back.task());
        assertTrue(back.others());
        assertTrue(Double.isNaN(back.cost()));
        assertEquals(r.candidates(), back.candidates());
        assertNull(back.maxCost());
    }

    @Test
    void aLineWithoutModelNamesTheField() {
        com.fasterxml.jackson.databind.node.ObjectNode o = record("r1", "p", 0, "m", 1).toJson();
        o.remove("model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecisionRecord.fromJson(o));
        assertTrue(e.getMessage().contains("'model'"), e.getMessage());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionLogConfig(tmp, 0, 1, PromptLogging.FULL, "", 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new DecisionLogConfig(tmp, 1, 0, PromptLogging.FULL, "", 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new DecisionLogConfig(tmp, 1, 1, PromptLogging.FULL, "", 1.5, 1));
    }
}

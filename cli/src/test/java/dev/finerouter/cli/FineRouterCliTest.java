package dev.finerouter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FineRouterCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path data() throws Exception {
        Files.writeString(dir.resolve("models.json"), "[{\"name\":\"a\",\"costPerQuery\":0.01},{\"name\":\"b\",\"costPerQuery\":0.02}]");
        return Files.writeString(dir.resolve("routing.jsonl"), """
                {"id":"1","prompt":"add numbers","task":"math","scores":{"a":1,"b":0}}
                {"id":"2","prompt":"write a poem","task":"writing","scores":{"a":0.5,"b":0.75}}
                """);
    }

    @Test
    void statsPrintsPerModelAndPerTaskTables() throws Exception {
        data();
        assertEquals(0, run("data", "stats", "--data", dir.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("2 prompts × 2 models"), text);
        assertTrue(text.matches("(?s).*\\na\\s+0\\.750\\s+50\\.0%.*"), text);
        assertTrue(text.contains("writing"), text);
    }

    @Test
    void badInputExitsWithOneAndALocatedMessageWithoutStackTrace() throws Exception {
        Files.writeString(dir.resolve("routing.jsonl"), "{\"id\":\"1\",\"prompt\":\"x\",\"scores\":{\"a\":2}}\n");
        assertEquals(1, run("data", "validate", "--data", dir.toString()));
        String e = err.toString();
        assertTrue(e.startsWith("finerouter: " + dir.resolve("routing.jsonl") + ":1: field 'scores.a': score 2.0 is outside [0,1]"), e);
        assertTrue(e.contains("hint: "), e);
        assertFalse(e.contains("\tat "), "no stack trace without --verbose");
        assertEquals(1, run("data", "validate", "--verbose", "--data", dir.toString()));
        assertTrue(err.toString().contains("\tat "), "stack trace with --verbose");
    }

    @Test
    void theDefaultDatasetFallsBackToTheFinerouterSampleSystemProperty() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("FINEROUTER_SAMPLE") == null, "the environment wins");
        data();
        System.setProperty("finerouter.sample", dir.toString());
        try {
            assertEquals(0, run("data", "stats"), err.toString());
            assertTrue(out.toString().contains("2 prompts × 2 models"), out.toString());
        } finally {
            System.clearProperty("finerouter.sample");
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("data", "stats", "--no-such-option"));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
        assertEquals(2, run("no-such-command"));
    }

    @Test
    void versionAndHelpExitWithZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("finerouter "), out.toString());
        assertEquals(0, run("data", "split", "--help"));
    }

    @Test
    void splitWritesDataAndARecordOfHowItWasSplit() throws Exception {
        data();
        Path outDir = dir.resolve("split");
        assertEquals(0, run("data", "split", "--data", dir.resolve("routing.jsonl").toString(), "--out", outDir.toString(), "--seed", "3"));
        assertTrue(Files.readString(outDir.resolve("split.json")).contains("\"seed\" : 3"));
        assertEquals(0, run("data", "validate", "--data", outDir.toString()), err.toString());
    }
}

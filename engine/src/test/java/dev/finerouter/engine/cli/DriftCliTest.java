package dev.finerouter.engine.cli;

import dev.finerouter.engine.serve.DecisionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's refusals for replay and incremental discovery: exit 1 with a readable line and a hint. */
class DriftCliTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path hashedLog() throws Exception {
        DecisionRecord r = new DecisionRecord("2026-01-01T00:00:00Z", "r", "b", "c", null, "ab12", -1, "Others", 0.2, true, true, "m", 1, 0.5, 0,
                null, Map.of("m", 1.0));
        Path dir = tmp.resolve("log");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("decisions-000001.jsonl"), r.toJson() + "\n");
        return dir;
    }

    @Test
    void replayRefusesAHashedOnlyLog() throws Exception {
        Run r = run("replay", "--log", hashedLog().toString(), "--bundle", tmp.resolve("none.frb").toString());
        assertEquals(FineRouterCli.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("none of the 1 logged decisions has prompt text"), r.err());
        assertTrue(r.err().contains("--log-prompts full"), r.err());
    }

    @Test
    void replayNamesAnEmptyLogFolder() {
        Run r = run("replay", "--log", tmp.toString(), "--bundle", tmp.resolve("none.frb").toString());
        assertEquals(FineRouterCli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("holds no decisions-NNNNNN.jsonl files"), r.err());
    }

    @Test
    void incrementalDiscoveryNeedsBundleAndLog() {
        Run r = run("discover", "--incremental", "--no-cache");
        assertEquals(FineRouterCli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--incremental needs --bundle and --log"), r.err());
    }

    @Test
    void replayIsListedInTheHelp() {
        Run r = run("--help");
        assertTrue(r.out().contains("replay"), r.out());
    }
}

package dev.finerouter.cli;

import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.service.EncoderResolver;
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

    /** The trigram test encoder, for runs on the golden bundle (whose encoder is a test encoder). */
    private static final EncoderOpener TRIGRAM = (encoder, override) -> new TrigramEmbedder();

    private static Run run(String... args) {
        return run(EncoderResolver::open, args);
    }

    private static Run run(EncoderOpener encoders, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err), encoders);
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
    void replaySkipsATornLineOnlyWithLenient() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("torn"));
        Path f = dir.resolve("decisions-000001.jsonl");
        StringBuilder sb = new StringBuilder();
        for (String p : java.util.List.of("Write a short poem about the sea", "What is the capital of France?")) {
            sb.append(new DecisionRecord("2026-01-01T00:00:00Z", "r", "b", "c", p, null, 0, "t", 0.9, false, false, "generalist", 0.01, 0.5, 0,
                    null, Map.of("generalist", 1.0)).toJson()).append('\n');
        }
        sb.append("{\"ts\":\"2026-01-01T00:00:00Z\",\"requestId\":\"r\",\"prom"); // cut by a crash
        Files.writeString(f, sb.toString());
        String bundle = "../engine/src/test/resources/golden-bundle/bundle";

        Run strict = run("replay", "--log", dir.toString(), "--bundle", bundle);
        assertEquals(FineRouterCli.BAD_INPUT, strict.code(), strict.err());
        assertTrue(strict.err().contains(f + ":3: is not JSON"), strict.err());
        assertTrue(strict.err().contains("--lenient"), strict.err());

        Run lenient = run(TRIGRAM, "replay", "--log", dir.toString(), "--bundle", bundle, "--lenient");
        assertEquals(FineRouterCli.OK, lenient.code(), lenient.err());
        assertTrue(lenient.err().contains("skipped 1 torn or malformed line (--lenient)"), lenient.err());
        assertTrue(lenient.err().contains(f + ":3: "), lenient.err());
        assertTrue(lenient.out().contains("replayed on 2 logged decisions"), lenient.out());
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
    void incrementalDiscoveryEmbedsStageOneWithTheBundlesOwnEncoder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("drift-log"));
        StringBuilder sb = new StringBuilder();
        for (String w : java.util.List.of("morning", "evening", "friend", "market", "river", "window", "garden", "winter")) {
            for (String p : java.util.List.of("Translate the word " + w + " into Spanish", "Give me a recipe for a quick " + w + " soup")) {
                sb.append(new DecisionRecord("2026-01-01T00:00:00Z", "r", "b", "c", p, null, -1, "Others", 0.1, true, true, "generalist", 0.01, 0.5,
                        0, null, Map.of("generalist", 1.0)).toJson()).append('\n');
            }
        }
        Files.writeString(dir.resolve("decisions-000001.jsonl"), sb.toString());
        // the golden bundle's encoder is a test encoder: Stage 1 must embed with it, not with the configured MiniLM
        Run r = run(TRIGRAM, "discover", "--incremental", "--bundle", "../engine/src/test/resources/golden-bundle/bundle", "--log", dir.toString(),
                "--no-cache", "--out", tmp.resolve("out").toString());
        assertEquals(FineRouterCli.OK, r.code(), r.err());
        assertTrue(Files.exists(tmp.resolve("out/proposals.json")) && Files.exists(tmp.resolve("out/proposals.md")), r.out());
        assertTrue(r.out().contains("16 distinct logged prompts"), r.out());
    }

    @Test
    void replayIsListedInTheHelp() {
        Run r = run("--help");
        assertTrue(r.out().contains("replay"), r.out());
    }
}

package dev.finerouter.cli;

import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Issue 20: each kind of error gets its own hint (missing path, unreadable file, malformed row, bad option value). */
class ErrorHintsCliTest {
    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** The commands open the trigram test encoder instead of the bundle's (passed to each run, no global). */
    private final EncoderOpener encoders = (encoder, override) -> new TrigramEmbedder();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err), encoders);
    }

    private Path dataset(String secondScores) throws Exception {
        Files.writeString(dir.resolve("models.json"), "[{\"name\":\"a\",\"costPerQuery\":0.01},{\"name\":\"b\",\"costPerQuery\":0.02}]");
        return Files.writeString(dir.resolve("routing.jsonl"), "{\"id\":\"p1\",\"prompt\":\"one\",\"scores\":{\"a\":1,\"b\":0}}\n"
                + "{\"id\":\"p2\",\"prompt\":\"two\",\"scores\":" + secondScores + "}\n"
                + "{\"id\":\"p3\",\"prompt\":\"three\",\"scores\":{\"a\":0,\"b\":1}}\n");
    }

    @Test
    void aMissingDataPathSaysSoAndWhatIsThere() throws Exception {
        dataset("{\"a\":1,\"b\":1}");
        Path typo = dir.resolve("routnig.jsonl");
        assertEquals(1, run("data", "validate", "--data", typo.toString()));
        String e = err.toString();
        assertTrue(e.contains("--data " + typo + " does not exist"), e);
        assertTrue(e.contains("--data takes a dataset folder (with routing.jsonl or routing.csv"), e);
        assertTrue(e.contains("holds: models.json, routing.jsonl"), "lists the parent folder: " + e);
        assertFalse(e.contains("--lenient"), "no row hint for a missing path: " + e);

        Path deep = dir.resolve("no/such/folder");
        assertEquals(1, run("data", "stats", "--data", deep.toString()));
        assertTrue(err.toString().contains(dir.resolve("no/such") + " does not exist either; " + dir + " holds:"), err.toString());

        assertEquals(1, run("data", "validate", "--data", dir.toString(), "--models", dir.resolve("prices.json").toString()));
        assertTrue(err.toString().contains("--models " + dir.resolve("prices.json") + " does not exist"), err.toString());
    }

    @Test
    void aFolderWithoutDataListsItsFiles() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "x");
        assertEquals(1, run("data", "validate", "--data", empty.toString()));
        String e = err.toString();
        assertTrue(e.contains("the folder holds no routing.jsonl, routing.csv"), e);
        assertTrue(e.contains(empty + " holds: notes.txt"), e);
        assertFalse(e.contains("--lenient"), e);
    }

    @Test
    void missingBundleAndInputFilesSaySoAndWhatIsThere() throws Exception {
        Files.writeString(dir.resolve("router.frb"), "");
        Path bundle = dir.resolve("ruoter.frb");
        assertEquals(1, run("route", "--bundle", bundle.toString(), "--prompt", "hi"));
        assertTrue(err.toString().contains("no bundle at " + bundle + ": it does not exist"), err.toString());
        assertTrue(err.toString().contains(dir + " holds: router.frb"), err.toString());

        Path input = dir.resolve("prompts.jsonl");
        assertEquals(1, run("route", "--bundle", BundleCliTest.GOLDEN.toString(), "--input", input.toString()));
        assertTrue(err.toString().contains("--input " + input + " does not exist"), err.toString());
        assertTrue(err.toString().contains("--input takes a JSON-lines file of prompts"), err.toString());
    }

    @Test
    void anUnreadableFileGetsAPermissionHint() throws Exception {
        Path data = dataset("{\"a\":1,\"b\":1}");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(data), "running as root: every file is readable, so this cannot be shown in-process");
            assertEquals(1, run("data", "validate", "--data", dir.toString()));
            String e = err.toString();
            assertTrue(e.contains(data + ": cannot be read: permission denied"), e);
            assertTrue(e.contains("needs read permission on " + data), e);
            assertFalse(e.contains("--lenient"), e);
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aRefusedReadIsToldApartFromOtherFailures() {
        Path f = dir.resolve("routing.jsonl");
        DataFormatException denied = DataFormatException.cannotRead(f, new AccessDeniedException(f.toString()));
        assertEquals(f + ": cannot be read: permission denied", denied.getMessage());
        assertTrue(denied.hint().contains("needs read permission on " + f), denied.hint());
        DataFormatException broken = DataFormatException.cannotRead(f, new java.io.IOException("Input/output error"));
        assertTrue(broken.getMessage().endsWith("cannot read: Input/output error"), broken.getMessage());
        assertFalse(broken.hint().contains("permission"), broken.hint());
    }

    @Test
    void aMalformedRowNamesFileLineAndFieldAndOffersLenient() throws Exception {
        Path data = dataset("{\"a\":1.5,\"b\":0}");
        assertEquals(1, run("data", "validate", "--data", dir.toString()));
        String e = err.toString();
        assertTrue(e.contains(data + ":2: field 'scores.a': score 1.5 is outside [0,1]"), e);
        assertTrue(e.contains("hint: fix the line, or pass --lenient to skip bad rows"), e);
        assertEquals(0, run("data", "validate", "--data", dir.toString(), "--lenient"), err.toString());
        assertTrue(err.toString().contains("skipped 1 of 3 rows"), err.toString());
    }

    @Test
    void aBadModelsEntryIsNotOfferedLenient() throws Exception {
        dataset("{\"a\":1,\"b\":1}");
        Files.writeString(dir.resolve("models.json"), "[{\"name\":\"a\",\"costPerQuery\":0.01},\n{\"name\":\"b\",\"costPerQuery\":\"cheap\"}]");
        assertEquals(1, run("data", "validate", "--data", dir.toString()));
        String e = err.toString();
        assertTrue(e.contains("models.json:2: field '[1].costPerQuery'"), e);
        assertTrue(e.contains("hint: fix the entry in models.json (--lenient skips bad data rows, not models.json entries"), e);
    }

    @Test
    void aBadOptionValueSaysWhatTheOptionTakes() {
        Path golden = BundleCliTest.GOLDEN;
        assertEquals(2, run("route", "--bundle", golden.toString(), "--prompt", "x", "--alpha", "abc"));
        String e = err.toString();
        assertTrue(e.contains("Invalid value for option '--alpha': 'abc' is not a double"), e);
        assertTrue(e.contains("hint: --alpha takes A: weight of the prompt-specific prediction, a number in [0,1]"), e);
        assertTrue(e.contains("hint: see 'finerouter route --help'"), e);

        assertEquals(2, run("train", "--device", "tpu"));
        assertTrue(err.toString().contains("expected one of [AUTO, CPU, GPU]"), err.toString());
        assertTrue(err.toString().contains("hint: --device takes"), err.toString());

        assertEquals(1, run("route", "--bundle", golden.toString(), "--prompt", "x", "--tolerance", "3"));
        assertTrue(err.toString().contains("tolerance must be in [0,1], was 3.0"), err.toString());
        assertTrue(err.toString().contains("--tolerance"), err.toString());

        assertEquals(2, run("route", "--bundle", golden.toString(), "--prompt", "x", "--alhpa", "0.5"));
        assertFalse(err.toString().contains(" takes "), "an unknown option gets only the help hint: " + err);
    }
}

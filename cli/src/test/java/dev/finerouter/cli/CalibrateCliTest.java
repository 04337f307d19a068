package dev.finerouter.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleMetadata;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.route.RoutingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code finerouter calibrate} end to end: the golden router re-exported as if trained on a 12-prompt dataset written
 * here (its fingerprint and kept splits, 4 train / 4 dev / 4 test), with the test encoder.
 */
class CalibrateCliTest {
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/golden-bundle/bundle");
    private static final String[] TEXTS = {"Solve for x: 4 x + 9 = 21", "Write a Python function that reverses a list",
            "Write a short poem about rain", "Compute 17 * 3 and explain"};

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

    /** Writes the dataset (scores: model 0 best, then 3, 2, 1) and a bundle of the golden router trained "on it". */
    private Path bundleOnData(Path data) throws Exception {
        return bundleOnData(data, RoutingPolicy.PAPER);
    }

    /** As {@link #bundleOnData(Path)}, with {@code policy} as the bundle's default. */
    private Path bundleOnData(Path data, RoutingPolicy policy) throws Exception {
        RouterBundle golden = BundleReader.read(GOLDEN);
        List<String> names = golden.router().pool().names();
        List<String> lines = new ArrayList<>();
        String[] splits = {"train", "dev", "test"};
        for (int s = 0; s < splits.length; s++) {
            for (int i = 0; i < TEXTS.length; i++) {
                lines.add(String.format("{\"id\": \"p%d%d\", \"prompt\": \"%s (%s)\", \"task\": \"t\", \"scores\": {\"%s\": 0.9, "
                        + "\"%s\": 0.3, \"%s\": 0.5, \"%s\": 0.7}, \"split\": \"%s\"}", s, i, TEXTS[i], splits[s], names.get(0),
                        names.get(1), names.get(2), names.get(3), splits[s]));
            }
        }
        Files.write(data, lines);
        String fingerprint = DatasetLoader.load(data, ImportOptions.STRICT).dataset().fingerprint();
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        ObjectNode split = hp.putObject("pipeline").putObject("split");
        split.put("seed", 42).put("train", 0.8).put("dev", 0.1).put("test", 0.1).put("resplit", false);
        Path bundle = dir.resolve("router.frb");
        BundleWriter.write(golden.router(), new BundleMetadata(Instant.parse("2026-01-01T00:00:00Z"), 7,
                new BundleManifest.DataInfo("tiny", fingerprint), "offline-test", null, policy, hp, List.of()), bundle);
        return bundle;
    }

    @Test
    void calibratesToAQualityFloorAndWritesACopyBesideTheInput() throws Exception {
        Path data = dir.resolve("routing.jsonl");
        Path bundle = bundleOnData(data);
        assertEquals(0, run("calibrate", "--bundle", bundle.toString(), "--data", data.toString(), "--min-quality", "0.3"),
                err.toString());
        String s = out.toString();
        assertTrue(s.contains("target: Qual at least 0.3000"), s);
        assertTrue(s.contains("dev: met"), s);
        assertTrue(s.contains("chosen on 4 dev prompts"), s);
        Path calibrated = dir.resolve("router-calibrated.frb");
        RouterBundle back = BundleReader.read(calibrated);
        assertNotNull(back.manifest().calibration());
        assertEquals("min-quality", back.manifest().calibration().target());
        assertEquals(4, back.manifest().calibration().dev().prompts());
        assertEquals(4, back.manifest().calibration().test().prompts());
        assertTrue(back.manifest().calibration().dev().qual() >= 0.3);
        assertTrue(Files.exists(bundle) && BundleReader.read(bundle).manifest().calibration() == null, "the input is untouched");
    }

    @Test
    void printsNumbersRoundedForPeople() throws Exception {
        Path data = dir.resolve("routing.jsonl");
        Path bundle = bundleOnData(data, new RoutingPolicy(RoutingPolicy.PAPER.alpha(), RoutingPolicy.PAPER.tolerance(), 0.1 + 0.2));
        assertEquals(0, run("calibrate", "--bundle", bundle.toString(), "--data", data.toString(), "--max-cost-per-1k", "1500"), err.toString());
        String s = out.toString();
        assertTrue(s.contains("target: at most 1500 per 1,000 prompts"), s);
        assertTrue(s.contains("max cost per call 0.3 "), s);
        BundleCliTest.assertNoRawDoubles(s);
    }

    @Test
    void cacheDirReusesEmbeddingsAndGivesTheSameSetting() throws Exception {
        Path data = dir.resolve("routing.jsonl");
        Path bundle = bundleOnData(data);
        String[] args = {"calibrate", "--bundle", bundle.toString(), "--data", data.toString(), "--max-share",
                BundleReader.read(bundle).router().pool().names().get(0) + "=0.5", "--cache-dir", dir.resolve("cache").toString(),
                "--out", dir.resolve("a.frb").toString()};
        assertEquals(0, run(args), err.toString());
        assertTrue(Files.isDirectory(dir.resolve("cache").resolve("embeddings")));
        args[args.length - 1] = dir.resolve("b.frb").toString();
        assertEquals(0, run(args), err.toString());
        assertEquals(BundleReader.read(dir.resolve("a.frb")).defaultPolicy(), BundleReader.read(dir.resolve("b.frb")).defaultPolicy());
    }

    @Test
    void unreachableTargetExitsOneAndWritesNothing() throws Exception {
        Path data = dir.resolve("routing.jsonl");
        Path bundle = bundleOnData(data);
        // no model scores above 0.9: Qual 0.95 is out of reach
        assertEquals(1, run("calibrate", "--bundle", bundle.toString(), "--data", data.toString(), "--min-quality", "0.95"));
        assertTrue(err.toString().contains("cannot be met on dev"), err.toString());
        assertTrue(out.toString().contains("dev"), "the closest setting is still printed");
        assertFalse(Files.exists(dir.resolve("router-calibrated.frb")));
    }

    @Test
    void refusesDataWithAnotherFingerprint() throws Exception {
        Path data = dir.resolve("routing.jsonl");
        Path bundle = bundleOnData(data);
        Files.writeString(data, Files.readString(data).replace("0.9", "0.8"));
        assertEquals(1, run("calibrate", "--bundle", bundle.toString(), "--data", data.toString(), "--min-quality", "0.3"));
        assertTrue(err.toString().contains("is not the one"), err.toString());
    }

    @Test
    void refusesToOverwriteTheInputWithoutInPlace() throws Exception {
        Path data = dir.resolve("routing.jsonl");
        Path bundle = bundleOnData(data);
        assertEquals(1, run("calibrate", "--bundle", bundle.toString(), "--data", data.toString(), "--min-quality", "0.3",
                "--out", bundle.toString()));
        assertTrue(err.toString().contains("refusing to overwrite"), err.toString());
    }

    @Test
    void unknownModelInMaxShareIsNamed() throws Exception {
        Path data = dir.resolve("routing.jsonl");
        Path bundle = bundleOnData(data);
        assertEquals(1, run("calibrate", "--bundle", bundle.toString(), "--data", data.toString(), "--max-share", "nope=0.2"));
        assertTrue(err.toString().contains("no model 'nope'"), err.toString());
    }

    @Test
    void exactlyOneGoalIsRequired() {
        assertEquals(2, run("calibrate", "--bundle", GOLDEN.toString()));
        assertEquals(2, run("calibrate", "--bundle", GOLDEN.toString(), "--min-quality", "0.5", "--max-cost-per-1k", "1"));
    }

    @Test
    void defaultDestinationIsBesideTheInput() {
        assertEquals(Path.of("/a/b/r-calibrated.frb"), CalibrateCommand.defaultDestination(Path.of("/a/b/r.frb")));
        assertEquals(Path.of("/a/b/r-calibrated"), CalibrateCommand.defaultDestination(Path.of("/a/b/r")));
    }
}

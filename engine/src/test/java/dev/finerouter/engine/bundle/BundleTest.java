package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checked-in golden bundle, round trips, and refusal of damaged bundles. */
class BundleTest {
    static final Path GOLDEN = GoldenBundle.DIR.resolve("bundle");
    private static RouterBundle golden;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        golden = BundleReader.read(GOLDEN);
    }

    @Test
    void goldenBundleVerifiesAndRoutesAsPinned() throws Exception {
        BundleManifest m = golden.manifest();
        assertEquals(BundleManifest.FORMAT_VERSION, m.formatVersion());
        assertEquals(TrigramEmbedder.ID, m.encoder().id());
        assertEquals(List.of("mathstral", "coder-xl", "bard-mini", "generalist"), golden.router().pool().names());
        assertEquals(3, golden.router().tasks().size());
        JsonNode expected = BundleJson.MAPPER.readTree(GoldenBundle.DIR.resolve("expected-decisions.json").toFile());
        int checked = 0;
        for (JsonNode p : expected.path("probes")) {
            float[] e = new float[TrigramEmbedder.DIM];
            for (int k = 0; k < e.length; k++) {
                e[k] = p.path("embedding").get(k).floatValue();
            }
            RoutingPolicy policy = new RoutingPolicy(p.path("alpha").asDouble(), p.path("tolerance").asDouble(),
                    p.has("maxCost") ? p.path("maxCost").asDouble() : null);
            PromptDecision d = golden.router().route(e, List.of(p.path("text").asText()), policy).get(0);
            assertEquals(p.path("model").asText(), golden.router().pool().get(d.decision().chosenModel()).name(), p.toString());
            assertEquals(p.path("task").asInt(), d.decision().task(), p.toString());
            checked++;
        }
        assertEquals(15, checked);
    }

    @Test
    void directoryRoundTripKeepsTheRouterAndIsDeterministic() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), a);
        BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), b);
        for (String f : List.of("tasks.json", "others.json", "classifier/classifier.params", "estimator/estimator.params", "manifest.json")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
            assertArrayEquals(Files.readAllBytes(GOLDEN.resolve(f)), Files.readAllBytes(a.resolve(f)), "golden " + f);
        }
        assertSameRouting(golden.router(), BundleReader.read(a).router());
        // rewriting over an existing bundle replaces it atomically
        BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), a);
        assertEquals(golden.manifest(), BundleReader.read(a).manifest());
        try (var s = Files.list(tmp)) {
            assertEquals(2, s.count(), "no temporaries left behind");
        }
    }

    @Test
    void zipRoundTrip() throws Exception {
        Path z = tmp.resolve("router.frb");
        BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), z);
        assertTrue(Files.isRegularFile(z));
        RouterBundle back = BundleReader.read(z);
        assertEquals(golden.manifest(), back.manifest());
        assertSameRouting(golden.router(), back.router());
        Path z2 = tmp.resolve("again.frb");
        BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), z2);
        assertArrayEquals(Files.readAllBytes(z), Files.readAllBytes(z2), "zip bytes are deterministic");
        // raw floats are stored (deflate gains < 10% on them and dominated the export of large bundles), JSON deflated
        int stored = 0;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(z.toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                boolean floats = e.getName().endsWith(".params") || e.getName().endsWith(".f32");
                assertEquals(floats ? java.util.zip.ZipEntry.STORED : java.util.zip.ZipEntry.DEFLATED, e.getMethod(), e.getName());
                stored += floats ? 1 : 0;
            }
        }
        assertTrue(stored >= 2, "the classifier's and the estimator's weights at least: " + stored);
    }

    @Test
    void tamperedFileIsRefusedByName() throws Exception {
        Path a = copyGolden();
        Path tasks = a.resolve("tasks.json");
        Files.writeString(tasks, Files.readString(tasks).replace("Write short poems", "Write long poems"));
        EngineException e = assertThrows(EngineException.class, () -> BundleReader.read(a));
        assertTrue(e.getMessage().startsWith("tasks.json in "), e.getMessage());
        assertTrue(e.getMessage().contains("modified or is corrupt"), e.getMessage());

        Path b = copyGolden();
        byte[] params = Files.readAllBytes(b.resolve("estimator/estimator.params"));
        params[params.length / 2] ^= 1;
        Files.write(b.resolve("estimator/estimator.params"), params);
        e = assertThrows(EngineException.class, () -> BundleReader.read(b));
        assertTrue(e.getMessage().startsWith("estimator/estimator.params in "), e.getMessage());

        Path c = copyGolden();
        Files.delete(c.resolve("others.json"));
        e = assertThrows(EngineException.class, () -> BundleReader.read(c));
        assertTrue(e.getMessage().startsWith("others.json is missing"), e.getMessage());

        Path d = copyGolden();
        Files.writeString(d.resolve("extra.txt"), "x");
        e = assertThrows(EngineException.class, () -> BundleReader.read(d));
        assertTrue(e.getMessage().startsWith("extra.txt in "), e.getMessage());
    }

    @Test
    void truncatedZipIsRefusedClearly() throws Exception {
        Path z = tmp.resolve("router.frb");
        BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), z);
        byte[] all = Files.readAllBytes(z);
        Path cut = tmp.resolve("cut.frb");
        Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
        EngineException e = assertThrows(EngineException.class, () -> BundleReader.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("cut.frb"), e.getMessage());
        assertTrue(e.hint() != null);
    }

    @Test
    void otherFormatVersionsAreRefused() throws Exception {
        Path a = copyGolden();
        ObjectNode m = (ObjectNode) BundleJson.MAPPER.readTree(a.resolve("manifest.json").toFile());
        m.put("formatVersion", 2);
        Files.write(a.resolve("manifest.json"), BundleJson.bytes(m));
        EngineException e = assertThrows(EngineException.class, () -> BundleReader.read(a));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
        assertEquals("upgrade FineRouter to open it", e.hint());

        m.put("formatVersion", 0);
        Files.write(a.resolve("manifest.json"), BundleJson.bytes(m));
        e = assertThrows(EngineException.class, () -> BundleReader.read(a));
        assertTrue(e.getMessage().contains("format version 0"), e.getMessage());

        Files.delete(a.resolve("manifest.json"));
        e = assertThrows(EngineException.class, () -> BundleReader.read(a));
        assertTrue(e.getMessage().contains("has no manifest.json"), e.getMessage());
        e = assertThrows(EngineException.class, () -> BundleReader.read(tmp.resolve("nothing-here")));
        assertTrue(e.getMessage().startsWith("no bundle at"), e.getMessage());
    }

    @Test
    void refusesToOverwriteSomethingElse() throws Exception {
        Path other = tmp.resolve("photos");
        Files.createDirectories(other);
        Files.writeString(other.resolve("cat.jpg"), "meow");
        EngineException e = assertThrows(EngineException.class,
                () -> BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), other));
        assertTrue(e.getMessage().contains("is not a router bundle"), e.getMessage());
        assertEquals("meow", Files.readString(other.resolve("cat.jpg"), StandardCharsets.UTF_8));
    }

    private Path copyGolden() throws Exception {
        Path out = Files.createTempDirectory(tmp, "copy");
        for (Map.Entry<String, Path> f : BundleWriter.listFiles(GOLDEN).entrySet()) {
            Path t = out.resolve(f.getKey());
            Files.createDirectories(t.getParent());
            Files.copy(f.getValue(), t);
        }
        assertFalse(BundleReader.read(out).router().tasks().isEmpty());
        return out;
    }

    static void assertSameRouting(TrainedRouter a, TrainedRouter b) throws Exception {
        float[] e = TrigramEmbedder.vectors(GoldenBundle.PROBES);
        for (RoutingPolicy p : GoldenBundle.POLICIES) {
            List<PromptDecision> x = a.route(e, GoldenBundle.PROBES, p);
            List<PromptDecision> y = b.route(e, GoldenBundle.PROBES, p);
            assertEquals(x, y);
        }
    }

    @Test
    void taskCentersComeBackInTaskOrderAndAreAbsentWhenNotWritten(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assertEquals(Arrays.asList(null, null, null), BundleReader.taskCenters(GOLDEN), "the golden bundle stores no centers");
        BundleMetadata plain = GoldenBundle.metadata(golden.router());
        List<BundleMetadata.TaskDetail> details = List.of(new BundleMetadata.TaskDetail(new float[]{1, 0}, null),
                new BundleMetadata.TaskDetail(new float[]{0, 1}, null), new BundleMetadata.TaskDetail(null, null));
        BundleMetadata withCenters = new BundleMetadata(plain.createdAt(), plain.seed(), plain.data(), plain.describerId(), plain.embedder(),
                plain.defaultPolicy(), plain.hyperparameters(), details);
        Path out = tmp.resolve("centers.frb");
        BundleWriter.write(golden.router(), withCenters, out);
        List<float[]> centers = BundleReader.taskCenters(out);
        assertEquals(3, centers.size());
        assertArrayEquals(new float[]{1, 0}, centers.get(0));
        assertArrayEquals(new float[]{0, 1}, centers.get(1));
        assertNull(centers.get(2));
    }
}

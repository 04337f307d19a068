package dev.finerouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.service.EncoderResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter bundle inspect|verify|diff} and {@code finerouter route} on the golden bundle. */
class BundleCliTest {
    static final Path GOLDEN = Path.of("../engine/src/test/resources/golden-bundle/bundle");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** The commands open the trigram test encoder instead of the bundle's (passed to each run, no global). */
    private EncoderOpener encoders = (encoder, override) -> new TrigramEmbedder();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err), encoders);
    }

    @Test
    void inspectPrintsManifestAndTasks() {
        assertEquals(0, run("bundle", "inspect", GOLDEN.toString()), err.toString());
        String s = out.toString();
        System.out.println(s);
        assertTrue(s.contains("format finerouter-bundle v1"), s);
        assertTrue(s.contains("encoder: test-trigram-8 (custom, 8-d)"), s);
        assertTrue(s.contains("Write short poems"), s);
        assertTrue(s.contains("bard-mini"), s);
    }

    @Test
    void inspectShowsTheStage1SettingsTheLevelChosenOnDevAndTheRule() throws Exception {
        com.fasterxml.jackson.databind.JsonNode h = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"pipeline": {"stage1": {"k": 5, "tau": 0.4, "levels": 2, "delta": 0.8, "minTaskSize": 5, "leidenResolution": 1.0}},
                 "routingRule": {"preset": "robust", "k": 50, "beta": 1.0, "alpha": 0.25, "guardedTasks": 1,
                   "levelSearch": [{"levels": 1, "qual": 0.7042}, {"levels": 2, "qual": 0.7058, "chosen": true}]}}""");
        StringWriter w = new StringWriter();
        BundleCommand.Inspect.settings(new PrintWriter(w, true), h);
        assertEquals("stage 1: k 5, τ 0.4, ℓ 2 (chosen on dev + left-out training prompts, Qual by ℓ 1: 70.42, 2: 70.58), δ 0.8, "
                + "min task size 5, resolution 1.0\nrouting rule: robust, k 50, β 1.0, α 0.25 (chosen on dev), 1 task(s) guarded\n",
                w.toString().replace(System.lineSeparator(), "\n"));
        StringWriter none = new StringWriter();
        BundleCommand.Inspect.settings(new PrintWriter(none, true), new com.fasterxml.jackson.databind.ObjectMapper().readTree("{}"));
        assertEquals("", none.toString(), "a manifest without settings (the golden bundle's) prints neither line");
    }

    @Test
    void inspectRoundsNumbersForPeople() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        dev.finerouter.engine.bundle.BundleMetadata m = metadata(g);
        Path budget = dir.resolve("budget");
        BundleWriter.write(g.router(), new dev.finerouter.engine.bundle.BundleMetadata(m.createdAt(), m.seed(), m.data(), m.describerId(), null,
                new dev.finerouter.engine.route.RoutingPolicy(0.5, 0.0, 0.1 + 0.2), m.hyperparameters(), List.of()), budget);
        assertEquals(0, run("bundle", "inspect", budget.toString()), err.toString());
        String s = out.toString();
        assertTrue(s.contains("budget 0.3/call"), s);
        assertTrue(s.matches("(?s).*\\nmathstral +0\\.002 .*"), "prices as configured, 0.002 rather than 0.002000: " + s);
        assertNoRawDoubles(s);
    }

    /**
     * Fails on a number printed as a raw double: in exponent notation ({@code 1.5749999999999998E-4}) or with more than
     * 8 significant digits ({@code 0.30000000000000004}). Parts of timestamps and identifiers are not numbers.
     */
    static void assertNoRawDoubles(String text) {
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("(?<![\\w:.])-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?(?![\\w.])").matcher(text);
        while (n.find()) {
            String v = n.group();
            assertFalse(v.contains("e") || v.contains("E"), "exponent notation: " + v + " in\n" + text);
            String digits = v.replace("-", "").replace(".", "").replaceFirst("^0+", "");
            assertTrue(digits.length() <= 8, "more than 8 significant digits: " + v + " in\n" + text);
        }
    }

    @Test
    void verifyExitsZeroWhenIntactAndOneWhenTampered() throws Exception {
        Path frb = dir.resolve("r.frb");
        RouterBundle g = BundleReader.read(GOLDEN);
        BundleWriter.write(g.router(), metadata(g), frb);
        assertEquals(0, run("bundle", "verify", frb.toString()), err.toString());
        assertTrue(out.toString().startsWith("OK " + frb), out.toString());
        byte[] b = Files.readAllBytes(frb);
        Files.write(frb, java.util.Arrays.copyOf(b, b.length - 30));
        assertEquals(1, run("bundle", "verify", frb.toString()));
        assertTrue(err.toString().startsWith("finerouter: " + frb), err.toString());
    }

    @Test
    void diffShowsSettingsTasksCandidatesAndAgreement() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        Path other = dir.resolve("other");
        dev.finerouter.engine.bundle.BundleMetadata m = metadata(g);
        BundleWriter.write(g.router(), new dev.finerouter.engine.bundle.BundleMetadata(m.createdAt(), 8, m.data(), m.describerId(), null,
                new dev.finerouter.engine.route.RoutingPolicy(0.5, 1.0, null), m.hyperparameters(), List.of()), other);
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), "{\"id\":\"a\",\"prompt\":\"What is the capital of France?\"}\n\"Solve for x: 2 x + 1 = 5\"\n");
        assertEquals(0, run("bundle", "diff", GOLDEN.toString(), other.toString(), "--prompts", prompts.toString()), err.toString());
        String s = out.toString();
        System.out.println(s);
        assertTrue(s.matches("(?s).*seed\\s+7\\s+8.*"), s);
        assertTrue(s.matches("(?s).*defaultPolicy.tolerance\\s+0.0\\s+1.0.*"), s);
        assertTrue(s.contains("0 added, 0 removed, 0 with other candidates"), s);
        assertTrue(s.contains("routing agreement on 2 prompts"), s);
        assertEquals(0, run("bundle", "diff", GOLDEN.toString(), other.toString()));
        assertTrue(out.toString().contains("routing agreement: skipped"), out.toString());
    }

    @Test
    void routeOnePromptWithExplanation() throws Exception {
        assertEquals(0, run("route", "--bundle", GOLDEN.toString(), "--prompt", "Write a short poem about the sea", "--explain"), err.toString());
        JsonNode n = JSON.readTree(out.toString());
        assertEquals("bard-mini", n.path("model").asText(), n.toString());
        assertEquals(2, n.path("task").asInt());
        assertEquals("Write short poems", n.path("taskSummary").asText());
        assertTrue(n.path("cost").isNumber());
        JsonNode e = n.path("explanation");
        assertEquals(3, e.path("compared").size(), e.toString());
        assertTrue(e.path("reason").isTextual());
        assertTrue(e.path("taskProbability").isNumber());
        assertTrue(e.path("compared").get(0).has("predicted") && e.path("compared").get(0).has("taskMedian") && e.path("compared").get(0).has("final"));
    }

    @Test
    void routeFileStreamsOneLinePerPromptWithProgress() throws Exception {
        String lines = IntStream.range(0, 600).mapToObj(i -> i % 2 == 0 ? "{\"id\":\"p" + i + "\",\"prompt\":\"Write a short poem about " + i + "\"}"
                : JSON.valueToTree("Solve for x: " + i + " x + 1 = 3").toString()).collect(Collectors.joining("\n", "", "\n\n"));
        Path in = Files.writeString(dir.resolve("in.jsonl"), lines);
        Path outFile = dir.resolve("routes.jsonl");
        assertEquals(0, run("route", "--bundle", GOLDEN.toString(), "--input", in.toString(), "--output", outFile.toString(), "--tolerance", "1"),
                err.toString());
        List<String> routed = Files.readAllLines(outFile);
        assertEquals(600, routed.size());
        assertEquals("p0", JSON.readTree(routed.get(0)).path("id").asText());
        assertEquals(2, JSON.readTree(routed.get(1)).path("id").asInt(), "plain strings get their line number");
        assertTrue(err.toString().contains("prompts routed"), err.toString());
    }

    @Test
    void routeWithACacheFolderRoutesTheSameAndEmbedsEachPromptOnce() throws Exception {
        String lines = IntStream.range(0, 50).mapToObj(i -> "{\"id\":\"p" + i + "\",\"prompt\":\"Write a short poem about " + i + "\"}")
                .collect(Collectors.joining("\n", "", "\n"));
        Path in = Files.writeString(dir.resolve("cache-in.jsonl"), lines);
        Path plain = dir.resolve("plain.jsonl");
        assertEquals(0, run("route", "--bundle", GOLDEN.toString(), "--input", in.toString(), "--output", plain.toString()), err.toString());
        Path cache = dir.resolve("route-cache");
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        assertEquals(0, run("route", "--bundle", GOLDEN.toString(), "--input", in.toString(), "--output", first.toString(),
                "--cache-dir", cache.toString()), err.toString());
        assertEquals(50, cachedTexts(cache), "each prompt embedded once and kept");
        assertEquals(0, run("route", "--bundle", GOLDEN.toString(), "--input", in.toString(), "--output", second.toString(),
                "--cache-dir", cache.toString()), err.toString());
        assertEquals(50, cachedTexts(cache), "the second run found them all");
        assertEquals(Files.readAllLines(plain), Files.readAllLines(first), "the cache changes no route");
        assertEquals(Files.readAllLines(plain), Files.readAllLines(second));
    }

    private static int cachedTexts(Path cache) throws Exception {
        var encoder = BundleReader.read(GOLDEN).manifest().encoder();
        try (var c = dev.finerouter.engine.embed.EmbeddingCache.open(cache.resolve("embeddings"), encoder.id(), encoder.dimension(),
                dev.finerouter.engine.embed.EmbeddingCache.Recovery.FAIL)) {
            return c.size();
        }
    }

    @Test
    void routeBadLineNamesTheLine() throws Exception {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":1,\"prompt\":\"ok\"}\n{\"id\":2}\n");
        assertEquals(1, run("route", "--bundle", GOLDEN.toString(), "--input", in.toString()));
        assertTrue(err.toString().contains("in.jsonl line 2 needs"), err.toString());
        assertEquals(2, run("route", "--bundle", GOLDEN.toString()), "--prompt or --input is required");
        assertEquals(1, run("route", "--bundle", GOLDEN.toString(), "--prompt", "x", "--alpha", "3"));
    }

    @Test
    void routeRefusesAnEncoderWithAnotherId() {
        encoders = (encoder, override) -> new TrigramEmbedder("other-encoder");
        assertEquals(1, run("route", "--bundle", GOLDEN.toString(), "--prompt", "x"));
        assertTrue(err.toString().contains("is not the one"), err.toString());
    }

    @Test
    void bundledMiniLmWithAnotherIdIsRefused() {
        BundleManifest.EncoderInfo info = new BundleManifest.EncoderInfo("all-minilm-l6-v2@sha256:0000", BundleManifest.EncoderInfo.BUNDLED_MINILM,
                null, 384, 8);
        EngineException e = assertThrows(EngineException.class, () -> EncoderResolver.open(info, null));
        assertTrue(e.getMessage().contains("but the bundle was trained with all-minilm-l6-v2@sha256:0000"), e.getMessage());
        BundleManifest.EncoderInfo custom = new BundleManifest.EncoderInfo("x", BundleManifest.EncoderInfo.CUSTOM, null, 8, 8);
        e = assertThrows(EngineException.class, () -> EncoderResolver.open(custom, null));
        assertTrue(e.getMessage().contains("not one FineRouter can open"), e.getMessage());
    }

    static dev.finerouter.engine.bundle.BundleMetadata metadata(RouterBundle g) {
        BundleManifest m = g.manifest();
        return new dev.finerouter.engine.bundle.BundleMetadata(java.time.Instant.parse(m.createdAt()), m.seed(), m.data(), m.describerId(), null,
                m.defaultPolicy(), m.hyperparameters(), List.of());
    }
}

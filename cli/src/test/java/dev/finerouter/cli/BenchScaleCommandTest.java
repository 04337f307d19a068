package dev.finerouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code finerouter bench scale} on a tiny size: generates the data, runs every stage of {@code train --levels 1} (each
 * pipeline stage is recorded only when the engine's pipeline reports it), writes the JSON and prints the table.
 */
class BenchScaleCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryStageOfTrainOnGeneratedDataAndReportsThem() throws Exception {
        Path work = dir.resolve("work");
        Path json = dir.resolve("scale.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(new String[] {"bench", "scale", "--prompts", "200", "--epochs", "1", "--encoder", "minilm-int8",
            "--device", "cpu", "--work", work.toString(), "--out", json.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());

        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertEquals(200, r.get("prompts").asInt());
        assertEquals(11, r.get("models").asInt(), "the default pool is the paper's 11 models");
        assertEquals(1, r.get("levels").asInt(), "ℓ defaults to 1 here, as in the README's train --levels 1");
        assertEquals(1, r.get("epochs").asInt());
        assertEquals("minilm-int8", r.get("encoder").asText());
        assertTrue(r.get("pipeline").get("embedder").get("int8").asBoolean());
        assertTrue(r.get("availableProcessors").asInt() >= 1);
        for (String load : new String[] {"loadAverageStart", "loadAverageEnd", "loadAverageMean", "loadAverageMax"}) {
            assertTrue(r.get(load).isNumber(), load + " in " + r);
        }
        assertTrue(r.get("loadAverageMax").asDouble() >= r.get("loadAverageMean").asDouble(), r.toString());
        assertFalse(r.get("javaVersion").asText().isBlank());
        assertTrue(r.get("baseline").get("what").asText().startsWith("generating the dataset in memory"), r.get("baseline").toString());
        assertTrue(r.get("baseline").get("millis").asLong() >= 0);
        assertFalse(r.get("data").get("reused").asBoolean());
        assertTrue(r.get("data").get("generator").asText().endsWith("seed=42 prompts=200 missingRate=0.01 noise=0.4 difficultySpread=0.9 models=11"),
                r.get("data").toString());
        assertEquals("fresh (deleted after the run)", r.get("cache").asText());

        List<String> stages = new ArrayList<>();
        r.get("stages").forEach(s -> stages.add(s.get("stage").asText()));
        assertEquals(List.of("generate data", "load data", "split", "describe", "embed", "kNN + RBO", "cluster", "summarize", "embed prompts",
                "classifier", "estimator", "routing rule", "test split: single models + oracle", "reports", "bundle export"), stages);
        r.get("stages").forEach(s -> assertTrue(s.get("millis").asLong() >= 0 && s.get("peakHeapBytes").asLong() > 0, s.toString()));
        int train = r.get("trainPrompts").asInt();
        int dev = r.get("devPrompts").asInt();
        int test = r.get("testPrompts").asInt();
        assertEquals(200, train + dev + test);
        assertTrue(train >= 150 && dev > 0 && test > 0, r.toString());
        JsonNode describe = stage(r, "describe");
        assertEquals(train, describe.get("texts").asInt());
        JsonNode embed = stage(r, "embed");
        assertEquals(train, embed.get("texts").asInt());
        assertEquals(r.get("distinctDescriptions").asInt(), embed.get("distinctTexts").asInt());
        assertTrue(embed.get("distinctTexts").asInt() >= 1 && embed.get("distinctTexts").asInt() <= train);
        assertEquals(200, stage(r, "embed prompts").get("texts").asInt());
        assertEquals(train, stage(r, "estimator").get("texts").asInt());
        assertEquals(test, stage(r, "test split: single models + oracle").get("texts").asInt());
        assertTrue(r.get("tasks").asInt() >= 1);
        assertTrue(r.get("rule").asText().startsWith("robust rule: k = "), r.get("rule").asText());
        assertEquals(4L * train * (384 + 11), r.get("routerMemoryBytes").asLong());
        assertTrue(r.get("peakHeapBytes").asLong() > 0 && r.get("peakHeapBytes").asLong() <= r.get("maxHeapBytes").asLong());
        long sum = 0;
        for (JsonNode s : r.get("stages")) {
            sum += s.get("millis").asLong();
        }
        assertTrue(sum <= r.get("totalMillis").asLong() + 15, sum + " ms of stages in " + r.get("totalMillis") + " ms");

        Path bundle = Path.of(r.get("bundle").asText());
        assertEquals(work.resolve("run/router.frb"), bundle);
        assertEquals(Files.size(bundle), r.get("bundleBytes").asLong());
        assertEquals(0, FineRouterCli.run(new String[] {"bundle", "verify", bundle.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())), "the exported bundle verifies");
        assertTrue(Files.isRegularFile(work.resolve("run/evaluation.json")) && Files.isRegularFile(work.resolve("run/tasks.json")));
        try (var left = Files.list(work)) {
            assertEquals(List.of("data", "run"), left.map(p -> p.getFileName().toString()).sorted().toList(), "the fresh cache is deleted");
        }

        String text = out.toString();
        assertTrue(text.startsWith("scale benchmark: 200 prompts × 11 models (seed 42), ℓ = 1, epochs 1, encoder minilm-int8; "), text);
        for (String stage : new String[] {"embed prompts", "classifier", "estimator", "routing rule", "bundle export"}) {
            assertTrue(err.toString().lines().anyMatch(l -> l.startsWith(stage + " ") && l.contains(" s   peak heap ")),
                    "each stage is logged as it finishes, with its peak heap: " + stage + " in\n" + err);
        }
        assertTrue(text.contains("data: generated " + work.resolve("data/seed42-200x11")), text);
        for (String row : new String[] {"\nstage ", "\nembed prompts ", "\nestimator ", "\nrouting rule ", "\nbundle export ", "\ntotal ",
            "\nbaseline: ", "peak heap"}) {
            assertTrue(text.contains(row), row + " missing from\n" + text);
        }
        assertTrue(err.toString().contains("data: generating 200 prompts × 11 models (seed 42)"), err.toString());
    }

    @Test
    void helpShowsThisCommandsDefaults() {
        StringWriter out = new StringWriter();
        assertEquals(0, FineRouterCli.run(new String[] {"bench", "scale", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter())));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("Clustering levels ℓ (default: 1; paper: 3)"), help);
        assertTrue(help.contains("(default: WORK/cache, emptied per run)"), help);
        assertTrue(help.contains("Prompts to generate (default: 280000"), help);
    }

    @Test
    void rejectsAPoolLargerThanTheCatalog() {
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(new String[] {"bench", "scale", "--prompts", "50", "--models", "12", "--work", dir.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("models must be in 1..11, was 12"), err.toString());
    }

    private static JsonNode stage(JsonNode r, String name) {
        for (JsonNode s : r.get("stages")) {
            if (s.get("stage").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name);
    }
}

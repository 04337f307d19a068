package dev.finerouter.engine.io;

import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonlDatasetReaderTest {
    private static final String MODELS = "[{\"name\":\"a\",\"costPerQuery\":0.01},{\"name\":\"b\",\"costPer1kTokens\":0.002}]";

    @TempDir
    Path dir;

    private Path write(String jsonl) throws IOException {
        Files.writeString(dir.resolve("models.json"), MODELS);
        return Files.writeString(dir.resolve("routing.jsonl"), jsonl);
    }

    private DataFormatException failure(String jsonl) throws IOException {
        Path f = write(jsonl);
        return assertThrows(DataFormatException.class, () -> DatasetLoader.load(f, ImportOptions.STRICT));
    }

    @Test
    void readsRowsKeepsMissingScoresMissingAndTakesPricesFromModelsJson() throws Exception {
        Path f = write("""
                {"id":"p1","prompt":"What is 2+2?","task":"math","scores":{"a":1,"b":0.25},"split":"train"}

                {"id":"p2","prompt":"Name a color.","task":null,"scores":{"a":null},"split":"test","subtask":"colors"}
                """);
        RoutingDataset d = DatasetLoader.load(dir, ImportOptions.STRICT).dataset();
        assertEquals(2, d.size());
        assertEquals(2, d.pool().size());
        assertEquals(1.0f, d.scores().get(0, 0));
        assertEquals(0.25f, d.scores().get(0, 1));
        assertFalse(d.scores().isPresent(1, 0), "null stays missing");
        assertFalse(d.scores().isPresent(1, 1), "absent stays missing");
        assertEquals("math", d.prompts().get(0).task());
        assertNull(d.prompts().get(1).task());
        assertEquals("colors", d.prompts().get(1).subtask());
        assertEquals(Split.TEST, d.prompts().get(1).split());
        assertEquals(0.01, d.pool().get(0).costPerQuery());
        assertEquals(0.002, d.pool().get(1).inputCostPer1kTokens());
        assertEquals("routing", f.getFileName().toString().replace(".jsonl", ""));
        assertEquals(dir.getFileName().toString(), d.name());
        assertEquals(64, d.fingerprint().length());
    }

    @Test
    void malformedJsonNamesTheLine() throws Exception {
        DataFormatException e = failure("""
                {"id":"p1","prompt":"x","scores":{"a":1}}
                {"id":"p2","prompt":"y","scores":{"a":1}
                """);
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(dir.resolve("routing.jsonl") + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void unknownModelNamesLineAndField() throws Exception {
        DataFormatException e = failure("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"a\":1,\"gpt-9\":0.5}}\n");
        assertEquals(1, e.line());
        assertEquals("scores.gpt-9", e.field());
        assertTrue(e.getMessage().contains("unknown model 'gpt-9'"), e.getMessage());
    }

    @Test
    void scoreOutsideUnitIntervalNamesLineAndField() throws Exception {
        DataFormatException e = failure("""
                {"id":"p1","prompt":"x","scores":{"a":1}}
                {"id":"p2","prompt":"y","scores":{"a":1.5}}
                """);
        assertEquals(2, e.line());
        assertEquals("scores.a", e.field());
        assertTrue(e.getMessage().contains(":2: field 'scores.a': score 1.5 is outside [0,1]"), e.getMessage());
    }

    @Test
    void nanScoreIsRefusedWithAHint() throws Exception {
        DataFormatException e = failure("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"b\":NaN}}\n");
        assertEquals("scores.b", e.field());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void scoreThatIsAStringIsRefused() throws Exception {
        DataFormatException e = failure("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"b\":\"high\"}}\n");
        assertEquals("scores.b", e.field());
        assertTrue(e.getMessage().contains("expected a number or null, got a string \"high\""), e.getMessage());
    }

    @Test
    void duplicateIdNamesBothLines() throws Exception {
        DataFormatException e = failure("""
                {"id":"p1","prompt":"x","scores":{"a":1}}
                {"id":"p2","prompt":"y","scores":{"a":1}}
                {"id":"p1","prompt":"z","scores":{"a":1}}
                """);
        assertEquals(3, e.line());
        assertEquals("id", e.field());
        assertTrue(e.getMessage().contains("duplicate id 'p1' (first seen on line 1)"), e.getMessage());
    }

    @Test
    void emptyPromptNamesField() throws Exception {
        DataFormatException e = failure("{\"id\":\"p1\",\"prompt\":\"   \",\"scores\":{\"a\":1}}\n");
        assertEquals(1, e.line());
        assertEquals("prompt", e.field());
    }

    @Test
    void missingScoresFieldAndUnknownSplitAreNamed() throws Exception {
        assertEquals("scores", failure("{\"id\":\"p1\",\"prompt\":\"x\"}\n").field());
        DataFormatException e = failure("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"a\":1},\"split\":\"holdout\"}\n");
        assertEquals("split", e.field());
        assertTrue(e.getMessage().contains("unknown split 'holdout'"), e.getMessage());
    }

    @Test
    void lenientModeSkipsBadRowsAndSummarisesThem() throws Exception {
        Path f = write("""
                {"id":"p1","prompt":"x","scores":{"a":1},"extra":1}
                {"id":"p2","prompt":"y","scores":{"a":7}}
                not json
                {"id":"p3","prompt":"z","scores":{"zzz":1}}
                {"id":"p4","prompt":"w","scores":{"b":0.5}}
                """);
        LoadedDataset loaded = DatasetLoader.load(f, ImportOptions.LENIENT);
        assertEquals(2, loaded.dataset().size());
        assertEquals("p4", loaded.dataset().prompts().get(1).id());
        ImportReport r = loaded.report();
        assertEquals(5, r.rowsRead());
        assertEquals(3, r.rowsSkipped());
        assertEquals(1L, r.skippedByField().get("scores.a"));
        assertEquals(1L, r.skippedByField().get("scores.zzz"));
        assertEquals(1L, r.skippedByField().get("(row)"));
        assertEquals(3, r.firstProblems().size());
        assertTrue(r.firstProblems().get(1).contains(":3: "), r.firstProblems().get(1));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("unknown field 'extra'")), r.warnings().toString());
    }

    @Test
    void withoutModelsJsonThePoolComesFromTheScoresInOrderOfAppearance() throws Exception {
        Path f = Files.writeString(dir.resolve("data.jsonl"), """
                {"id":"p1","prompt":"x","scores":{"m2":1}}
                {"id":"p2","prompt":"y","scores":{"m1":0.5,"m2":0}}
                """);
        LoadedDataset loaded = DatasetLoader.load(f, ImportOptions.STRICT);
        RoutingDataset d = loaded.dataset();
        assertEquals(java.util.List.of("m2", "m1"), d.pool().names());
        assertFalse(d.scores().isPresent(0, 1), "m1 appeared later: missing for p1, not 0");
        assertEquals(0.5f, d.scores().get(1, 1));
        assertEquals(0.0f, d.scores().get(1, 0));
        assertTrue(loaded.report().warnings().stream().anyMatch(w -> w.contains("equal-cost")));
    }

    @Test
    void observedCostsAreKeptAndBeatEstimates() throws Exception {
        Path f = write("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"a\":1,\"b\":0},\"costs\":{\"b\":0.5}}\n");
        RoutingDataset d = DatasetLoader.load(f, ImportOptions.STRICT).dataset();
        assertEquals(0.5, d.cost(0, 1, dev.finerouter.engine.model.CostModel.DEFAULT), 1e-7);
        assertEquals(0.01, d.cost(0, 0, dev.finerouter.engine.model.CostModel.DEFAULT), 1e-12);
    }

    @Test
    void modelListedTwiceIsRefusedEvenWithNull() throws Exception {
        assertEquals("scores.a", failure("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"a\":0.5,\"a\":null}}\n").field());
        assertEquals("scores.a", failure("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"a\":null,\"a\":0.5}}\n").field());
    }

    @Test
    void fingerprintChangesWhenPricesChange() throws Exception {
        Path f = write("{\"id\":\"p1\",\"prompt\":\"x\",\"scores\":{\"a\":1}}\n");
        String before = DatasetLoader.load(f, ImportOptions.STRICT).dataset().fingerprint();
        Files.writeString(dir.resolve("models.json"), MODELS.replace("0.01", "0.02"));
        assertTrue(!before.equals(DatasetLoader.load(f, ImportOptions.STRICT).dataset().fingerprint()));
    }

    @Test
    void emptyFileIsAClearError() throws Exception {
        DataFormatException e = failure("\n\n");
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void aMisspelledFieldWarnsOnceWithADidYouMean() throws Exception {
        Path f = Files.writeString(dir.resolve("typo.jsonl"), """
                {"id":"p1","prompt":"x","scores":{"a":1},"subtsk":"s1"}
                {"id":"p2","prompt":"y","scores":{"a":0},"subtsk":"s2","Costs":{"a":0.1}}
                {"id":"p3","prompt":"z","scores":{"a":1},"subtsk":"s3"}
                """);
        java.util.List<String> w = DatasetLoader.load(f, ImportOptions.STRICT).report().warnings();
        assertEquals(java.util.List.of("unknown field 'subtsk' (first on line 1) is ignored; did you mean 'subtask'?",
                "unknown field 'Costs' (first on line 2) is ignored; did you mean 'costs'?"), w.subList(0, 2));
        assertTrue(w.stream().noneMatch(x -> x.contains("on line 3")), "each unknown field is warned about once: " + w);
    }
}

package dev.finerouter.engine.io;

import dev.finerouter.engine.model.RoutingDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvDatasetReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsQuotedMultiLinePromptsAndEmptyCellsAsMissing() throws Exception {
        Path f = Files.writeString(dir.resolve("data.csv"), "id,prompt,task,split,alpha,beta\r\n"
                + "q1,\"Write a poem, please.\nTwo lines,\n\"\"quoted\"\".\",writing,train,0.5,\r\n"
                + "q2,Plain,qa,test,1,0\r\n");
        RoutingDataset d = DatasetLoader.load(f, ImportOptions.STRICT).dataset();
        assertEquals(2, d.size());
        assertEquals("Write a poem, please.\nTwo lines,\n\"quoted\".", d.prompts().get(0).text());
        assertEquals(List.of("alpha", "beta"), d.pool().names());
        assertEquals(0.5f, d.scores().get(0, 0));
        assertFalse(d.scores().isPresent(0, 1));
        assertEquals(0.0f, d.scores().get(1, 1));
    }

    @Test
    void wrongColumnCountNamesThePhysicalLineAfterAMultiLineRecord() throws Exception {
        Path f = Files.writeString(dir.resolve("data.csv"), "id,prompt,task,split,alpha\n"
                + "q1,\"line one\nline two\",qa,train,1\n"
                + "q2,short,qa,train\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(f, ImportOptions.STRICT));
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("expected 5 columns (as in the header), got 4"), e.getMessage());
    }

    @Test
    void nonNumericScoreNamesLineAndModelColumn() throws Exception {
        Path f = Files.writeString(dir.resolve("data.csv"), "id,prompt,alpha,beta\nq1,hi,0.2,n/a\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(f, ImportOptions.STRICT));
        assertEquals(2, e.line());
        assertEquals("scores.beta", e.field());
        assertTrue(e.getMessage().contains("expected a number, got \"n/a\""), e.getMessage());
    }

    @Test
    void scoreOutOfRangeAndDuplicateIdAreNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("data.csv"), "id,prompt,alpha\nq1,hi,0.2\nq2,again,-0.1\nq1,dup,0.3\n");
        LoadedDataset loaded = DatasetLoader.load(f, ImportOptions.LENIENT);
        assertEquals(1, loaded.dataset().size());
        assertEquals(2, loaded.report().rowsSkipped());
        assertTrue(loaded.report().firstProblems().get(0).contains(":3: field 'scores.alpha'"), loaded.report().firstProblems().toString());
        assertTrue(loaded.report().firstProblems().get(1).contains(":4: field 'id': duplicate id 'q1' (first seen on line 2)"),
                loaded.report().firstProblems().toString());
    }

    @Test
    void headerWithoutPromptColumnIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("data.csv"), "id,text,alpha\nq1,hi,0.2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(f, ImportOptions.STRICT));
        assertEquals(1, e.line());
        assertEquals("prompt", e.field());
    }

    @Test
    void unknownModelColumnAgainstModelsJsonIsRefused() throws Exception {
        Files.writeString(dir.resolve("models.json"), "[{\"name\":\"alpha\"}]");
        Path f = Files.writeString(dir.resolve("data.csv"), "id,prompt,alpha,gamma\nq1,hi,0.2,0.3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(f, ImportOptions.STRICT));
        assertEquals(2, e.line());
        assertEquals("scores.gamma", e.field());
    }
}

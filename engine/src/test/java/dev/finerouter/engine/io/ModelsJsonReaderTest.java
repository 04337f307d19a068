package dev.finerouter.engine.io;

import dev.finerouter.engine.model.ModelPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsJsonReaderTest {
    @TempDir
    Path dir;

    @Test
    void separateTokenPricesWinOverTheBlendedPrice() throws Exception {
        Path f = Files.writeString(dir.resolve("models.json"), """
                [{"name":"x","costPer1kTokens":0.5,"inputPricePer1MTokensUSD":100,"outputPricePer1MTokensUSD":300},
                 {"name":"y","costPer1kTokens":0.0002,"costPerQuery":null},
                 {"name":"z","costPerQuery":0.03,"displayName":"Zed"}]""");
        ModelPool pool = ModelsJsonReader.read(f);
        assertEquals(0.1, pool.get(0).inputCostPer1kTokens(), 1e-12);
        assertEquals(0.3, pool.get(0).outputCostPer1kTokens(), 1e-12);
        assertEquals(0.0002, pool.get(1).inputCostPer1kTokens());
        assertNull(pool.get(1).costPerQuery());
        assertEquals("Zed", pool.get(2).displayName());
    }

    @Test
    void negativePriceNamesEntryAndField() throws Exception {
        Path f = Files.writeString(dir.resolve("models.json"), "[{\"name\":\"x\"},{\"name\":\"y\",\"costPerQuery\":-1}]");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelsJsonReader.read(f));
        assertEquals("[1].costPerQuery", e.field());
    }

    @Test
    void duplicateModelAndMalformedJsonAreNamed() throws Exception {
        Path dup = Files.writeString(dir.resolve("dup.json"), "[{\"name\":\"x\"},{\"name\":\"x\"}]");
        assertTrue(assertThrows(DataFormatException.class, () -> ModelsJsonReader.read(dup)).getMessage().contains("listed twice"));
        Path bad = Files.writeString(dir.resolve("bad.json"), "[\n{\"name\":\"x\",}\n]");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelsJsonReader.read(bad));
        assertEquals(2, e.line(), e.getMessage());
    }

    @Test
    void pricesForSomeModelsOnlyAreRefusedAtLoad() throws Exception {
        Files.writeString(dir.resolve("models.json"), "[{\"name\":\"a\",\"costPerQuery\":1},{\"name\":\"b\"}]");
        Path f = Files.writeString(dir.resolve("routing.jsonl"), "{\"id\":\"1\",\"prompt\":\"p\",\"scores\":{\"a\":1,\"b\":0}}\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetLoader.load(f, ImportOptions.STRICT));
        assertEquals("models", e.field());
        assertTrue(e.getMessage().contains("[b]"), e.getMessage());
    }
}

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

    @Test
    void aMisspelledPriceKeyWarnsWithTheLineAndADidYouMean() throws Exception {
        Path f = Files.writeString(dir.resolve("models.json"), """
                [
                  {"name": "a", "inputPricePer1kTokens": 0.01, "source": "vendor page"},
                  {"name": "b",
                   "costperquery": 0.002,
                   "inputPricePer1kTokens": 0.02,
                   "colour": "red"}
                ]""");
        java.util.List<String> warnings = new java.util.ArrayList<>();
        ModelPool pool = ModelsJsonReader.read(f, warnings::add);
        assertNull(pool.get(0).inputCostPer1kTokens(), "the misspelled price is not used");
        assertEquals(3, warnings.size(), warnings.toString()); // once per key, 'source' is informational
        assertEquals(f + ":2: field '[0].inputPricePer1kTokens': unknown key is ignored; did you mean 'inputPricePer1MTokensUSD'?",
                warnings.get(0));
        assertTrue(warnings.get(1).startsWith(f + ":4: field '[1].costperquery'") && warnings.get(1).endsWith("did you mean 'costPerQuery'?"),
                warnings.get(1));
        assertTrue(warnings.get(2).contains(":6: field '[1].colour': unknown key is ignored") && !warnings.get(2).contains("did you mean"),
                warnings.get(2));

        Files.writeString(dir.resolve("routing.jsonl"), "{\"id\":\"1\",\"prompt\":\"p\",\"scores\":{\"a\":1,\"b\":0}}\n");
        LoadedDataset loaded = DatasetLoader.load(dir, ImportOptions.STRICT);
        assertTrue(loaded.report().warnings().stream().anyMatch(w -> w.contains("did you mean 'inputPricePer1MTokensUSD'")),
                loaded.report().warnings().toString());
    }

    @Test
    void pricesMustBeFiniteAndPlausible() throws Exception {
        Path huge = Files.writeString(dir.resolve("huge.json"), "[{\"name\":\"x\"},\n {\"name\":\"y\",\n  \"costPerQuery\": 1e308}]");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelsJsonReader.read(huge));
        assertEquals(3, e.line(), e.getMessage());
        assertEquals("[1].costPerQuery", e.field());
        assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
        Path inf = Files.writeString(dir.resolve("inf.json"), "[{\"name\":\"x\",\"costPer1kTokens\":1e400}]");
        e = assertThrows(DataFormatException.class, () -> ModelsJsonReader.read(inf));
        assertEquals("[0].costPer1kTokens", e.field(), e.getMessage());

        Path dear = Files.writeString(dir.resolve("dear.json"), "[{\"name\":\"x\",\"outputPricePer1MTokensUSD\":1500,\"costPerQuery\":10}]");
        java.util.List<String> warnings = new java.util.ArrayList<>();
        ModelPool pool = ModelsJsonReader.read(dear, warnings::add);
        assertEquals(1.5, pool.get(0).outputCostPer1kTokens(), 1e-12, "a warning, not an error: the price is used");
        assertEquals(1, warnings.size(), warnings.toString()); // exactly the bound (10 per query) is plausible
        assertTrue(warnings.get(0).contains("'[0].outputPricePer1MTokensUSD': price 1500 USD per 1M tokens is above the plausibility bound of 1000"),
                warnings.get(0));
    }
}

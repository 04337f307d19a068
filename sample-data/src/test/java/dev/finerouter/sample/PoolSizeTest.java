package dev.finerouter.sample;

import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.RoutingDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool size is a generator setting: the default (10, the checked-in sample's, whose byte-identity
 * {@link DeterminismTest} guards) keeps its description and fingerprint; 11 selects the whole catalog.
 */
class PoolSizeTest {
    @Test
    void theDefaultPoolIsTheFirstTenProfilesAndItsDescriptionDoesNotNameIt() {
        GeneratorConfig config = GeneratorConfig.of(42, 3000);
        assertEquals(ModelCatalog.DEFAULT_MODELS, config.models());
        assertEquals(10, ModelCatalog.profiles().size());
        assertEquals(ModelCatalog.profiles(), ModelCatalog.profiles(11).subList(0, 10));
        assertFalse(config.describe().contains("models"), config.describe());
        assertEquals("finerouter-synthetic v1 seed=42 prompts=3000 missingRate=0.01 noise=0.4 difficultySpread=0.9", config.describe());
        assertEquals(config, config.withModels(10));
    }

    @Test
    void elevenModelsScoreEveryPromptForTheWholeCatalog(@TempDir Path tmp) throws Exception {
        GeneratorConfig eleven = GeneratorConfig.of(7, 400).withModels(11);
        assertTrue(eleven.describe().endsWith(" models=11"), eleven.describe());
        RoutingDataset d = SyntheticDatasetGenerator.generate(eleven);
        assertEquals(11, d.pool().size());
        assertEquals("vega-120b", d.pool().get(10).name());
        assertEquals(ModelCatalog.pool(10).models().stream().map(ModelSpec::name).toList(),
                d.pool().models().subList(0, 10).stream().map(ModelSpec::name).toList());
        int known = 0;
        for (int r = 0; r < d.size(); r++) {
            known += Float.isNaN(d.scores().get(r, 10)) ? 0 : 1;
        }
        assertTrue(known > 0.95 * d.size(), "the 11th model is scored: " + known + " of " + d.size());
        assertNotEquals(SyntheticDatasetGenerator.generate(GeneratorConfig.of(7, 400)).fingerprint(), d.fingerprint());

        GenerateSample.write(eleven, tmp.resolve("a"));
        GenerateSample.write(eleven, tmp.resolve("b"));
        assertEquals(DeterminismTest.sha256(tmp.resolve("a/routing.jsonl")), DeterminismTest.sha256(tmp.resolve("b/routing.jsonl")));
        assertTrue(Files.readString(tmp.resolve("a/models.json")).contains("vega-120b"));
        assertTrue(Files.readString(tmp.resolve("a/README.md")).contains("models: 11"));
    }

    @Test
    void thePoolSizeMustFitTheCatalog() {
        assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.of(1, 10).withModels(0));
        assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.of(1, 10).withModels(12));
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.profiles(12));
        assertEquals(List.of("atlas-405b", "atlas-70b"), ModelCatalog.profiles(2).stream().map(ModelProfile::name).toList());
    }
}

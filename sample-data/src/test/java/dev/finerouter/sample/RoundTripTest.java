package dev.finerouter.sample;

import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.RoutingDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundTripTest {
    @Test
    void loadingTheWrittenFilesGivesTheSamePromptsAndScores(@TempDir Path tmp) throws Exception {
        RoutingDataset generated = GenerateSample.write(new GeneratorConfig(11, 900, 0.05, 0.4, 0.9), tmp);
        LoadedDataset loaded = DatasetLoader.load(tmp, ImportOptions.STRICT);
        RoutingDataset back = loaded.dataset();
        assertEquals(generated.prompts(), back.prompts());
        assertEquals(generated.scores(), back.scores(), "scores, including which are missing");
        assertEquals(generated.pool().names(), back.pool().names());
        for (int m = 0; m < generated.pool().size(); m++) {
            ModelSpec a = generated.pool().get(m);
            ModelSpec b = back.pool().get(m);
            assertEquals(a.displayName(), b.displayName());
            assertEquals(a.costPerQuery(), b.costPerQuery());
            assertEquals(a.inputCostPer1kTokens(), b.inputCostPer1kTokens(), 1e-12);
            assertEquals(a.outputCostPer1kTokens(), b.outputCostPer1kTokens(), 1e-12);
        }
        assertEquals(0, loaded.report().rowsSkipped());
        assertTrue(loaded.report().warnings().isEmpty(), () -> "warnings: " + loaded.report().warnings());
        assertTrue(back.scores().presentCount() < (long) back.size() * back.pool().size(), "some scores are missing");
    }
}

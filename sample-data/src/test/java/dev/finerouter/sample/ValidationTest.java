package dev.finerouter.sample;

import dev.finerouter.engine.model.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {
    @Test
    void configRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(1, 10, -0.1, 0.4, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(1, 10, 0.6, 0.4, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(1, 10, Double.NaN, 0.4, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(1, 10, 0.01, -1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorConfig(1, 10, 0.01, 0.4, Double.POSITIVE_INFINITY));
        GeneratorConfig d = GeneratorConfig.defaults();
        assertEquals(42, d.seed());
        assertEquals(3000, d.prompts());
        assertEquals("finerouter-synthetic v1 seed=42 prompts=3000 missingRate=0.01 noise=0.4 difficultySpread=0.9", d.describe());
    }

    @Test
    void subtaskAndProfileRejectBadDefinitions() {
        assertThrows(IllegalArgumentException.class, () -> new SubtaskSpec("qa", "x", ScoreKind.BINARY, 0, 1,
                List.of("uses {unknown}"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SubtaskSpec("qa", "x", ScoreKind.BINARY, 0, 0,
                List.of("fine"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SubtaskSpec("qa", "x", ScoreKind.BINARY, 0, 1,
                List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SubtaskSpec("qa", "x", ScoreKind.BINARY, 0, 1,
                List.of("{n:9-2}"), Map.of()));
        ModelSpec spec = ModelSpec.unpriced("m");
        assertThrows(IllegalArgumentException.class, () -> new ModelProfile(spec, 0, Map.of("nope", 1.0), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ModelProfile(spec, 0, Map.of(), Map.of("nope", 1.0)));
    }

    @Test
    void templateFillerReusesRepeatedPlaceholders() {
        SubtaskSpec s = new SubtaskSpec("qa", "x", ScoreKind.BINARY, 0, 1,
                List.of("{w} and {w}, {n:5-5} {name}"), Map.of("w", List.of("alpha", "beta")));
        for (int seed = 0; seed < 20; seed++) {
            String text = TemplateFiller.fill(s, new SplittableRandom(seed));
            assertTrue(text.equals("alpha and alpha, 5 " + text.substring(text.lastIndexOf(' ') + 1))
                    || text.equals("beta and beta, 5 " + text.substring(text.lastIndexOf(' ') + 1)), text);
        }
    }

    @Test
    void layoutFollowsWeightsExactly() {
        int[] order = SyntheticDatasetGenerator.layout(1000, TaskCatalog.subtasks(), new SplittableRandom(1));
        int[] counts = new int[TaskCatalog.subtasks().size()];
        for (int s : order) {
            counts[s]++;
        }
        double total = TaskCatalog.subtasks().stream().mapToDouble(SubtaskSpec::weight).sum();
        for (int s = 0; s < counts.length; s++) {
            assertEquals(1000 * TaskCatalog.subtasks().get(s).weight() / total, counts[s], 1.0);
        }
    }
}

package dev.finerouter.engine.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRecordsTest {
    @Test
    void constructorsValidate() {
        assertThrows(IllegalArgumentException.class, () -> new Prompt(" ", "x", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Prompt("1", "", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelSpec("m", null, -0.1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelPool(List.of(ModelSpec.unpriced("a"), ModelSpec.unpriced("a"))));
        assertThrows(IllegalArgumentException.class, () -> ScoreMatrix.of(1, 2, new float[] {0.5f, 1.01f}));
        assertThrows(IllegalArgumentException.class, () -> ScoreMatrix.of(1, 2, new float[] {0.5f}));
    }

    @Test
    void scoreMatrixIsImmutableAndCompact() {
        float[] values = {0.1f, Float.NaN};
        ScoreMatrix m = ScoreMatrix.of(1, 2, values);
        values[0] = 0.9f;
        assertEquals(0.1f, m.get(0, 0), "the input array was copied");
        float[] row = m.row(0);
        row[0] = 0.7f;
        assertEquals(0.1f, m.get(0, 0), "rows are handed out as copies");
        assertEquals(1, m.presentCount());
        // 300,000 prompts x 20 models: 4 bytes a score.
        assertEquals(24_000_000L, ScoreMatrix.of(300_000, 20, new float[6_000_000]).storageBytes());
    }

    @Test
    void costModelFollowsTheDocumentedRule() {
        ModelSpec m = new ModelSpec("m", null, 0.001, 0.5, 1.5);
        String text = "x".repeat(4000); // 1,000 input tokens at 4 characters a token
        double expected = 0.001 + 1.0 * 0.5 + CostModel.DEFAULT_OUTPUT_TOKENS / 1000.0 * 1.5;
        assertEquals(expected, CostModel.DEFAULT.estimate(m, text, true), 1e-12);
        assertEquals(1.0, CostModel.DEFAULT.estimate(ModelSpec.unpriced("u"), text, false), "equal cost when nothing is priced");
        assertTrue(new ModelPool(List.of(m)).anyCostKnown());
    }
}

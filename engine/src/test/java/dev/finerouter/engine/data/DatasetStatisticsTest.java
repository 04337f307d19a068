package dev.finerouter.engine.data;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DatasetStatisticsTest {
    @Test
    void handCheckedStatistics() {
        float nan = Float.NaN;
        // prompt 1: a=1.0 b=0.5  -> a sole best
        // prompt 2: a=0.2 b=0.2  -> tie: both best
        // prompt 3: a=NaN b=0.95 -> b sole best, a missing
        ScoreMatrix s = ScoreMatrix.ofRows(new float[] {1f, 0.5f}, new float[] {0.2f, 0.2f}, new float[] {nan, 0.95f});
        List<Prompt> prompts = List.of(new Prompt("1", "aaaa", "x", null, Split.TRAIN),
                new Prompt("2", "bbbbbbbb", "x", null, Split.TEST), new Prompt("3", "c", null, null, null));
        ModelPool pool = new ModelPool(List.of(new ModelSpec("a", null, 0.01, null, null), new ModelSpec("b", null, 0.03, null, null)));
        DatasetStatistics st = DatasetStatistics.of(new RoutingDataset("d", "f", prompts, pool, s, null));

        assertEquals(3, st.prompts());
        assertEquals(1, st.missingScores());
        assertEquals((1.0 + 0.2 + 0.95) / 3, st.oracleMean(), 1e-6);
        DatasetStatistics.ModelStatistics a = st.models().get(0);
        DatasetStatistics.ModelStatistics b = st.models().get(1);
        assertEquals(2, a.scored());
        assertEquals(1, a.missing());
        assertEquals(0.6, a.meanScore(), 1e-6);
        assertEquals(2.0 / 3, a.bestShare(), 1e-9);
        assertEquals(1.0 / 3, a.soleBestShare(), 1e-9);
        assertEquals((0.5 + 0.2 + 0.95) / 3, b.meanScore(), 1e-6);
        assertEquals(2.0 / 3, b.bestShare(), 1e-9);
        assertEquals(0.03, b.meanCost(), 1e-12);
        assertArrayEquals(new long[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 1}, a.histogram(), "0.2 in bin 2, 1.0 in the last bin");
        assertArrayEquals(new long[] {0, 0, 1, 0, 0, 1, 0, 0, 0, 1}, b.histogram());
        assertEquals(1, st.tasks().get("x").get("train"));
        assertEquals(1, st.tasks().get("x").get("test"));
        assertEquals(1, st.tasks().get(DatasetStatistics.NO_TASK).get(DatasetStatistics.NO_SPLIT));
        assertEquals(false, st.equalCost());
    }
}

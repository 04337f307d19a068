package dev.finerouter.engine.data;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmarks' prompt pool: the test split (else everything), distinct, in order, at most MAX. */
class BenchmarkPromptsTest {
    private static RoutingDataset dataset(int n, IntFunction<String> text, IntFunction<Split> split) {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts.add(new Prompt("p" + i, text.apply(i), "t", null, split.apply(i)));
        }
        return new RoutingDataset("d", "f", prompts, new ModelPool(List.of(ModelSpec.unpriced("m"))), ScoreMatrix.of(n, 1, new float[n]), null);
    }

    @Test
    void theTestSplitDistinctInOrder() {
        RoutingDataset d = dataset(10, i -> i == 8 ? "p4" : "p" + i, i -> i % 2 == 0 ? Split.TEST : Split.TRAIN);
        assertEquals(List.of("p0", "p2", "p4", "p6"), BenchmarkPrompts.of(d)); // 8 repeats p4
    }

    @Test
    void everythingWithoutATestSplitAtMostMax() {
        assertEquals(List.of("p0", "p1", "p2"), BenchmarkPrompts.of(dataset(3, i -> "p" + i, i -> null)));
        List<String> many = BenchmarkPrompts.of(dataset(BenchmarkPrompts.MAX + 10, i -> "p" + i, i -> Split.TRAIN));
        assertEquals(BenchmarkPrompts.MAX, many.size());
        assertEquals("p" + (BenchmarkPrompts.MAX - 1), many.get(many.size() - 1));
    }
}

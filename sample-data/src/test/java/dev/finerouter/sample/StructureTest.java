package dev.finerouter.sample;

import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructureTest {
    private static RoutingDataset data;

    @BeforeAll
    static void generate() {
        data = SyntheticDatasetGenerator.generate(GeneratorConfig.defaults());
    }

    @Test
    void catalogHasSevenFamiliesOfThreeToSixSubtasks() {
        Map<String, Long> perFamily = TaskCatalog.subtasks().stream()
                .collect(Collectors.groupingBy(SubtaskSpec::family, TreeMap::new, Collectors.counting()));
        assertEquals(Set.copyOf(TaskCatalog.FAMILIES), perFamily.keySet());
        perFamily.forEach((f, n) -> assertTrue(n >= 3 && n <= 6, f + " has " + n + " sub-tasks"));
        assertEquals(30, TaskCatalog.subtasks().size());
        assertEquals(TaskCatalog.subtasks().size(), TaskCatalog.subtasks().stream().map(SubtaskSpec::name).distinct().count());
        assertEquals(10, ModelCatalog.profiles().size());
    }

    @Test
    void coarseLabelsHideStructureInEveryFamily() {
        Map<String, Set<Integer>> bestByFamily = new TreeMap<>();
        for (SubtaskStats s : SubtaskStats.of(data)) {
            bestByFamily.computeIfAbsent(s.family(), f -> new HashSet<>()).add(s.bestModel());
        }
        assertEquals(TaskCatalog.FAMILIES.size(), bestByFamily.size());
        bestByFamily.forEach((family, best) ->
                assertTrue(best.size() >= 2, family + ": every sub-task has the same best model " + best));
    }

    @Test
    void costsSpanAtLeastFiftyTimes() {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int m = 0; m < data.pool().size(); m++) {
            double total = 0;
            for (int r = 0; r < data.size(); r++) {
                total += data.cost(r, m, CostModel.DEFAULT);
            }
            min = Math.min(min, total);
            max = Math.max(max, total);
        }
        assertTrue(min > 0);
        assertTrue(max / min >= 50, "cost span " + max / min);
    }

    @Test
    void scoresAreInRangeBinaryOrContinuousAndSometimesMissing() {
        long missing = 0;
        for (int r = 0; r < data.size(); r++) {
            Prompt p = data.prompts().get(r);
            ScoreKind kind = TaskCatalog.subtask(p.subtask()).kind();
            int present = 0;
            for (int m = 0; m < data.pool().size(); m++) {
                float v = data.scores().get(r, m);
                if (Float.isNaN(v)) {
                    missing++;
                    continue;
                }
                present++;
                assertTrue(v >= 0f && v <= 1f, p.id() + ": " + v);
                if (kind == ScoreKind.BINARY) {
                    assertTrue(v == 0f || v == 1f, p.id() + " is binary but scored " + v);
                }
            }
            assertTrue(present > 0, p.id() + " has no score");
        }
        double rate = missing / (double) (data.size() * data.pool().size());
        assertTrue(rate > 0.005 && rate < 0.02, "missing rate " + rate);
        long fractional = 0;
        for (int r = 0; r < data.size(); r++) {
            for (int m = 0; m < data.pool().size(); m++) {
                float v = data.scores().get(r, m);
                if (v > 0f && v < 1f) {
                    fractional++;
                }
            }
        }
        assertTrue(fractional > 1000, "continuous sub-tasks give graded scores");
        assertTrue(TaskCatalog.subtasks().stream().anyMatch(s -> s.kind() == ScoreKind.BINARY));
        assertTrue(TaskCatalog.subtasks().stream().anyMatch(s -> s.kind() == ScoreKind.CONTINUOUS));
    }

    @Test
    void splitsAreEightyTenTenPerSubtask() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Prompt p : data.prompts()) {
            assertTrue(p.split() != null, p.id());
            counts.computeIfAbsent(p.subtask(), k -> new int[3])[p.split().ordinal()]++;
        }
        assertEquals(30, counts.size());
        counts.forEach((sub, c) -> {
            double n = c[0] + c[1] + c[2];
            assertEquals(0.8, c[Split.TRAIN.ordinal()] / n, 0.02, sub);
            assertEquals(0.1, c[Split.DEV.ordinal()] / n, 0.02, sub);
            assertEquals(0.1, c[Split.TEST.ordinal()] / n, 0.02, sub);
        });
    }

    @Test
    void labelsIdsAndTexts() {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            Prompt p = data.prompts().get(i);
            assertEquals(String.format("syn-%06d", i), p.id());
            assertEquals(TaskCatalog.subtask(p.subtask()).family(), p.task());
            assertFalse(SubtaskSpec.placeholderPattern().matcher(p.text()).find(), p.text());
            texts.add(p.text());
        }
        assertTrue(texts.size() >= data.size() * 0.99, "prompt texts are (nearly) unique: " + texts.size());
        List<String> families = data.prompts().stream().map(Prompt::task).distinct().sorted().toList();
        assertEquals(TaskCatalog.FAMILIES.stream().sorted().toList(), families);
    }
}

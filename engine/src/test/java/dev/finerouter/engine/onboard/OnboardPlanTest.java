package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.model.RoutingDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which prompts a plan picks: allotment by size, medoid then spread, determinism, the JSONL written. */
class OnboardPlanTest {
    @TempDir
    Path dir;

    @Test
    void withoutABudgetEachTaskGetsUpToPerTask() {
        assertArrayEquals(new int[]{10, 5, 0}, OnboardPlanner.allot(new int[]{30, 5, 0}, 10, null));
        assertArrayEquals(new int[]{10, 5, 0}, OnboardPlanner.allot(new int[]{30, 5, 0}, 10, 99));
    }

    /** Two tasks × 10 prompts is a thin plan, and the note says how to plan more; a budget or a large plan says nothing. */
    @Test
    void aPlanThinnedByFewTasksSaysSo() {
        List<OnboardPlan.TaskAllotment> two = List.of(new OnboardPlan.TaskAllotment(0, "a", 600, 10),
                new OnboardPlan.TaskAllotment(1, "b", 500, 10));
        List<OnboardPlan.PlannedPrompt> twenty = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(new OnboardPlan.PlannedPrompt(i, "p" + i, "t", null, i / 10, i % 10 == 0));
        }
        String note = new OnboardPlan("b", new OnboardPlan.Settings(10, null, 42), two, twenty).thinNote().orElseThrow();
        assertEquals("only 20 prompts: the bundle has 2 tasks and at most 10 are planned per task, so the new model's estimates "
                + "rest on few scores; --per-task 100 plans about 200 (the leave-one-model-out measurements used about 240)", note);
        assertTrue(new OnboardPlan("b", new OnboardPlan.Settings(10, 20, 42), two, twenty).thinNote().isEmpty(), "a budget is meant");
        List<OnboardPlan.TaskAllotment> small = List.of(new OnboardPlan.TaskAllotment(0, "a", 12, 12), new OnboardPlan.TaskAllotment(1, "b", 10, 10));
        List<OnboardPlan.PlannedPrompt> all = new java.util.ArrayList<>(twenty);
        all.add(new OnboardPlan.PlannedPrompt(20, "p20", "t", null, 0, false));
        all.add(new OnboardPlan.PlannedPrompt(21, "p21", "t", null, 0, false));
        assertTrue(new OnboardPlan("b", new OnboardPlan.Settings(10, null, 42), small, all).thinNote().isEmpty(),
                "every remembered prompt is planned: nothing more to ask for");
    }

    @Test
    void aBudgetIsAllottedOneEachThenBySize() {
        // one each (9 left), then 9 × 60/100, 30/100, 10/100 = 5.4, 2.7, 0.9 → 5, 2, 0 (2 left) → largest remainders 0.9, 0.7
        assertArrayEquals(new int[]{6, 4, 2}, OnboardPlanner.allot(new int[]{60, 30, 10}, 10, 12));
        // a task reaching its cap gives the rest to the others: caps 5, 5, 5; one each (9 left); 9 × 100/120 = 7.5 → capped
        // at 4 more, 0.75 and 0.75 → 0 (5 left) → remainders 0.75, 0.75 → 5, 2, 2 (3 left); then 1.5 each → 1 each (1 left)
        // → equal remainders and sizes: the lower id
        assertArrayEquals(new int[]{5, 4, 3}, OnboardPlanner.allot(new int[]{100, 10, 10}, 5, 12));
        // fewer prompts than tasks: the largest tasks get one
        assertArrayEquals(new int[]{0, 1, 1}, OnboardPlanner.allot(new int[]{5, 50, 20}, 10, 2));
    }

    @Test
    void theMedoidComesFirstThenTheSpreadPick() {
        // four unit vectors at 0°, 10°, 20° and 90°: summed cosines 2.14, 3.14, 3.27, 1.49 → the 20° one is the medoid; then
        // D² = (1 − cos)² from it: 0.0036, 0.0002, 0.43 → the 90° one with probability 0.99
        double[] angles = {0, 10, 20, 90};
        float[] e = new float[8];
        for (int i = 0; i < 4; i++) {
            e[2 * i] = (float) Math.cos(Math.toRadians(angles[i]));
            e[2 * i + 1] = (float) Math.sin(Math.toRadians(angles[i]));
        }
        for (long seed = 0; seed < 5; seed++) {
            int[] picked = OnboardPlanner.pick(e, 2, new int[]{0, 1, 2, 3}, 2, new Random(seed));
            assertArrayEquals(new int[]{2, 3}, picked, "seed " + seed);
        }
        assertArrayEquals(new int[]{2}, OnboardPlanner.pick(e, 2, new int[]{0, 1, 2, 3}, 1, new Random(0)));
        assertEquals(4, OnboardPlanner.pick(e, 2, new int[]{0, 1, 2, 3}, 9, new Random(0)).length, "never more than the task has");
    }

    private static RoutingDataset dataset(Path folder) throws Exception {
        return DatasetLoader.load(folder, new ImportOptions(false, null)).dataset();
    }

    @Test
    void aPlanIsDeterministicPerSeedAndCountsPerTask() throws Exception {
        RouterBundle b = BundleReader.read(OnboardFixture.bundle(dir, true));
        MemoryPrompts prompts = MemoryPrompts.of(b, dataset(OnboardFixture.data(dir)));
        OnboardPlan plan = OnboardPlanner.plan(b, prompts, new OnboardPlan.Settings(4, null, 42));
        OnboardPlan again = OnboardPlanner.plan(b, prompts, new OnboardPlan.Settings(4, null, 42));
        assertEquals(plan.prompts(), again.prompts());
        int total = 0;
        for (OnboardPlan.TaskAllotment t : plan.tasks()) {
            assertEquals(Math.min(4, t.size()), t.picked(), t.toString());
            List<OnboardPlan.PlannedPrompt> mine = plan.prompts().stream().filter(p -> p.task() == t.task()).toList();
            assertEquals(t.picked(), mine.size());
            assertTrue(mine.isEmpty() || mine.get(0).medoid());
            assertEquals(mine.size(), mine.stream().map(OnboardPlan.PlannedPrompt::id).distinct().count());
            total += t.picked();
        }
        assertEquals(total, plan.prompts().size());
        assertTrue(total >= 9, "three tasks of 16 prompts each should give 4 each, got " + plan.tasks());
        OnboardPlan budgeted = OnboardPlanner.plan(b, prompts, new OnboardPlan.Settings(4, 5, 42));
        assertEquals(5, budgeted.prompts().size());
        // another seed may pick other spread prompts, never another medoid
        OnboardPlan other = OnboardPlanner.plan(b, prompts, new OnboardPlan.Settings(4, null, 43));
        assertEquals(plan.prompts().stream().filter(OnboardPlan.PlannedPrompt::medoid).toList(),
                other.prompts().stream().filter(OnboardPlan.PlannedPrompt::medoid).toList());
    }

    @Test
    void thePlanFileIsRoutingDataWithEmptyScores() throws Exception {
        RouterBundle b = BundleReader.read(OnboardFixture.bundle(dir, true));
        OnboardPlan plan = OnboardPlanner.plan(b, MemoryPrompts.of(b, dataset(OnboardFixture.data(dir))), new OnboardPlan.Settings(2, null, 7));
        Path out = dir.resolve("plan.jsonl");
        Files.writeString(out, "an older file\n");
        plan.write(out);
        List<String> lines = Files.readAllLines(out);
        assertEquals(plan.prompts().size(), lines.size());
        JsonNode first = OnboardFixture.JSON.readTree(lines.get(0));
        assertEquals(plan.prompts().get(0).id(), first.path("id").asText());
        assertEquals(plan.prompts().get(0).text(), first.path("prompt").asText());
        assertTrue(first.path("scores").isObject() && first.path("scores").isEmpty());
        assertEquals("medoid", first.path("onboard").path("pick").asText());
        assertEquals(7, first.path("onboard").path("seed").asLong());
        assertEquals(plan.prompts().get(0).task(), first.path("onboard").path("task").asInt());
        assertTrue(List.of("algebra", "python", "poems").contains(first.path("task").asText()), first.toString());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
        // once scored, the plan reads as routing data (the plan's own field is only warned about)
        Path scored = OnboardFixture.score(out, "poet-pro", 1, 0);
        assertEquals(plan.prompts().size(), DatasetLoader.load(scored, new ImportOptions(false, null)).dataset().size());
    }

    @Test
    void idsOrTheRecordedSplitFindTheTextsAndOtherDataIsRefused() throws Exception {
        Path data = OnboardFixture.data(dir);
        RouterBundle withIds = BundleReader.read(OnboardFixture.bundle(dir, true));
        RouterBundle noIds = BundleReader.read(OnboardFixture.bundle(dir, false));
        MemoryPrompts a = MemoryPrompts.of(withIds, dataset(data));
        MemoryPrompts b = MemoryPrompts.of(noIds, dataset(data));
        assertEquals(a, b, "repeating the recorded split finds the same prompts in the same order");
        assertEquals("g-00", a.ids().get(0));
        assertEquals(a.ids(), MemoryPrompts.of(withIds, null).ids());
        assertEquals(false, MemoryPrompts.of(withIds, null).hasTexts());
        EngineException e = assertThrows(EngineException.class, () -> OnboardPlanner.plan(withIds, MemoryPrompts.of(withIds, null),
                new OnboardPlan.Settings(2, null, 1)));
        assertTrue(e.getMessage().contains("stores no prompt texts"), e.getMessage());
        e = assertThrows(EngineException.class, () -> MemoryPrompts.of(noIds, null));
        assertTrue(e.getMessage().contains("does not keep its remembered prompts' ids"), e.getMessage());

        // the same ids with another score: not the training data
        String text = Files.readString(data.resolve("routing.jsonl"));
        Files.writeString(data.resolve("routing.jsonl"), text.replaceFirst("\"mathstral\":[0-9.]+", "\"mathstral\":0.123"));
        e = assertThrows(EngineException.class, () -> MemoryPrompts.of(withIds, dataset(data)));
        assertTrue(e.getMessage().contains("scores prompt g-00 0.123 for mathstral"), e.getMessage());
        assertNotEquals(null, e.hint());
    }
}

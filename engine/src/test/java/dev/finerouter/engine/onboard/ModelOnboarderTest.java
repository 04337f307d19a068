package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleDiff;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.io.DataFormatException;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.route.LabelPrior;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accepting a scored plan on the fixture bundle: a new model that is right on every poem prompt and wrong elsewhere.
 * The bundle's best poem model (bard-mini) scores about 0.9 there.
 */
class ModelOnboarderTest {
    private static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
    private static final ModelSpec POET = new ModelSpec("poet-pro", "Poet Pro", 0.001, null, null);

    @TempDir
    Path dir;
    private RouterBundle base;
    private MemoryPrompts memory;

    @BeforeEach
    void bundle() throws Exception {
        base = BundleReader.read(OnboardFixture.bundle(dir, true));
        memory = MemoryPrompts.of(base, DatasetLoader.load(OnboardFixture.data(dir), new ImportOptions(false, null)).dataset());
    }

    /** Plans every remembered prompt (16 per task at most) and scores them. */
    private ScoredPrompts scored(double poem, double other) throws Exception {
        OnboardPlan plan = OnboardPlanner.plan(base, memory, new OnboardPlan.Settings(16, null, 42));
        Path file = dir.resolve("plan.jsonl");
        plan.write(file);
        return ScoredPrompts.read(OnboardFixture.score(file, POET.name(), poem, other), POET.name());
    }

    private static int poemTask(TrainedRouter r) {
        return r.tasks().stream().filter(t -> t.summary().equals("Write short poems")).findFirst().orElseThrow().id();
    }

    @Test
    void theNewBundleVerifiesAndRoutesPoemsToTheNewModelOnly() throws Exception {
        ScoredPrompts scores = scored(1, 0);
        ModelOnboarder.Onboarding o = ModelOnboarder.prepare(base, memory, scores, POET, NOW);
        Path out = dir.resolve("b2.frb");
        ModelOnboarder.write(base, o, out, NOW);
        RouterBundle b2 = BundleReader.read(out);
        TrainedRouter r = b2.router();
        assertEquals(List.of("mathstral", "coder-xl", "bard-mini", "generalist", "poet-pro"), r.pool().names());
        assertEquals(5, r.rule().memory().models());
        // the new column holds the scored prompts' scores, and elsewhere predictions from the other models' scores in [0, 1]
        java.util.Set<String> scoredIds = new java.util.HashSet<>(scores.rows().stream().map(ScoredPrompts.Row::id).toList());
        List<String> ids = r.rule().memory().promptIds();
        int scoredSeen = 0;
        for (int i = 0; i < r.rule().memory().size(); i++) {
            float s = r.rule().memory().score(i, 4);
            if (scoredIds.contains(ids.get(i))) {
                scoredSeen++;
                assertEquals(i % 3 == 2 ? 1f : 0f, s, 0f, "row " + i);
            } else {
                assertTrue(s >= 0 && s <= 1, "row " + i + ": " + s);
            }
        }
        assertEquals(scores.rows().size(), scoredSeen);
        // old columns and statistics are unchanged
        assertArrayEquals(base.router().rule().generalMean(), Arrays.copyOf(r.rule().generalMean(), 4), 0f);

        List<String> probes = List.of("Write a short poem about the sea", "Write a short poem about coffee", "Solve for x: 4 x + 9 = 21",
                "Write a Python function that counts words");
        float[] emb = TrigramEmbedder.vectors(probes);
        for (RoutingPolicy p : List.of(new RoutingPolicy(0, 0, null), new RoutingPolicy(0.5, 0, null))) {
            List<PromptDecision> d = r.route(emb, probes, p);
            assertEquals(4, d.get(0).decision().chosenModel(), "poem → the new model at α " + p.alpha());
            assertEquals(4, d.get(1).decision().chosenModel(), "poem → the new model at α " + p.alpha());
            assertFalse(d.get(2).decision().chosenModel() == 4, "algebra: the new model is clearly worse");
            assertFalse(d.get(3).decision().chosenModel() == 4, "Python: the new model is clearly worse");
        }
        // without it the poems went to bard-mini
        assertEquals(2, base.router().route(emb, probes, new RoutingPolicy(0, 0, null)).get(0).decision().chosenModel());

        // candidates: it joins the poem task, not the others where it is worse than a cheaper-or-equal candidate
        assertTrue(o.candidateOf().contains(poemTask(r)), o.candidateOf().toString());
        assertEquals(4, r.tasks().get(poemTask(r)).candidates()[0], "the best estimate comes first");
        BundleDiff diff = BundleDiff.of(base, b2);
        assertTrue(diff.settings().stream().anyMatch(c -> c.path().equals("models.poet-pro.costPerQuery") && c.a() == null), diff.toString());
        assertTrue(diff.candidateChanges().stream().anyMatch(c -> c.summary().equals("Write short poems") && c.b().contains("poet-pro")),
                diff.toString());

        // provenance
        JsonNode p = b2.manifest().hyperparameters().path("onboarding").path("poet-pro");
        assertEquals(scores.rows().size(), p.path("scoredPrompts").asInt());
        assertEquals(scores.rows().size(), p.path("promptIds").size());
        assertEquals(42, p.path("planSeed").asLong());
        assertEquals(dev.finerouter.engine.decisionlog.BundleIdentity.id(base.manifest()), p.path("parentBundleId").asText());
        assertEquals("bard-mini", p.path("donor").asText(), "bard-mini is right on the poems and wrong elsewhere, like the new model");
        assertTrue(p.path("memoryColumn").asText().startsWith("regression on the existing models' scores"), p.toString());
        assertEquals(scores.rows().size(), p.path("memoryColumnFit").path("prompts").asInt());
        assertTrue(p.path("memoryColumnFit").path("lambda").asDouble() > 0 && p.path("memoryColumnFit").path("looRmse").isNumber(), p.toString());
        assertEquals(NOW.toString(), b2.manifest().createdAt());
    }

    @Test
    void aGuardedTaskIsNotRoutedToTheNewModelHoweverHighItsGeneralEstimate() throws Exception {
        RouterBundle guarded = BundleReader.read(OnboardFixture.bundleWithGuardedPoems(dir));
        OnboardPlan plan = OnboardPlanner.plan(guarded, memory, new OnboardPlan.Settings(16, null, 42));
        Path file = dir.resolve("plan-guarded.jsonl");
        plan.write(file);
        // right on every poem, 0.9 elsewhere: its general estimate is above every existing model's
        ScoredPrompts scores = ScoredPrompts.read(OnboardFixture.score(file, POET.name(), 1, 0.9), POET.name());
        ModelOnboarder.Onboarding o = ModelOnboarder.prepare(guarded, memory, scores, POET, NOW);
        TrainedRouter r = o.router();
        float[] g = r.rule().generalMean();
        assertEquals(4, OnboardEstimate.argmax(g), "the new model has the highest general estimate");
        int poems = poemTask(r);
        List<String> probes = List.of("Write a short poem about the sea", "Solve for x: 4 x + 9 = 21");
        float[] emb = TrigramEmbedder.vectors(probes);
        List<PromptDecision> d = r.route(emb, probes, new RoutingPolicy(0, 0, null));
        assertEquals(poems, d.get(0).decision().task());
        int validated = OnboardEstimate.argmax(guarded.router().rule().generalMean());
        assertEquals(validated, d.get(0).decision().chosenModel(), "the guarded poem task keeps the model its guard was validated with");
        assertEquals(4, d.get(1).decision().chosenModel(), "an unguarded task: the new model competes");
        JsonNode note = o.provenance().path("fallbacks").get(0);
        assertEquals(poems, note.path("task").asInt());
        assertEquals(guarded.router().pool().get(validated).name(), note.path("fallsBackTo").asText());
        assertFalse(note.path("compared").asBoolean());
        // written and read back, the bundle routes the same
        Path out = dir.resolve("b-guarded.frb");
        ModelOnboarder.write(guarded, o, out, NOW);
        RouterBundle b2 = BundleReader.read(out);
        assertEquals(validated, b2.router().route(emb, probes, new RoutingPolicy(0, 0, null)).get(0).decision().chosenModel());

        // a second model onboarded into B′: the guard's row keeps the first one out and adds the second, also not compared
        ModelSpec second = new ModelSpec("poet-two", "Poet Two", 0.001, null, null);
        Path file2 = dir.resolve("plan-guarded-2.jsonl");
        OnboardPlanner.plan(b2, memory, new OnboardPlan.Settings(16, null, 42)).write(file2);
        ModelOnboarder.Onboarding o2 = ModelOnboarder.prepare(b2, memory,
                ScoredPrompts.read(OnboardFixture.score(file2, second.name(), 1, 0.95), second.name()), second, NOW);
        float[] row = o2.router().rule().fallbackMean()[poems];
        assertEquals(6, row.length);
        assertTrue(Float.isNaN(row[4]) && Float.isNaN(row[5]), Arrays.toString(row));
        assertEquals(validated, o2.router().route(emb, probes, new RoutingPolicy(0, 0, null)).get(0).decision().chosenModel());
        assertEquals(guarded.router().pool().get(validated).name(), o2.provenance().path("fallbacks").get(0).path("fallsBackTo").asText());
    }

    @Test
    void underAGlobalFallbackTheNewModelReplacesTheFallbacksModelOnlyWhenItsScoresShowItAhead() throws Exception {
        RouterBundle fallen = BundleReader.read(OnboardFixture.bundleFallenBack(dir));
        int validated = fallen.router().rule().generalBest();
        Path file = dir.resolve("plan-fallback.jsonl");
        OnboardPlanner.plan(fallen, memory, new OnboardPlan.Settings(16, null, 42)).write(file);
        List<String> probes = List.of("Write a short poem about the sea", "Solve for x: 4 x + 9 = 21");
        float[] emb = TrigramEmbedder.vectors(probes);
        RoutingPolicy quality = new RoutingPolicy(0, 0, null);
        // right everywhere: ahead of the fallback's model on every scored prompt it failed → every prompt goes to it
        ModelOnboarder.Onboarding strong = ModelOnboarder.prepare(fallen, memory,
                ScoredPrompts.read(OnboardFixture.score(file, POET.name(), 1, 1), POET.name()), POET, NOW);
        JsonNode note = strong.provenance().path("fallbacks").get(0);
        assertEquals("all", note.path("task").asText());
        assertTrue(note.path("ahead").asBoolean(), note.toString());
        for (PromptDecision d : strong.router().route(emb, probes, quality)) {
            assertEquals(4, d.decision().chosenModel());
        }
        // right on the poems only: behind overall → every prompt stays with the fallback's model
        ModelOnboarder.Onboarding weak = ModelOnboarder.prepare(fallen, memory,
                ScoredPrompts.read(OnboardFixture.score(file, POET.name(), 1, 0), POET.name()), POET, NOW);
        assertFalse(weak.provenance().path("fallbacks").get(0).path("ahead").asBoolean());
        for (PromptDecision d : weak.router().route(emb, probes, quality)) {
            assertEquals(validated, d.decision().chosenModel());
        }
    }

    @Test
    void theStageTwoPredictionIsTheDonorsGeneralAdapterShiftedByTheGeneralAndTaskOffsets() throws Exception {
        ModelOnboarder.Onboarding o = ModelOnboarder.prepare(base, memory, scored(1, 0), POET, NOW);
        float[] emb = TrigramEmbedder.vectors(List.of("Write a short poem about rain", "Solve for x: 3 x + 1 = 22"));
        int[] tasks = {0, -1};
        float[] before = base.router().estimator().predict(emb, 2, new int[]{-1, -1});
        float[] after = o.router().estimator().predict(emb, 2, tasks);
        float[] old = base.router().estimator().predict(emb, 2, tasks);
        int donor = o.estimate().donor();
        for (int i = 0; i < 2; i++) {
            double q = before[i * 4 + donor];
            double taskOffset = tasks[i] < 0 ? 0 : o.estimate().taskOffsets()[tasks[i]];
            double expected = 1 / (1 + Math.exp(-(Math.log(q / (1 - q)) + o.estimate().logitOffset() + taskOffset)));
            assertEquals(expected, after[i * 5 + 4], 1e-5, "prompt " + i);
            for (int m = 0; m < 4; m++) {
                assertEquals(old[i * 4 + m], after[i * 5 + m], 0f, "the old models' predictions do not move");
            }
        }
    }

    @Test
    void estimatesFollowTheScores() throws Exception {
        OnboardEstimate e = ModelOnboarder.prepare(base, memory, scored(1, 0), POET, NOW).estimate();
        int poems = poemTask(base.router());
        // the fixture's 2-epoch classifier spreads every prompt over all three tasks (p ≈ 0.45 each), so κ = 10 keeps each
        // μ near g; the order still follows the scores, and each task's plain mean and interval are the scored prompts'
        for (OnboardEstimate.TaskEstimate t : e.tasks()) {
            assertTrue(t.observed().n() > 0 && t.observed().low() <= t.observed().mean() && t.observed().mean() <= t.observed().high());
            assertEquals(t.task() == poems ? 1.0 : 0.0, t.observed().mean(), 0, t.toString());
            if (t.task() != poems) {
                assertTrue(t.estimate() < e.tasks().get(poems).estimate(), t + " vs " + e.tasks().get(poems));
                assertTrue(e.taskOffsets()[t.task()] < 0 && e.taskOffsets()[poems] > 0, Arrays.toString(e.taskOffsets()));
            }
        }
        // one third of the remembered prompts are right (the plain stratified mean); g is the paired lower bound: the best
        // model's level plus the shrunk mean difference minus one standard error, so below the plain mean but not far
        assertEquals(1 / 3.0, e.stratifiedMean(), 0.02, e.toString());
        assertTrue(e.generalMean() < e.stratifiedMean() && e.generalMean() > e.stratifiedMean() - 0.1, e.toString());
        for (OnboardEstimate.TaskEstimate t : e.tasks()) {
            assertEquals(Math.max(0, Math.min(1, t.bestEstimate() + t.difference() - t.standardError())), t.estimate(), 1e-6, t.toString());
            assertTrue(t.standardError() > 0, t.toString());
        }
    }

    @Test
    void namePriceAndUnknownPromptsAreRefused() throws Exception {
        ScoredPrompts scores = scored(1, 0);
        ScoredPrompts asBard = ScoredPrompts.read(OnboardFixture.score(dir.resolve("plan.jsonl"), "bard-mini", 1, 0), "bard-mini");
        EngineException e = assertThrows(EngineException.class, () -> ModelOnboarder.prepare(base, memory, asBard,
                new ModelSpec("bard-mini", null, 0.001, null, null), NOW));
        assertTrue(e.getMessage().contains("already in the bundle's pool"), e.getMessage());
        e = assertThrows(EngineException.class, () -> ModelOnboarder.prepare(base, memory, scores, ModelSpec.unpriced("poet-pro"), NOW));
        assertTrue(e.getMessage().contains("no price was given for poet-pro"), e.getMessage());

        Path stranger = dir.resolve("stranger.jsonl");
        Files.writeString(stranger, "{\"id\":\"g-00\",\"scores\":{\"poet-pro\":1}}\n\n{\"id\":\"elsewhere\",\"scores\":{\"poet-pro\":0.5}}\n");
        DataFormatException d = assertThrows(DataFormatException.class,
                () -> ModelOnboarder.prepare(base, memory, ScoredPrompts.read(stranger, "poet-pro"), POET, NOW));
        assertEquals(3, d.line());
        assertEquals("id", d.field());
        assertTrue(d.getMessage().contains("'elsewhere' is not one of the bundle's 48 remembered training prompts"), d.getMessage());
        e = assertThrows(EngineException.class, () -> ModelOnboarder.write(base, ModelOnboarder.prepare(base, memory, scores, POET, NOW),
                base.source(), NOW));
        assertTrue(e.getMessage().contains("would replace"), e.getMessage());
    }

    @Test
    void theNewModelsLabelMeansAverageItsColumnByTheLabelClassifiersProbabilities() {
        // zero weights: P(label | x) = 1/2 for both labels on every prompt, so each label mean is
        // (Σ ½·s_i + κ·g) / (Σ ½ + κ) over the 3 remembered prompts' column (1, 0, 1), g = 0.4, κ = 10
        RouterMemory mem = new RouterMemory(new float[] {1, 0, 0, 1, 1, 0}, 3, 2, new float[] {0.5f, 0.5f, 0.5f}, 1);
        LabelPrior labels = new LabelPrior(List.of("a", "b"), 2, new float[6], new float[][] {{0.3f}, {0.6f}});
        LabelPrior wider = ModelOnboarder.withModel(labels, labels.probabilities(mem.embeddings(), 3), new float[] {1, 0, 1}, 0.4f, 10);
        float expected = (float) ((0.5 * 2 + 10 * 0.4) / (1.5 + 10));
        assertArrayEquals(new float[] {0.3f, expected}, wider.labelMean()[0], 1e-6f);
        assertArrayEquals(new float[] {0.6f, expected}, wider.labelMean()[1], 1e-6f);
        assertEquals(null, ModelOnboarder.withModel(null, null, new float[] {1, 0, 1}, 0.4f, 10), "no label prior, none added");
    }

    @Test
    void theProvenanceNamesEachLabelsEstimateItsScoredWeightAndTheBestExistingModel() {
        // P(label | x) = 1/2 everywhere; prompts 0 and 2 scored → Σ P = 1 per label
        RouterMemory mem = new RouterMemory(new float[] {1, 0, 0, 1, 1, 0}, 3, 2, new float[] {1, 0, 0, 1, 1, 0}, 2);
        LabelPrior labels = new LabelPrior(List.of("a", "b"), 2, new float[6], new float[][] {{0.3f, 0.2f, 0.5f}, {0.6f, 0.7f, 0.4f}});
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ModelPool existing = new ModelPool(List.of(ModelSpec.unpriced("m0"), ModelSpec.unpriced("m1")));
        ModelOnboarder.putLabelMeans(o, labels, labels.probabilities(mem.embeddings(), 3), new float[] {1, Float.NaN, 0}, existing);
        assertEquals(2, o.path("labelMeans").size());
        assertEquals("a", o.path("labelMeans").get(0).path("label").asText());
        assertEquals(1.0, o.path("labelMeans").get(0).path("scoredWeight").asDouble(), 1e-6);
        assertEquals(0.5, o.path("labelMeans").get(0).path("estimate").asDouble(), 1e-6);
        assertEquals("m0", o.path("labelMeans").get(0).path("bestExisting").asText());
        assertEquals(0.3, o.path("labelMeans").get(0).path("bestExistingMean").asDouble(), 1e-6);
        assertEquals("m1", o.path("labelMeans").get(1).path("bestExisting").asText());
        assertEquals(0.4, o.path("labelMeans").get(1).path("estimate").asDouble(), 1e-6);
        assertTrue(o.path("labelMeans").get(0).path("ahead").asBoolean(), "0.5 over m0's 0.3");
        assertFalse(o.path("labelMeans").get(1).path("ahead").asBoolean(), "0.4 under m1's 0.7");
    }

    @Test
    void withARegressionTheLabelMeansArePredictionPowered() {
        // P(label | x) = 1/2 everywhere (zero weights). The fit predicts 0.5 + 0.25·(model 0's score) + δ_task:
        // prompts 0, 1, 2 → 0.75 (task 0, δ 0), 0.5 + 0.1 (task 1, δ 0.1), 0.75 (no task). Leave-one-out residuals
        // +0.2 on prompt 0 and −0.4 on prompt 2 (prompt 1 not scored). Each label's mean is
        // (Σ ½·f_i + κ·g) / (Σ ½ + κ)  +  Σ_scored ½·r_i / (Σ_scored ½ + κ), g = 0.4, κ = 10.
        RouterMemory mem = new RouterMemory(new float[] {1, 0, 0, 1, 1, 0}, 3, 2, new float[] {1, 0, 0, 1, 1, 0}, 2);
        LabelPrior labels = new LabelPrior(List.of("a", "b"), 2, new float[6], new float[][] {{0.3f, 0.2f}, {0.6f, 0.1f}});
        ScoreRegression.Fit fit = new ScoreRegression.Fit(1, 1, 0.3, 2, new double[] {0.5, 0.25, 0}, new double[] {0, 0.1},
                new float[] {0.2f, Float.NaN, -0.4f});
        LabelPrior wider = ModelOnboarder.withModel(labels, labels.probabilities(mem.embeddings(), 3), mem, fit, new int[] {0, 1, -1}, new float[] {0.5f, 0.5f}, 0.4f, 10);
        double base = (0.5 * (0.75 + 0.6 + 0.75) + 10 * 0.4) / (1.5 + 10);
        double correction = 0.5 * (0.2 - 0.4) / (1.0 + 10);
        float expected = (float) (base + correction);
        assertArrayEquals(new float[] {0.3f, 0.2f, expected}, wider.labelMean()[0], 1e-6f);
        assertArrayEquals(new float[] {0.6f, 0.1f, expected}, wider.labelMean()[1], 1e-6f);
        assertEquals(null, ModelOnboarder.withModel(null, null, mem, fit, new int[] {0, 1, -1}, new float[] {0.5f, 0.5f}, 0.4f, 10));
    }

    @Test
    void aGuardedTaskKeepsItsValidatedModelsAndTheGlobalFallbackTakesTheNewModelOnlyAheadBeyondOneSe() {
        // 6 remembered prompts × 2 models, tasks 0, 0, 0, 1, 1, 1; model 0 is the general best (g = 0.6, 0.4); task 0 is guarded
        float[] scores = {1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0};
        RouterMemory mem = new RouterMemory(new float[12], 6, 2, scores, 2);
        float[] g = {0.6f, 0.4f};
        ModelPool existing = new ModelPool(List.of(ModelSpec.unpriced("m0"), ModelSpec.unpriced("m1")));
        int[] taskOf = {0, 0, 0, 1, 1, 1};
        RobustRule guarded = new RobustRule(mem, 1, 1, 10, g, new float[][] {g, g}, Arrays.asList("lost on dev", null), null, Double.NaN);
        // the new model on task 0's prompts: 1, 1, 1 against m0's 1, 1, 1 and on task 1's: 1 against 0 — far ahead
        // overall, yet not compared in the guarded task; the note says how its scored prompts there compare (d = 0, 0, 0)
        ArrayNode notes = JsonNodeFactory.instance.arrayNode();
        float[] strong = {1, 1, 1, 1, Float.NaN, Float.NaN};
        float[][] rows = ModelOnboarder.fallbackMean(guarded, mem, strong, taskOf, existing, notes);
        assertArrayEquals(new float[] {0.6f, 0.4f, Float.NaN}, rows[0], 0f);
        assertNull(rows[1]);
        assertNull(rows[2]);
        assertEquals(1, notes.size());
        assertEquals(0, notes.get(0).path("task").asInt());
        assertEquals("m0", notes.get(0).path("fallsBackTo").asText());
        assertEquals(3, notes.get(0).path("prompts").asInt());
        assertEquals(0, notes.get(0).path("difference").asDouble(), 1e-9);
        assertFalse(notes.get(0).path("compared").asBoolean());
        assertFalse(notes.get(0).path("ahead").asBoolean());

        // under a global fallback every scored prompt counts: d = 1 − 1, 1 − 0, 1 − 0, 1 − 0 → mean ¾, sd ½, SE ¼: ahead
        RobustRule global = new RobustRule(mem, 1, 1, 10, g, new float[][] {g, g}, Arrays.asList(null, null), "all lost", Double.NaN);
        float[] ahead = {Float.NaN, Float.NaN, 1, 1, 1, 1};
        ArrayNode globalNotes = JsonNodeFactory.instance.arrayNode();
        float[][] all = ModelOnboarder.fallbackMean(global, mem, ahead, taskOf, existing, globalNotes);
        assertNull(all[0]);
        assertArrayEquals(new float[] {0.6f, 0.4f, (float) (0.6 + 0.75 - 0.25)}, all[2], 1e-6f);
        assertEquals("all", globalNotes.get(0).path("task").asText());
        assertEquals(0.25, globalNotes.get(0).path("standardError").asDouble(), 1e-9);
        assertTrue(globalNotes.get(0).path("ahead").asBoolean());
        // behind: d = 0 − 1, 0 − 1, 1 − 1 → mean −⅔, SE ⅓: value 0.6 − 1, compared but not ahead
        float[][] behind = ModelOnboarder.fallbackMean(global, mem, new float[] {0, 0, 1, Float.NaN, Float.NaN, Float.NaN}, taskOf, existing,
                JsonNodeFactory.instance.arrayNode());
        assertEquals((float) (0.6 - 2.0 / 3 - 1.0 / 3), behind[2][2], 1e-6f);
        // one paired prompt: not compared; a bundle without fallbacks: no rows
        assertTrue(Float.isNaN(ModelOnboarder.fallbackMean(global, mem, new float[] {1, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN},
                taskOf, existing, JsonNodeFactory.instance.arrayNode())[2][2]));
        RobustRule plain = new RobustRule(mem, 1, 1, 10, g, new float[][] {g, g}, Arrays.asList(null, null), null, Double.NaN);
        assertNull(ModelOnboarder.fallbackMean(plain, mem, strong, taskOf, existing, notes));
    }

    @Test
    void aModelJoinsTheCandidatesUnlessOneIsAtLeastAsGoodAndAsCheap() {
        // model 2 (0.7, cost 1): model 0 is better but dearer, model 1 worse → joins, before model 1
        assertArrayEquals(new int[]{0, 2, 1}, ModelOnboarder.withCandidate(new int[]{0, 1}, new float[]{0.9f, 0.5f, 0.7f}, new double[]{2, 1, 1}, 2));
        // model 1 is as good and cheaper → dominated
        assertArrayEquals(new int[]{0, 1}, ModelOnboarder.withCandidate(new int[]{0, 1}, new float[]{0.9f, 0.7f, 0.7f}, new double[]{2, 0.5, 1}, 2));
        // the best: first; an unknown candidate quality neither dominates nor ranks above
        assertArrayEquals(new int[]{2, 0, 1}, ModelOnboarder.withCandidate(new int[]{0, 1}, new float[]{0.6f, Float.NaN, 0.8f}, new double[]{0, 0, 1}, 2));
    }

    @Test
    void scoredFilesNameTheLineAndField() throws Exception {
        Path f = dir.resolve("s.jsonl");
        Files.writeString(f, "{\"id\":\"g-00\",\"scores\":{\"poet-pro\":1.5}}\n");
        DataFormatException d = assertThrows(DataFormatException.class, () -> ScoredPrompts.read(f, "poet-pro"));
        assertEquals("scores.poet-pro", d.field());
        assertTrue(d.getMessage().startsWith(f + ":1: field 'scores.poet-pro': score 1.5 is outside [0, 1]"), d.getMessage());
        Files.writeString(f, "{\"id\":\"g-00\",\"scores\":{\"poet-pro\":1}}\n{\"id\":\"g-01\",\"scores\":{\"bard-mini\":1}}\n");
        d = assertThrows(DataFormatException.class, () -> ScoredPrompts.read(f, "poet-pro"));
        assertEquals(2, d.line());
        assertEquals("scores.bard-mini", d.field());
        Files.writeString(f, "{\"id\":\"g-00\",\"scores\":{\"poet-pro\":1}}\n{\"id\":\"g-00\",\"scores\":{\"poet-pro\":0}}\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ScoredPrompts.read(f, "poet-pro")).getMessage().contains("duplicate id 'g-00'"));
        Files.writeString(f, "{\"id\":\"g-00\",\"scores\":{}}\n{\"id\":\"g-01\",\"scores\":{\"poet-pro\":null}}\n");
        d = assertThrows(DataFormatException.class, () -> ScoredPrompts.read(f, "poet-pro"));
        assertTrue(d.getMessage().contains("no prompt has a score for poet-pro (2 rows without one)"), d.getMessage());
        Files.writeString(f, "{\"id\":\"g-00\",\"scores\":{\"poet-pro\":1}}\nnot json\n");
        assertEquals(2, assertThrows(DataFormatException.class, () -> ScoredPrompts.read(f, "poet-pro")).line());
        assertThrows(DataFormatException.class, () -> ScoredPrompts.read(dir.resolve("missing.jsonl"), "poet-pro"));
    }

    /**
     * Unscored prompts take their task reference's score moved by the one map of [0, 1] that turns the reference's mean
     * into the new model's estimate; scored prompts and prompts without a reference score stay as they are.
     */
    @Test
    void unscoredPromptsFollowTheirTaskReferenceMapped() {
        // 5 remembered prompts × 2 models; tasks 0, 0, 1, 1 and none
        float n = Float.NaN;
        float[] scores = {
                1, 0,
                0, 1,
                1, 0,
                0, n,
                1, 0};
        RouterMemory memory = new RouterMemory(new float[5], 5, 1, scores, 2);
        float[][] taskMean = {{0.5f, 0.4f}, {0.2f, 0.8f}}; // references: model 0 in task 0, model 1 in task 1
        float[] general = {0.3f, 0.6f};                     // reference of no task: model 1
        float[] column = {n, 0.25f, n, n, n};
        float[] filled = ModelOnboarder.imputed(column, memory, new int[]{0, 0, 1, 1, -1}, taskMean, new float[]{0.75f, 0.4f}, general, 0.3f);
        // task 0 up from 0.5 to 0.75: s + (1 − s)·0.5; prompt 1 was scored and keeps 0.25
        assertEquals(1f, filled[0], 1e-6);
        assertEquals(0.25f, filled[1], 0);
        // task 1 down from 0.8 to 0.4: s·0.5 on model 1's score 0; prompt 3's reference score is unknown
        assertEquals(0f, filled[2], 1e-6);
        assertTrue(Float.isNaN(filled[3]));
        // no task: general reference model 1 (0.6 → 0.3), its score 0 stays 0
        assertEquals(0f, filled[4], 1e-6);
        float[] up = ModelOnboarder.imputed(new float[]{n, n, n, n, n}, memory, new int[]{1, 1, 1, 1, 1}, taskMean, new float[]{0.2f, 0.9f}, general, 0.3f);
        // task 1 up from 0.8 to 0.9: s + (1 − s)·0.5 on model 1's scores 0, 1, 0, NaN, 0
        assertArrayEquals(new float[]{0.5f, 1f, 0.5f, n, 0.5f}, up, 1e-6f);
    }
}

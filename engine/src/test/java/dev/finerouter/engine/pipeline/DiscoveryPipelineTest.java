package dev.finerouter.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.data.SplitConfig;
import dev.finerouter.engine.data.SplitSummary;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage 1 end to end with the real offline describer and the bundled MiniLM encoder on three clear task groups. */
class DiscoveryPipelineTest {
    @TempDir
    static Path dir;
    static RoutingDataset dataset;

    @BeforeAll
    static void makeDataset() {
        dataset = ToyRoutingData.create(30, i -> Split.TRAIN);
    }

    private static PipelineConfig config() {
        return PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(1));
    }

    @Test
    void degenerateDiscoveryIsSaidOnlyAboveTheMinimumSize() {
        assertEquals(null, metrics(2, 0.5, 0.1, 299).degenerateWarning(), "too few prompts to judge");
        assertTrue(metrics(2, 0.5, 0.1, 2400).degenerateWarning().contains("only 2 tasks from 2400 training prompts"));
        assertTrue(metrics(5, 0.61, 0.1, 2400).degenerateWarning().contains("one task holds 61%"));
        assertTrue(metrics(5, 0.2, 0.7, 2400).degenerateWarning().contains("70% of the 2400 training prompts are in Others"));
        assertEquals(null, metrics(3, 0.6, 0.6, 2400).degenerateWarning(), "at the bounds it is not degenerate");
    }

    @Test
    void modelsTheTrainingPromptsScoreTooThinlyAreNamed() {
        // 90 training prompts: the coder's scores dropped from all of them, the quizzer's from all but 19
        float[] scores = new float[dataset.prompts().size() * 3];
        for (int i = 0; i < dataset.prompts().size(); i++) {
            scores[i * 3] = dataset.scores().get(i, 0);
            scores[i * 3 + 1] = Float.NaN;
            scores[i * 3 + 2] = i < RobustRule.MIN_SCORED_PROMPTS - 1 ? dataset.scores().get(i, 2) : Float.NaN;
        }
        RoutingDataset thin = new RoutingDataset("thin", "fp", dataset.prompts(), dataset.pool(),
                dev.finerouter.engine.model.ScoreMatrix.of(dataset.prompts().size(), 3, scores), null);
        int[] train = thin.indicesOf(Split.TRAIN);
        List<String> warnings = DiscoveryPipeline.sparseModels(thin, train);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("model coder has no score on any of the 90 training prompts"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("model quizzer is scored on only 19 of the 90 training prompts: the default rule "
                + "does not choose it (fewer than 20, and other models are scored on 90"), warnings.get(1));
        assertTrue(DiscoveryPipeline.sparseModels(dataset, train).isEmpty(), "every model scored on every training prompt");
    }

    @Test
    void theSplitStepWarnsOfTextsInTwoSplitsAndNamesPooledLabels() {
        Map<Split, Integer> counts = Map.of(Split.TRAIN, 8, Split.DEV, 1, Split.TEST, 1);
        assertTrue(DiscoveryPipeline.splitNotes(new SplitSummary("kept", SplitConfig.DEFAULT, counts, "task", 0, 3, 0)).isEmpty());
        List<String> notes = DiscoveryPipeline.splitNotes(new SplitSummary("kept", SplitConfig.DEFAULT, counts, "task", 4, 3, 2));
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("warning: 2 prompt texts occur in more than one split"), notes.get(0));
        assertTrue(notes.get(1).startsWith("4 task labels too small"), notes.get(1));
    }

    private static DiscoveryMetrics metrics(int tasks, double largest, double others, int prompts) {
        return new DiscoveryMetrics(tasks, 2, 0.2, others, null, null, prompts, largest);
    }

    @Test
    void findsTheThreeGroupsTheirBestModelsAndWritesAReport() throws Exception {
        DiscoveryResult r = new DiscoveryPipeline(dir.resolve("cache"), PipelineListener.NONE).run(dataset, config(), StageContext.silent(42));
        DiscoveryMetrics m = DiscoveryMetrics.of(r);
        assertTrue(m.tasks() >= 3, "at least the three groups: " + m.tasks());
        assertTrue(m.agreementWithSubtask().nmi() > 0.6, "agreement with the three groups: " + m.agreementWithSubtask());
        int majoritySum = 0;
        int clustered = 0;
        for (DiscoveredTask t : r.discovery().tasks()) {
            int[] perGroup = new int[3];
            for (int member : t.memberIndices()) {
                perGroup[r.dataset().prompts().get(r.datasetRow(member)).subtask().charAt(6) - '0']++;
            }
            int majority = perGroup[0] >= perGroup[1] && perGroup[0] >= perGroup[2] ? 0 : perGroup[1] >= perGroup[2] ? 1 : 2;
            majoritySum += perGroup[majority];
            clustered += t.size();
            assertEquals(majority, t.candidates()[0], "a task's first candidate is the best model of its main group");
        }
        assertTrue(majoritySum >= 0.9 * clustered, "tasks are (nearly) pure: " + majoritySum + " of " + clustered);
        assertEquals(r.discovery().tasks().size(), r.summaries().size());

        Path out = dir.resolve("report");
        DiscoveryReportWriter.write(r, m, out);
        ObjectMapper json = new ObjectMapper();
        JsonNode run = json.readTree(out.resolve("run.json").toFile());
        assertEquals(42, run.get("seed").asLong());
        assertEquals("toy-fingerprint", run.get("dataFingerprint").asText());
        assertEquals("offline-extractive/v1", run.get("describer").asText());
        assertTrue(run.get("encoder").asText().contains("sha256="));
        JsonNode tasks = json.readTree(out.resolve("tasks.json").toFile());
        assertEquals(r.discovery().tasks().size(), tasks.size());
        assertEquals(r.trainRows().length, Files.readAllLines(out.resolve("assignments.jsonl")).size(), "one line per training prompt (dev was carved out of train)");
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| Others |"));
    }

    @Test
    void rerunIsCachedAndIdenticalAndTauOnlyReclusters() throws Exception {
        Path cache = dir.resolve("cache2");
        DiscoveryResult first = new DiscoveryPipeline(cache, PipelineListener.NONE).run(dataset, config(), StageContext.silent(42));
        DiscoveryResult second = new DiscoveryPipeline(cache, PipelineListener.NONE).run(dataset, config(), StageContext.silent(42));
        assertTrue(DiscoveryPipeline.byStage(second.timings()).get(PipelineStage.GRAPH).cached(), "the prompt graph comes from the cache");
        assertArrayEquals(first.discovery().assignment().taskOfPrompt(), second.discovery().assignment().taskOfPrompt());
        assertEquals(first.summaries(), second.summaries());

        PipelineConfig strict = config().withStage1(config().stage1().withTau(0.95));
        DiscoveryResult tauChanged = new DiscoveryPipeline(cache, PipelineListener.NONE).run(dataset, strict, StageContext.silent(42));
        assertTrue(DiscoveryPipeline.byStage(tauChanged.timings()).get(PipelineStage.GRAPH).cached(), "τ does not invalidate kNN + RBO");
        assertEquals(0.95, tauChanged.config().stage1().tau());
    }

    @Test
    void cancellationStopsTheRun() {
        AtomicBoolean cancelled = new AtomicBoolean(true);
        StageContext ctx = StageContext.of(1, (f, msg) -> { }, line -> { }, cancelled);
        assertThrows(CancelledException.class,
                () -> new DiscoveryPipeline(null, PipelineListener.NONE).run(dataset, config(), ctx));
    }
}

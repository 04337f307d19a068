package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.DeviceChoice;
import dev.finerouter.engine.train.DeviceSelector;
import dev.finerouter.engine.train.TrainingDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage 1 + Stage 2 end to end on three clear groups: the trained router sends each test prompt to its group's model. */
class RouterTrainingPipelineTest {
    @TempDir
    Path cache;

    private static TrainingConfig quickTraining(long seed) {
        TrainingConfig d = TrainingConfig.defaults(seed);
        return new TrainingConfig(d.classifier().withEpochs(15), d.estimator().withEpochs(15, 5), DeviceChoice.CPU, 0.1);
    }

    private TrainingResult train(RoutingDataset data) throws Exception {
        PipelineConfig config = PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(1));
        DiscoveryResult stage1 = new DiscoveryPipeline(cache, PipelineListener.NONE).run(data, config, StageContext.silent(42));
        return new RouterTrainingPipeline(cache, PipelineListener.NONE).train(stage1, quickTraining(42), StageContext.silent(42));
    }

    @Test
    void routesTestPromptsToTheirGroupsModelAndIsDeterministic() throws Exception {
        RoutingDataset data = ToyRoutingData.create(40, i -> i % 10 == 0 ? Split.TEST : i % 10 == 1 ? Split.DEV : Split.TRAIN);
        TrainingResult result = train(data);
        assertEquals("cpu", result.device());
        assertTrue(result.classifierHeldOut().accuracy() >= 0.7, "classifier learns the cluster labels: " + result.classifierHeldOut());

        int[] test = result.discovery().dataset().indicesOf(Split.TEST);
        List<String> texts = java.util.Arrays.stream(test).mapToObj(r -> data.prompts().get(r).text()).toList();
        List<PromptDecision> decisions = result.router().route(result.embeddingsOf(test), texts, RoutingPolicy.PAPER);
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            int group = data.prompts().get(test[i]).subtask().charAt(6) - '0';
            if (decisions.get(i).decision().chosenModel() == group) {
                correct++;
            }
        }
        assertTrue(correct >= test.length - 1, correct + " of " + test.length + " test prompts routed to their group's model");

        TrainingResult again = train(data);
        List<PromptDecision> same = again.router().route(again.embeddingsOf(test), texts, RoutingPolicy.PAPER);
        for (int i = 0; i < test.length; i++) {
            assertEquals(decisions.get(i).decision().chosenModel(), same.get(i).decision().chosenModel(), "same seed, same route");
        }

        List<PromptDecision> cheapest = result.router().route(result.embeddingsOf(test), texts, RoutingPolicy.PAPER.withTolerance(1));
        for (PromptDecision d : cheapest) {
            int cheapestCompared = d.decision().compared().stream().min(java.util.Comparator.comparingDouble(s -> s.cost())).orElseThrow().model();
            assertEquals(cheapestCompared, d.decision().chosenModel(), "tolerance 1 picks the cheapest compared model");
        }
    }

    @Test
    void choosingLevelsTriesEachLevelAndTrainsOnTheOneTheRulesOwnSearchRanksFirst() throws Exception {
        RoutingDataset data = ToyRoutingData.create(40, i -> i % 10 == 0 ? Split.TEST : i % 10 == 1 ? Split.DEV : Split.TRAIN);
        PipelineConfig config = PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(3));
        DiscoveryResult stage1 = new DiscoveryPipeline(cache, PipelineListener.NONE).run(data, config, StageContext.silent(42));
        int made = stage1.discovery().assignment().communitiesPerLevel().length;
        assertTrue(made >= 2, "the toy data needs a second level to choose from: " + made);

        TrainingResult result = new RouterTrainingPipeline(cache, PipelineListener.NONE)
                .train(stage1, quickTraining(42).withChooseLevels(true), StageContext.silent(42));
        List<LevelTrial> trials = result.levelSearch();
        assertEquals(made, trials.size(), "one trial per level the Stage-1 run made");
        assertEquals(1, trials.stream().filter(LevelTrial::chosen).count());
        LevelTrial chosen = trials.stream().filter(LevelTrial::chosen).findFirst().orElseThrow();
        for (LevelTrial t : trials) {
            assertTrue(t.qual() <= chosen.qual(), "the chosen ℓ routes the search's prompts best: " + trials);
        }
        assertEquals(chosen.levels(), result.discovery().config().stage1().levels(), "the result is the chosen ℓ's discovery");
        assertEquals(chosen.tasks(), result.router().tasks().size());
        assertEquals(chosen.k(), result.tuning().rule().k(), "the rule's own search picks the same k at the chosen ℓ");
        assertEquals(chosen.beta(), result.tuning().rule().beta(), "and the same β");
        int[] sameLevel = DiscoveryPipeline.atLevels(stage1, chosen.levels(), StageContext.silent(42)).discovery().assignment().taskOfPrompt();
        assertArrayEquals(sameLevel, result.discovery().discovery().assignment().taskOfPrompt());

        com.fasterxml.jackson.databind.JsonNode manifest = dev.finerouter.engine.bundle.BundleMetadata.of(result, result.recommendedPolicy(),
                java.time.Instant.EPOCH).hyperparameters();
        com.fasterxml.jackson.databind.JsonNode rows = manifest.path("routingRule").path("levelSearch");
        assertEquals(trials.size(), rows.size(), "the manifest lists every ℓ tried: " + manifest);
        assertEquals(chosen.levels(), manifest.path("pipeline").path("stage1").path("levels").asInt(), "and records the chosen ℓ");
        assertTrue(manifest.path("training").path("chooseLevels").asBoolean(), "and that ℓ was chosen: " + manifest.path("training"));
        assertTrue(EvaluationSuite.ruleChoices(result).get(0).contains("ℓ = " + chosen.levels() + " chosen on " + chosen.prompts() + " prompts"),
                EvaluationSuite.ruleChoices(result).toString());

        TrainingResult given = new RouterTrainingPipeline(cache, PipelineListener.NONE).train(stage1, quickTraining(42), StageContext.silent(42));
        assertTrue(given.levelSearch().isEmpty(), "ℓ as given: no search");
        assertEquals(3, given.discovery().config().stage1().levels());
        TrainingResult paper = new RouterTrainingPipeline(cache, PipelineListener.NONE).train(stage1,
                quickTraining(42).withChooseLevels(true).withPreset(dev.finerouter.engine.route.RouterPreset.PAPER), StageContext.silent(42));
        assertTrue(paper.levelSearch().isEmpty(), "the paper preset keeps the paper's ℓ");
    }

    @Test
    void aRouterTrainedOnTheChosenLevelEqualsOneTrainedWithThatLevelGivenAlsoWhenTheSearchRanOnASample() throws Exception {
        RoutingDataset data = ToyRoutingData.create(40, i -> i % 10 == 0 ? Split.TEST : i % 10 == 1 ? Split.DEV : Split.TRAIN);
        PipelineConfig config = PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(3));
        DiscoveryResult stage1 = new DiscoveryPipeline(cache, PipelineListener.NONE).run(data, config, StageContext.silent(42));
        int n = stage1.trainRows().length;
        for (int cap : new int[] {n, 60}) {
            TrainingResult searched = new RouterTrainingPipeline(cache, PipelineListener.NONE)
                    .train(stage1, quickTraining(42).withChooseLevels(true), StageContext.silent(42), cap);
            LevelTrial chosen = searched.levelSearch().stream().filter(LevelTrial::chosen).findFirst().orElseThrow();
            int dev = searched.discovery().dataset().indicesOf(Split.DEV).length;
            assertEquals(dev + Math.min(n, cap), chosen.prompts(), "the search judges dev and the (sampled) training prompts left out");
            DiscoveryResult fixed = DiscoveryPipeline.atLevels(stage1, chosen.levels(), StageContext.silent(42));
            TrainingResult given = new RouterTrainingPipeline(cache, PipelineListener.NONE).train(fixed, quickTraining(42), StageContext.silent(42));
            var a = searched.router().classifier().parameters();
            var b = given.router().classifier().parameters();
            assertEquals(b.names(), a.names());
            for (String name : a.names()) {
                assertArrayEquals(b.values(name), a.values(name), "cap " + cap + ": the router's classifier is trained on every prompt: " + name);
            }
            assertEquals(given.tuning().rule().k(), searched.tuning().rule().k(), "cap " + cap);
            assertEquals(given.tuning().rule().beta(), searched.tuning().rule().beta(), "cap " + cap);
            assertEquals(given.tuning().alpha(), searched.tuning().alpha(), "cap " + cap);
            assertEquals(given.tuning().note(), searched.tuning().note(), "cap " + cap);
        }
        int[] sample = RouterTrainingPipeline.seededSample(1000, 300, 7);
        assertEquals(300, sample.length);
        assertArrayEquals(sample, RouterTrainingPipeline.seededSample(1000, 300, 7), "seeded");
        assertTrue(java.util.stream.IntStream.range(1, sample.length).allMatch(i -> sample[i] > sample[i - 1]), "ascending, distinct");
        assertArrayEquals(java.util.stream.IntStream.range(0, 200).toArray(), RouterTrainingPipeline.seededSample(200, 300, 7),
                "under the cap: every prompt");
    }

    @Test
    void aDiscoveryAtFewerLevelsEqualsARunWithThoseLevels() throws Exception {
        RoutingDataset data = ToyRoutingData.create(40, i -> i % 10 == 0 ? Split.TEST : i % 10 == 1 ? Split.DEV : Split.TRAIN);
        DiscoveryPipeline pipeline = new DiscoveryPipeline(cache, PipelineListener.NONE);
        DiscoveryResult three = pipeline.run(data, PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(3)), StageContext.silent(42));
        for (int levels = 1; levels <= 2; levels++) {
            DiscoveryResult direct = pipeline.run(data, PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(levels)),
                    StageContext.silent(42));
            DiscoveryResult derived = DiscoveryPipeline.atLevels(three, levels, StageContext.silent(42));
            assertArrayEquals(direct.discovery().assignment().taskOfPrompt(), derived.discovery().assignment().taskOfPrompt(), "ℓ = " + levels);
            assertArrayEquals(direct.discovery().assignment().communitiesPerLevel(), derived.discovery().assignment().communitiesPerLevel());
            assertEquals(direct.summaries(), derived.summaries());
            assertEquals(direct.config(), derived.config());
        }
    }

    @Test
    void foldsAreSeededBalancedAndCoverEveryPrompt() {
        int[] a = RouterTrainingPipeline.folds(23, 5, 7);
        assertArrayEquals(a, RouterTrainingPipeline.folds(23, 5, 7), "same seed, same folds");
        assertFalse(java.util.Arrays.equals(a, RouterTrainingPipeline.folds(23, 5, 8)), "another seed deals otherwise");
        int[] sizes = new int[5];
        for (int f : a) {
            sizes[f]++;
        }
        assertArrayEquals(new int[]{5, 5, 5, 4, 4}, sizes);
    }

    @Test
    void aPromptsCrossFittedProbabilitiesDoNotDependOnItsOwnLabel() throws Exception {
        // 60 random prompts in 8 dimensions, 3 tasks; flipping prompt 0's label retrains the classifiers of the folds
        // that do not hold prompt 0, never the one that predicts it
        int n = 60;
        int dim = 8;
        int tasks = 3;
        java.util.Random random = new java.util.Random(3);
        float[] all = new float[n * dim];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) random.nextGaussian();
        }
        float[] taskVectors = new float[tasks * dim];
        for (int i = 0; i < taskVectors.length; i++) {
            taskVectors[i] = (float) random.nextGaussian();
        }
        int[] rows = new int[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
            labels[i] = i % tasks;
        }
        TrainingConfig d = TrainingConfig.defaults(42);
        TrainingConfig config = new TrainingConfig(d.classifier().withEpochs(3), d.estimator(), DeviceChoice.CPU, 0.1);
        TrainingDevice cpu = DeviceSelector.select(DeviceChoice.CPU);
        float[] before = RouterTrainingPipeline.crossFittedProbabilities(config, taskVectors, tasks, all, dim, rows, labels, cpu,
                StageContext.silent(42));
        int[] flipped = labels.clone();
        flipped[0] = (labels[0] + 1) % tasks;
        float[] after = RouterTrainingPipeline.crossFittedProbabilities(config, taskVectors, tasks, all, dim, rows, flipped, cpu,
                StageContext.silent(42));
        assertEquals(n * tasks, before.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(before, 0, tasks), java.util.Arrays.copyOfRange(after, 0, tasks), 0f,
                "prompt 0 is predicted by a classifier that never saw its label");
        int fold0 = RouterTrainingPipeline.folds(n, RouterTrainingPipeline.CROSS_FIT_FOLDS, config.classifier().seed())[0];
        int[] folds = RouterTrainingPipeline.folds(n, RouterTrainingPipeline.CROSS_FIT_FOLDS, config.classifier().seed());
        boolean othersMoved = false;
        for (int i = 1; i < n; i++) {
            if (folds[i] != fold0) {
                for (int t = 0; t < tasks; t++) {
                    othersMoved |= before[i * tasks + t] != after[i * tasks + t];
                }
            }
        }
        assertTrue(othersMoved, "the other folds' classifiers were trained with prompt 0's label, so their predictions moved");
        assertNull(RouterTrainingPipeline.crossFittedProbabilities(config, taskVectors, tasks, all, dim,
                java.util.Arrays.copyOf(rows, RouterTrainingPipeline.CROSS_FIT_MIN_PROMPTS - 1), labels, cpu, StageContext.silent(42)),
                "too few prompts: the router's own classifier is used");

        // each fold's classifier fitted on a seeded sample of 20 of the other folds' 48 prompts: still every prompt
        // predicted, still by a classifier that never saw it, the same on every run, and not the uncapped result
        float[] capped = RouterTrainingPipeline.crossFittedProbabilities(config, taskVectors, tasks, all, dim, rows, labels, cpu,
                StageContext.silent(42), 20);
        assertEquals(n * tasks, capped.length);
        for (float p : capped) {
            assertTrue(p >= 0 && p <= 1, "a probability: " + p);
        }
        assertArrayEquals(capped, RouterTrainingPipeline.crossFittedProbabilities(config, taskVectors, tasks, all, dim, rows, labels, cpu,
                StageContext.silent(42), 20), 0f, "seeded");
        float[] cappedFlipped = RouterTrainingPipeline.crossFittedProbabilities(config, taskVectors, tasks, all, dim, rows, flipped, cpu,
                StageContext.silent(42), 20);
        assertArrayEquals(java.util.Arrays.copyOfRange(capped, 0, tasks), java.util.Arrays.copyOfRange(cappedFlipped, 0, tasks), 0f,
                "capped too, prompt 0 is predicted by a classifier that never saw its label");
        assertFalse(java.util.Arrays.equals(before, capped), "the cap took effect");

        // the statistics accumulated prompt by prompt (no n × tasks matrix) are the ones of the whole matrix, exactly
        float[] scores = new float[n * 2];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i % 7 == 0 ? Float.NaN : random.nextFloat();
        }
        dev.finerouter.engine.route.RouterMemory memory = new dev.finerouter.engine.route.RouterMemory(all, n, dim, scores, 2);
        var streamed = RouterTrainingPipeline.crossFittedStatistics(config, taskVectors, tasks, all, dim, rows, labels, cpu,
                StageContext.silent(42), memory);
        var whole = dev.finerouter.engine.route.TaskStatistics.of(memory, before, tasks);
        float[] g = {0.5f, 0.25f};
        float[][] a = streamed.means(g, 10);
        float[][] b = whole.means(g, 10);
        for (int t = 0; t < tasks; t++) {
            assertArrayEquals(b[t], a[t], 0f, "task " + t);
        }
        float[][] direct = dev.finerouter.engine.route.RobustRule.taskMeans(scores, before, tasks, g, 10);
        for (int t = 0; t < tasks; t++) {
            assertArrayEquals(direct[t], a[t], 0f, "the same numbers as RobustRule.taskMeans: task " + t);
        }
    }
}

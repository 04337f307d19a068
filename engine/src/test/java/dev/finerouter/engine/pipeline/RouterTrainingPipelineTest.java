package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.DeviceChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}

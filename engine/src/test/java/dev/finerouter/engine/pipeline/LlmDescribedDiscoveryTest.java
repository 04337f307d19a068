package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.describe.ChatEndpointConfig;
import dev.finerouter.engine.describe.FakeChatServer;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage 1 with an OpenAI-compatible endpoint (a real loopback server) for descriptions and summaries. */
class LlmDescribedDiscoveryTest {
    @TempDir
    Path cache;

    @Test
    void describerAndSummariesComeFromTheEndpointAndAreCached() throws Exception {
        RoutingDataset data = ToyRoutingData.create(20, i -> Split.TRAIN);
        try (FakeChatServer server = new FakeChatServer()) {
            PipelineConfig config = PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(1))
                    .withDescriber(new DescriberSettings(ChatEndpointConfig.of(server.baseUrl(), "judge-1", null)));
            DiscoveryResult r = new DiscoveryPipeline(cache, PipelineListener.NONE).run(data, config, StageContext.silent(42));
            assertTrue(r.describerId().startsWith("openai-chat/judge-1/"), r.describerId());
            assertTrue(r.descriptions().get(0).startsWith("Describes: "), r.descriptions().get(0));
            assertTrue(r.summaries().stream().allMatch(s -> s.contains("Describes: Prompt descriptions")), "summaries were written by the endpoint: " + r.summaries());
            int calls = server.requests.get();
            assertEquals(r.trainRows().length + r.discovery().tasks().size(), calls, "one call per prompt and per task");

            new DiscoveryPipeline(cache, PipelineListener.NONE).run(data, config, StageContext.silent(42));
            assertEquals(calls + r.discovery().tasks().size(), server.requests.get(), "descriptions come from the cache on a rerun");
        }
    }
}

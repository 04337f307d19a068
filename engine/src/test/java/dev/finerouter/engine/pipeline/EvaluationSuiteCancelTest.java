package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.train.DeviceChoice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cancelled context stops the evaluation suite with {@link CancelledException}, inside the baselines' fitting too. */
class EvaluationSuiteCancelTest {
    @TempDir
    static Path cache;
    static TrainingResult trained;

    @BeforeAll
    static void train() throws Exception {
        var data = ToyRoutingData.create(40, i -> i % 10 == 0 ? Split.TEST : i % 10 == 1 ? Split.DEV : Split.TRAIN);
        PipelineConfig config = PipelineConfig.defaults().withStage1(Stage1Config.defaults().withLevels(1));
        DiscoveryResult stage1 = new DiscoveryPipeline(cache, PipelineListener.NONE).run(data, config, StageContext.silent(42));
        TrainingConfig d = TrainingConfig.defaults(42);
        TrainingConfig quick = new TrainingConfig(d.classifier().withEpochs(15), d.estimator().withEpochs(15, 5), DeviceChoice.CPU, 0.1);
        trained = new RouterTrainingPipeline(cache, PipelineListener.NONE).train(stage1, quick, StageContext.silent(42));
    }

    @Test
    void aContextCancelledBeforehandStopsBothScopes() {
        AtomicBoolean cancelled = new AtomicBoolean(true);
        StageContext ctx = StageContext.of(42, (f, m) -> { }, line -> { }, cancelled);
        assertThrows(CancelledException.class, () -> EvaluationSuite.evaluate(trained, RoutingPolicy.PAPER, EvaluationSuite.Scope.FULL, ctx));
        assertThrows(CancelledException.class, () -> EvaluationSuite.evaluate(trained, RoutingPolicy.PAPER, EvaluationSuite.Scope.QUICK, ctx));
    }

    @Test
    void cancellingWhileTheMlpIsFittedStopsTheSuiteThere() throws Exception {
        List<String> messages = new ArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        StageContext ctx = StageContext.of(42, (f, m) -> {
            messages.add(m);
            if ("fitting the MLP".equals(m)) {
                cancelled.set(true); // the user presses Cancel while the MLP trains
            }
        }, line -> { }, cancelled);
        assertThrows(CancelledException.class, () -> EvaluationSuite.evaluate(trained, RoutingPolicy.PAPER, EvaluationSuite.Scope.FULL, ctx));
        assertTrue(messages.contains("fitting the MLP"), messages.toString());
        assertFalse(messages.contains("fitting matrix factorisation"), "the MLP's epochs noticed the cancellation: " + messages);

        List<String> full = new ArrayList<>();
        StageContext never = StageContext.of(42, (f, m) -> full.add(m), line -> { }, new AtomicBoolean());
        EvaluationReport report = EvaluationSuite.evaluate(trained, RoutingPolicy.PAPER, EvaluationSuite.Scope.FULL, never);
        assertFalse(report.results().isEmpty());
        assertTrue(full.containsAll(List.of("fitting kNN", "fitting the MLP", "fitting matrix factorisation", "fitting Avengers-Pro",
                "fitting HierShrink")), "the suite reports its phases: " + full);
    }
}

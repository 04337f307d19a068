package dev.finerouter.app.playground;

import dev.finerouter.app.inspector.RoutingNoteTest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.route.ModelScore;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.service.GoldenRouting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The playground's why-sentence and low-confidence warning, from decisions over the golden bundle's router. */
class PlaygroundExplanationTest {
    private static TrainedRouter router;

    @BeforeAll
    static void read() throws Exception {
        router = BundleReader.read(GoldenRouting.GOLDEN).router();
    }

    private static PromptDecision decision(int chosen, int task, int best, float p, ModelScore... scores) {
        return new PromptDecision(new RoutingDecision(chosen, task, List.of(scores), best, "engine reason"), p, Math.max(task, 0),
                task < 0 ? "Others" : router.tasks().get(task).summary());
    }

    @Test
    void namesTheComparedModelsTheRunnerUpAndTheToleranceEffect() {
        // task 1 (Python): coder-xl and generalist compared; coder-xl scores best, but generalist (0.001 per call against
        // 0.004) is cheaper, so at λ = 1 it replaces the best-scoring coder-xl
        ModelScore coder = new ModelScore(1, 0.9, 0.9, 1.0, 1.0, 1.0, 0.004, true);
        ModelScore general = new ModelScore(3, 0.8, 0.56, 0.0, 0.0, 0.0, 0.001, true);
        String s = PlaygroundViewModel.explain(router, decision(3, 1, 1, 0.9f, coder, general), new RoutingPolicy(0.5, 1.0, null));
        assertTrue(s.startsWith("Task 1's 2 candidates were compared: coder-xl, generalist."), s);
        assertTrue(s.contains("generalist scored Q_final 0.000"), s);
        assertTrue(s.contains("runner-up coder-xl 1.000"), s);
        assertTrue(s.contains("λ = 1.00 let it replace the best-scoring coder-xl"), s);

        String best = PlaygroundViewModel.explain(router, decision(1, 1, 1, 0.9f, coder, general), new RoutingPolicy(0.5, 0.0, null));
        assertTrue(best.contains("coder-xl scored Q_final 1.000 = 0.50 × predicted 0.900"), best);
        assertTrue(best.contains("It is also the best-scoring model"), best);
        assertEquals("", PlaygroundViewModel.lowConfidence(router, decision(1, 1, 1, 0.9f, coder, general)));
    }

    @Test
    void aSingleCandidateAndOthersAreExplainedAsSuch() {
        ModelScore bard = new ModelScore(2, 0.7, 0.9, 1.0, 1.0, 1.0, 0.0005, true);
        String one = PlaygroundViewModel.explain(router, decision(2, 2, 2, 0.5f, bard), RoutingPolicy.PAPER);
        assertTrue(one.startsWith("Task 2 has a single candidate, bard-mini: nothing else was compared"), one);
        ModelScore[] all = new ModelScore[4];
        for (int m = 0; m < 4; m++) {
            all[m] = new ModelScore(m, 0.5 + m / 10.0, 0.5, m / 3.0, 0.5, m / 3.0, 0.001, true);
        }
        String others = PlaygroundViewModel.explain(router, decision(3, -1, 3, 0.1f, all), RoutingPolicy.PAPER);
        assertTrue(others.startsWith("No task passed the classifier's threshold, so all 4 models were compared"), others);
    }

    @Test
    void theSecondScoreIsNamedByTheRuleAndAGuardedTaskIsExplainedAsSuch() {
        assertEquals("task median Q̄", PlaygroundViewModel.secondScoreTitle(router));
        TrainedRouter guarded = RoutingNoteTest.robust(router,
                "on dev this task's routing lost 4.0 Qual (± 1.5) to the general estimate over 12 prompts", null);
        assertEquals("local estimate L", PlaygroundViewModel.secondScoreTitle(guarded));
        ModelScore[] all = new ModelScore[4];
        for (int m = 0; m < 4; m++) {
            all[m] = new ModelScore(m, 0.5, m == 1 ? 0.9 : 0.5, 0, 0, m == 1 ? 0.9 : 0.5, 0.001, true);
        }
        String why = PlaygroundViewModel.explain(guarded, decision(1, 1, 1, 0.9f, all), RoutingPolicy.PAPER);
        assertTrue(why.startsWith("All 4 models were compared on their general estimate (mean score over all training prompts), not "
                + "on this prompt's neighbours, because on dev this task's routing lost 4.0 Qual"), why);
        assertTrue(why.contains("general estimate is 0.900"), why);
        String unguarded = PlaygroundViewModel.explain(guarded, decision(1, 0, 1, 0.9f, all), RoutingPolicy.PAPER);
        assertTrue(unguarded.startsWith("All 4 models were compared (the router's robust rule, task 0)"), unguarded);
    }

    @Test
    void warnsWhenTheTaskProbabilityIsLow() {
        ModelScore bard = new ModelScore(2, 0.7, 0.9, 1.0, 1.0, 1.0, 0.0005, true);
        String low = PlaygroundViewModel.lowConfidence(router, decision(2, 2, 2, 0.05f, bard));
        assertTrue(low.contains("this prompt fits no discovered task well"), low);
        assertTrue(low.contains("p = 0.050 < 0.20"), low);
        String others = PlaygroundViewModel.lowConfidence(router, decision(2, -1, 2, 0.03f, bard));
        assertTrue(others.contains("routed by the general estimate"), others);
    }
}

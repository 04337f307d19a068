package dev.finerouter.engine.drift;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.service.RouterService;
import dev.finerouter.engine.train.TaskPrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accepting a proposal adds a task to the golden bundle without retraining; the new bundle verifies and routes. */
class ProposalAcceptorTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden-bundle/bundle");
    private static final List<String> PROMPTS = List.of("Write a short poem about the sea", "Write a haiku about snow", "Solve 12 * 7 + 3",
            "Write a Python function that reverses a list", "What is the capital of France?");

    @TempDir
    Path tmp;

    /** A proposal whose center is the golden classifier's vector of task 2 (poems), with bard-mini as its only candidate. */
    static DriftProposals poemsAgain(RouterBundle g) {
        int d = g.router().classifier().taskVectorDim();
        float[] all = g.router().classifier().parameters().values("task.vectors");
        float[] center = Arrays.copyOfRange(all, 2 * d, 3 * d);
        Map<String, Double> med = new LinkedHashMap<>();
        med.put("bard-mini", 0.95);
        med.put("generalist", 0.5);
        DriftProposal p = new DriftProposal("drift-1", "Write haiku", 12, List.of("Write a haiku about snow"), Map.of("bard-mini", 0.02), med,
                center, "Write short poems", 0.9, "Write short poems", 1.0, null, Double.NaN);
        return new DriftProposals("golden", GOLDEN.toString(), 12, 0, 1, 0.8, List.of(p), List.of());
    }

    @Test
    void theNewTaskGetsTheCenterAsVectorAndTheMedianBias() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        TrainedRouter r = ProposalAcceptor.extend(g.router(), poemsAgain(g), List.of("drift-1"));
        assertEquals(4, r.tasks().size());
        RouterTask added = r.tasks().get(3);
        assertEquals("Write haiku", added.summary());
        assertArrayEquals(new int[]{g.router().pool().indexOf("bard-mini")}, added.candidates());
        assertEquals(0.95f, added.medianScore()[g.router().pool().indexOf("bard-mini")]);
        assertTrue(Float.isNaN(added.medianScore()[g.router().pool().indexOf("coder-xl")]));
        float[] b = g.router().classifier().taskBiases();
        float median = ProposalAcceptor.median(b);
        assertEquals(median, r.classifier().taskBiases()[3]);
        // same vector as task 2: the new task's logit is task 2's logit with the other bias
        Embeddings e = new TrigramEmbedder().embed(PROMPTS, StageContext.silent(1));
        TaskPrediction before = g.router().classifier().predict(e.data(), PROMPTS.size());
        TaskPrediction after = r.classifier().predict(e.data(), PROMPTS.size());
        for (int i = 0; i < PROMPTS.size(); i++) {
            double logit2 = Math.log(before.probability(i, 2) / (1 - before.probability(i, 2)));
            double expected = 1 / (1 + Math.exp(-(logit2 - b[2] + median)));
            assertEquals(expected, after.probability(i, 3), 1e-4, PROMPTS.get(i));
            for (int t = 0; t < 3; t++) {
                assertEquals(before.probability(i, t), after.probability(i, t), 1e-6, "old tasks unchanged");
            }
        }
    }

    @Test
    void withTheEncoderTheNewBiasIsRaisedUntilTheExamplesReachTheNewTask() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        TrigramEmbedder encoder = new TrigramEmbedder();
        TrainedRouter r = ProposalAcceptor.extend(g.router(), poemsAgain(g), List.of("drift-1"), encoder);
        float[] b = g.router().classifier().taskBiases();
        float median = ProposalAcceptor.median(b);
        Embeddings example = encoder.embed(List.of("Write a haiku about snow"), StageContext.silent(1));
        TaskPrediction before = g.router().classifier().predict(example.data(), 1);
        double logit2 = Math.log(before.probability(0, 2) / (1 - before.probability(0, 2)));
        double newLogitAtMedian = logit2 - b[2] + median;
        double best = g.router().classifier().threshold();
        for (int t = 0; t < 3; t++) {
            best = Math.max(best, before.probability(0, t));
        }
        double shift = Math.log(best / (1 - best)) - newLogitAtMedian + ProposalAcceptor.BIAS_MARGIN;
        assertEquals(median + Math.max(0, shift), r.classifier().taskBiases()[3], 1e-4, "median + the shift that beats the best old task");
        assertTrue(shift > 0, "at the median bias the example stays with its old task: " + shift);
        assertEquals(3, r.classifier().predict(example.data(), 1).tasks()[0], "the example now reaches the new task");
        for (int t = 0; t < 3; t++) {
            assertEquals(b[t], r.classifier().taskBiases()[t], "old biases unchanged");
        }
    }

    @Test
    void theWrittenBundleVerifiesAndRoutesNewTaskPromptsToTheProposalsCandidates() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        Path out = tmp.resolve("b2.frb");
        ProposalAcceptor.accept(g, poemsAgain(g), List.of("drift-1"), out, Instant.parse("2026-02-01T00:00:00Z"));
        RouterBundle b2 = BundleReader.read(out); // checks every checksum and loads the networks
        assertEquals(4, b2.router().tasks().size());
        assertEquals("drift-1", b2.manifest().hyperparameters().path("drift").path("accepted").get(0).asText());
        assertEquals(g.manifest().encoder(), b2.manifest().encoder());
        RoutingPolicy policy = RoutingPolicy.PAPER;
        List<PromptDecision> ds = new RouterService(b2, new TrigramEmbedder()).route(PROMPTS, policy);
        int bard = b2.router().pool().indexOf("bard-mini");
        assertTrue(ds.stream().anyMatch(d -> d.decision().task() == 3), "some probe prompt is classified into the new task");
        for (PromptDecision d : ds) {
            if (d.decision().task() == 3) {
                assertEquals(bard, d.decision().chosenModel(), "a new-task prompt goes to the proposal's only candidate");
            }
        }
        List<PromptDecision> old = new RouterService(g, new TrigramEmbedder()).route(PROMPTS, policy);
        for (int i = 0; i < PROMPTS.size(); i++) {
            if (old.get(i).decision().task() != 2 && ds.get(i).decision().task() != 3) {
                assertEquals(old.get(i).decision().chosenModel(), ds.get(i).decision().chosenModel(), PROMPTS.get(i));
            }
        }
    }

    @Test
    void unknownIdsAndForeignCandidatesAreRefused() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        assertThrows(EngineException.class, () -> ProposalAcceptor.extend(g.router(), poemsAgain(g), List.of("drift-7")));
        assertThrows(EngineException.class, () -> ProposalAcceptor.extend(g.router(), poemsAgain(g), List.of()));
        DriftProposal p = poemsAgain(g).proposals().get(0);
        DriftProposal foreign = new DriftProposal("drift-1", "x", 1, List.of(), Map.of("gpt-9", 1.0), Map.of(), p.center(), "n", 0, "Others", 1, null,
                Double.NaN);
        EngineException e = assertThrows(EngineException.class, () -> ProposalAcceptor.extend(g.router(),
                new DriftProposals("golden", "g", 1, 0, 1, 0.8, List.of(foreign), List.of()), List.of("drift-1")));
        assertTrue(e.getMessage().contains("gpt-9"), e.getMessage());
    }
}

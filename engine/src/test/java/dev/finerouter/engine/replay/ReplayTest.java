package dev.finerouter.engine.replay;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.service.RouterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay numbers on hand-built logs, the log reader's errors, and routing with a real bundle. */
class ReplayTest {
    @TempDir
    Path tmp;

    static DecisionRecord rec(String prompt, String task, String model, double cost, double alpha) {
        boolean others = "Others".equals(task);
        return new DecisionRecord("2026-01-01T00:00:00Z", "r", "old", "2026-01-01T00:00:00Z", prompt, prompt == null ? "h" : null,
                others ? -1 : 0, task, 0.9, others, others, model, cost, alpha, 0.0, null, new LinkedHashMap<>(Map.of(model, 1.0)));
    }

    @Test
    void agreementCostSharesAndQualityOnAHandBuiltLog() {
        List<DecisionRecord> log = List.of(rec("p1", "math", "a", 1, 0.5), rec("p2", "math", "a", 1, 0.5), rec("p3", "poems", "b", 2, 0.5),
                rec("p4", "Others", "b", 2, 0.5), rec(null, "math", "a", 1, 0.5));
        List<Replay.Choice> choices = List.of(new Replay.Choice("a", 1), new Replay.Choice("b", 2), new Replay.Choice("b", 2), new Replay.Choice("a", 1));
        Map<String, Map<String, Double>> truth = Map.of("p1", Map.of("a", 1.0, "b", 0.0), "p2", Map.of("a", 0.0, "b", 1.0),
                "p3", Map.of("a", 1.0)); // p3 lacks b's score; p4 is not in the dataset
        ReplayReport r = Replay.compare("B2", "new", log, choices, truth::get);
        assertEquals(5, r.records());
        assertEquals(1, r.skippedWithoutText());
        assertEquals(4, r.replayed());
        assertEquals(2, r.agreement().agreeing()); // p1 a=a, p3 b=b
        assertEquals(0.5, r.agreement().share());
        assertEquals(Map.of("a → b", 1, "b → a", 1), r.agreement().moves());
        assertEquals(List.of(new ReplayReport.TaskAgreement("math", 2, 1), new ReplayReport.TaskAgreement("Others", 1, 0),
                new ReplayReport.TaskAgreement("poems", 1, 1)), r.perTask());
        assertEquals(6.0, r.costOld());
        assertEquals(6.0, r.costNew());
        assertEquals(0.0, r.costChangePer1k());
        assertEquals(Map.of("a", 0.5, "b", 0.5), r.sharesOld());
        assertEquals(Map.of("a", 0.5, "b", 0.5), r.sharesNew());
        assertEquals(2, r.quality().matched()); // p1 and p2
        assertEquals(0.5, r.quality().meanOld()); // p1 a (1), p2 a (0)
        assertEquals(1.0, r.quality().meanNew()); // p1 stays on a (1), p2 moves to b (1)
        assertEquals(0.5, r.quality().change());
    }

    @Test
    void costChangePerThousandPrompts() {
        List<DecisionRecord> log = List.of(rec("p1", "t", "a", 1, 0.5), rec("p2", "t", "a", 1, 0.5));
        ReplayReport r = Replay.compare("B2", "new", log, List.of(new Replay.Choice("b", 3), new Replay.Choice("a", 1)), null);
        assertEquals(2.0, r.costOld());
        assertEquals(4.0, r.costNew());
        assertEquals(1000.0, r.costChangePer1k()); // +2 over 2 prompts
        assertNull(r.quality());
        assertTrue(ReplayReportWriter.markdown(r).contains("| agreement (same model) | 50.0% (1 of 2) |"), ReplayReportWriter.markdown(r));
        assertTrue(ReplayReportWriter.json(r).contains("\"a → b\" : 1"), ReplayReportWriter.json(r));
    }

    @Test
    void aHashedOnlyLogIsRefusedWithAHint() {
        EngineException e = assertThrows(EngineException.class, () -> Replay.requireText(List.of(rec(null, "t", "a", 1, 0.5)), "log"));
        assertTrue(e.getMessage().contains("has prompt text"), e.getMessage());
        assertTrue(e.hint().contains("--log-prompts full"), e.hint());
    }

    @Test
    void readerNamesFileLineAndField() throws Exception {
        Path f = tmp.resolve("decisions-000001.jsonl");
        com.fasterxml.jackson.databind.node.ObjectNode bad = rec("p", "t", "a", 1, 0.5).toJson();
        bad.remove("policy");
        Files.writeString(f, rec("p", "t", "a", 1, 0.5).toJson() + "\n\n" + bad + "\n");
        EngineException e = assertThrows(EngineException.class, () -> DecisionLogReader.read(tmp));
        assertEquals(f + ":3: field 'policy': missing or not an object", e.getMessage());
        Files.writeString(f, "{oops\n");
        e = assertThrows(EngineException.class, () -> DecisionLogReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ":1: is not JSON"), e.getMessage());
    }

    @Test
    void aTornLastLineIsSkippedLenientlyAndNamedStrictly() throws Exception {
        Path f = tmp.resolve("decisions-000001.jsonl");
        String whole = rec("first", "t", "a", 1, 0.5).toJson() + "\n" + rec("second", "t", "a", 1, 0.5).toJson() + "\n";
        String torn = rec("third", "t", "a", 1, 0.5).toJson().toString();
        Files.writeString(f, whole + torn.substring(0, torn.length() / 2)); // the process died in the middle of a write
        Files.writeString(tmp.resolve("decisions-000002.jsonl"), rec("fourth", "t", "a", 1, 0.5).toJson() + "\n");

        EngineException e = assertThrows(EngineException.class, () -> DecisionLogReader.read(tmp));
        assertTrue(e.getMessage().startsWith(f + ":3: is not JSON (a torn or damaged line)"), e.getMessage());
        assertTrue(e.hint().contains("--lenient"), e.hint());

        DecisionLogReader.Result r = DecisionLogReader.read(tmp, true);
        assertEquals(List.of("first", "second", "fourth"), r.records().stream().map(DecisionRecord::prompt).toList());
        assertEquals(1, r.skipped());
        assertTrue(r.problems().get(0).startsWith(f + ":3: "), r.problems().toString());
    }

    @Test
    void readerTakesFilesInSequenceOrder() throws Exception {
        Files.writeString(tmp.resolve("decisions-000002.jsonl"), rec("second", "t", "a", 1, 0.5).toJson() + "\n");
        Files.writeString(tmp.resolve("decisions-000001.jsonl"), rec("first", "t", "a", 1, 0.5).toJson() + "\n");
        assertEquals(List.of("first", "second"), DecisionLogReader.read(tmp).stream().map(DecisionRecord::prompt).toList());
    }

    private static final List<String> TEXTS = List.of("Write a short poem about the sea", "What is the capital of France?", "Solve 12 * 7 + 3");

    /** A log of {@link #TEXTS} as the service routed them under {@code policy}. */
    private static List<DecisionRecord> loggedUnder(RouterService s, RoutingPolicy policy) throws Exception {
        List<PromptDecision> ds = s.route(TEXTS, policy);
        List<DecisionRecord> log = new java.util.ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            log.add(new DecisionRecord("t", "r", "x", "c", TEXTS.get(i), null, -1, "Others", 0, true, true,
                    s.bundle().router().pool().get(ds.get(i).decision().chosenModel()).name(), ds.get(i).decision().chosen().cost(),
                    policy.alpha(), policy.tolerance(), null, Map.of()));
        }
        return log;
    }

    private static RouterService golden() throws Exception {
        return new RouterService(BundleReader.read(Path.of("src/test/resources/golden-bundle/bundle")), new TrigramEmbedder());
    }

    @Test
    void replayingWithTheSameBundleUnderTheLoggedPolicyAgreesEverywhere() throws Exception {
        RouterService s = golden();
        List<DecisionRecord> log = loggedUnder(s, new RoutingPolicy(0.5, 1.0, null));
        List<Replay.Choice> choices = Replay.route(s, log);
        ReplayReport r = Replay.compare("golden", Replay.bundleId(s), log, choices, null);
        assertEquals(1.0, r.agreement().share());
        assertEquals(r.costOld(), r.costNew(), 1e-12);
    }

    @Test
    void replayUnderOnePolicyRoutesEveryRecordWithIt() throws Exception {
        RouterService s = golden();
        RoutingPolicy cheap = new RoutingPolicy(0.5, 1.0, null);
        List<DecisionRecord> log = loggedUnder(s, cheap);
        List<PromptDecision> deployed = s.route(TEXTS, s.defaultPolicy());
        List<Replay.Choice> asDeployed = Replay.route(s, log, s.defaultPolicy());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(s.bundle().router().pool().get(deployed.get(i).decision().chosenModel()).name(), asDeployed.get(i).model());
        }
        assertEquals(Replay.route(s, log), Replay.route(s, log, cheap), "the logged policy is the one given");
    }
}

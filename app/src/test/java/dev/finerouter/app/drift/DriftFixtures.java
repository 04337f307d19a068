package dev.finerouter.app.drift;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.drift.DriftProposal;
import dev.finerouter.engine.drift.DriftProposals;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.service.GoldenRouting;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.service.RouterService;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs for the drift tests, built from the engine's golden bundle (its test-jar's {@link GoldenRouting#GOLDEN}): proposals
 * written by the engine, a decision log and a dataset; the golden bundle's encoder is the engine's {@link TrigramEmbedder}.
 */
public final class DriftFixtures {
    /** The golden bundle: 3 tasks, 4 models, encoder {@value TrigramEmbedder#ID}. */
    public static final Path GOLDEN = GoldenRouting.GOLDEN;
    /** Prompts of the decision log. */
    public static final List<String> PROMPTS = List.of("Write a short poem about the sea", "Write a haiku about snow", "Solve 12 * 7 + 3",
            "Write a Python function that reverses a list", "What is the capital of France?");

    private DriftFixtures() {
    }

    /**
     * Two proposals against the golden bundle, written by the engine to {@code dir/proposals.json}: drift-1 (center =
     * the poems task's vector, candidate bard-mini) and drift-2 (center = the arithmetic task's vector, candidates
     * mathstral then generalist).
     */
    public static Path writeProposals(Path dir) throws EngineException {
        RouterBundle g = BundleReader.read(GOLDEN);
        int d = g.router().classifier().taskVectorDim();
        float[] all = g.router().classifier().parameters().values("task.vectors");
        Map<String, Double> med1 = new LinkedHashMap<>();
        med1.put("bard-mini", 0.95);
        med1.put("generalist", 0.5);
        DriftProposal p1 = new DriftProposal("drift-1", "Write haiku", 12, List.of("Write a haiku about snow", "Write a haiku about rain"),
                Map.of("bard-mini", 0.02), med1, Arrays.copyOfRange(all, 2 * d, 3 * d), "Write short poems", 0.42, "Write short poems", 1.0, null,
                Double.NaN);
        Map<String, Double> cand2 = new LinkedHashMap<>();
        cand2.put("mathstral", 0.03);
        cand2.put("generalist", 0.01);
        DriftProposal p2 = new DriftProposal("drift-2", "Compute percentages", 7, List.of("What is 15% of 80?"), cand2, Map.of("mathstral", 0.9),
                Arrays.copyOfRange(all, 0, d), "Solve arithmetic and algebra equations", 0.31, "Others", 0.6, "percent", 0.5);
        new DriftProposals("golden", GOLDEN.toString(), 19, 0, 3, 0.8, List.of(p1, p2), List.of("Write Python functions → Write Python functions (0.45)"))
                .write(dir);
        return dir.resolve("proposals.json");
    }

    /**
     * A decision log of {@link #PROMPTS} at the paper policy whose logged models are the golden bundle's own choices,
     * except the first prompt, logged as {@code generalist} when the bundle chose otherwise (else as mathstral). Replaying
     * it with the golden bundle therefore agrees on exactly 4 of 5 prompts.
     */
    public static Path writeLog(Path dir) throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        List<PromptDecision> ds = new RouterService(g, new TrigramEmbedder()).route(PROMPTS, RoutingPolicy.PAPER);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PROMPTS.size(); i++) {
            String chosen = g.router().pool().get(ds.get(i).decision().chosenModel()).name();
            String model = i > 0 ? chosen : chosen.equals("generalist") ? "mathstral" : "generalist";
            DecisionRecord r = new DecisionRecord("2026-01-01T00:00:0" + i + "Z", "r" + i, "old-bundle", "2026-01-01T00:00:00Z", PROMPTS.get(i), null,
                    0, "task " + (i % 2), 0.9, false, false, model, 0.001, RoutingPolicy.PAPER.alpha(), RoutingPolicy.PAPER.tolerance(), null,
                    new LinkedHashMap<>(Map.of(model, 1.0)));
            lines.add(r.toJson().toString());
        }
        Path log = dir.resolve("decisions-000001.jsonl");
        Files.write(log, lines, StandardCharsets.UTF_8);
        return log;
    }

    /**
     * A decision log for finding new tasks: 36 prompts on three themes the golden bundle does not know (translations,
     * recipes, travel advice), every record flagged drift, in {@code dir/drift-log/decisions-000001.jsonl}.
     *
     * @return the log folder
     */
    public static Path writeDriftLog(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        String[] words = {"morning", "evening", "friend", "market", "river", "window", "garden", "winter", "station", "teacher", "bread", "music"};
        for (int i = 0; i < words.length; i++) {
            for (String prompt : List.of("Translate the word " + words[i] + " into Spanish, please",
                    "Give me a recipe for a quick " + words[i] + " soup with onions",
                    "Plan a weekend trip by train to see the " + words[i] + " of Lisbon")) {
                lines.add(new DecisionRecord("2026-01-02T00:00:00Z", "d" + lines.size(), "golden", "2026-01-01T00:00:00Z", prompt, null, -1, "Others",
                        0.1, true, true, "generalist", 0.001, RoutingPolicy.PAPER.alpha(), RoutingPolicy.PAPER.tolerance(), null,
                        new LinkedHashMap<>(Map.of("generalist", 1.0))).toJson().toString());
            }
        }
        Path log = Files.createDirectories(dir.resolve("drift-log"));
        Files.write(log.resolve("decisions-000001.jsonl"), lines, StandardCharsets.UTF_8);
        return log;
    }

    /** The true score every prompt of {@link #writeDataset} has, per model of the golden pool. */
    public static final Map<String, Double> SCORES = Map.of("mathstral", 0.2, "coder-xl", 0.4, "bard-mini", 0.6, "generalist", 0.8);

    /**
     * A dataset holding the log's prompts (all but the last) with {@link #SCORES} for every model, and the golden
     * pool's models, in {@code dir/data}.
     */
    public static Path writeDataset(Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < PROMPTS.size() - 1; i++) {
            StringBuilder scores = new StringBuilder();
            SCORES.forEach((m, v) -> scores.append(scores.isEmpty() ? "" : ",").append('"').append(m).append("\":").append(v));
            rows.add("{\"id\":\"p" + i + "\",\"prompt\":\"" + PROMPTS.get(i).replace("\"", "\\\"") + "\",\"task\":\"t\",\"split\":\"train\","
                    + "\"scores\":{" + scores + "}}");
        }
        Files.write(data.resolve("routing.jsonl"), rows, StandardCharsets.UTF_8);
        StringBuilder models = new StringBuilder("[");
        for (String m : SCORES.keySet()) {
            models.append(models.length() > 1 ? "," : "").append("{\"name\":\"").append(m).append("\",\"costPerQuery\":0.001}");
        }
        Files.writeString(data.resolve("models.json"), models.append("]").toString());
        return data;
    }
}

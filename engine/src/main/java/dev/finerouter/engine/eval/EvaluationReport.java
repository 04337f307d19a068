package dev.finerouter.engine.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.io.JsonNumbers;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.PairedDifference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The result of one evaluation: provenance (data fingerprint, seed, split sizes, cost assumptions) and one
 * {@link RouterResult} per router, rendered as JSON (every number; non-finite numbers as {@code null}) and as
 * Markdown in the paper's Table-1 layout, both opening with the one-line {@link Verdict}. Built by
 * {@link RouterEvaluation}.
 *
 * @param dataset dataset name
 * @param fingerprint data fingerprint
 * @param seed seed the routers were fitted with
 * @param trainPrompts train split size
 * @param devPrompts dev split size
 * @param testPrompts test split size
 * @param models model names in pool order
 * @param benchmarks benchmark labels of the test prompts, sorted
 * @param costModel cost assumptions
 * @param pricesKnown whether the pool has prices (otherwise every call costs 1)
 * @param bestSingleModel name of the best single model on test, or {@code null}
 * @param costAxisMin cost per prompt of the cheapest single model (area axis), NaN without single models
 * @param costAxisMax cost per prompt of the most expensive single model (area axis), NaN without single models
 * @param results one result per router, in evaluation order
 * @param devChoices one line per router with settings chosen on train/dev: what was chosen and on what (e.g. the robust
 *                   rule's k, β, α, its dev figures and guards; kNN's k); empty when nothing was recorded
 */
public record EvaluationReport(String dataset, String fingerprint, long seed, int trainPrompts, int devPrompts, int testPrompts,
                               List<String> models, List<String> benchmarks, CostModel costModel, boolean pricesKnown,
                               String bestSingleModel, double costAxisMin, double costAxisMax, List<RouterResult> results,
                               List<String> devChoices) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates and copies. */
    public EvaluationReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(costModel, "costModel");
        models = List.copyOf(models);
        benchmarks = List.copyOf(benchmarks);
        results = List.copyOf(results);
        devChoices = List.copyOf(devChoices);
    }

    /** A report without recorded dev choices. */
    public EvaluationReport(String dataset, String fingerprint, long seed, int trainPrompts, int devPrompts, int testPrompts,
                            List<String> models, List<String> benchmarks, CostModel costModel, boolean pricesKnown,
                            String bestSingleModel, double costAxisMin, double costAxisMax, List<RouterResult> results) {
        this(dataset, fingerprint, seed, trainPrompts, devPrompts, testPrompts, models, benchmarks, costModel, pricesKnown,
                bestSingleModel, costAxisMin, costAxisMax, results, List.of());
    }

    /** The same report with these dev choices (replacing any recorded). */
    public EvaluationReport withDevChoices(List<String> lines) {
        return new EvaluationReport(dataset, fingerprint, seed, trainPrompts, devPrompts, testPrompts, models, benchmarks, costModel,
                pricesKnown, bestSingleModel, costAxisMin, costAxisMax, results, lines);
    }

    static EvaluationReport of(EvaluationData data, long seed, List<RouterResult> results, String best, double min, double max) {
        TreeSet<String> labels = new TreeSet<>();
        for (int r : data.test()) {
            labels.add(data.label(r));
        }
        return new EvaluationReport(data.dataset().name(), data.dataset().fingerprint(), seed, data.train().length,
                data.dev().length, data.test().length, data.dataset().pool().names(), new ArrayList<>(labels),
                data.costModel(), data.pricesKnown(), best, min, max, results);
    }

    /** The result of one router by name. */
    public RouterResult result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no router named " + name));
    }

    /** The router under test: the first {@link RouterKind#FULL} row, empty without one. */
    public Optional<RouterResult> routerUnderTest() {
        return results.stream().filter(r -> r.kind() == RouterKind.FULL).findFirst();
    }

    /** The one-line verdict ({@link Verdict#of}), empty without a FULL row or a best single model. */
    public Optional<String> verdict() {
        return Verdict.of(this);
    }

    /** The unit of a cost: "USD" with prices, "calls" without (every call costs 1). */
    public String costUnit() {
        return pricesKnown ? "USD" : "calls";
    }

    /** The notes printed under the tables (cost assumptions, missing scores). */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (pricesKnown) {
            notes.add(String.format(Locale.ROOT, "Cost: USD; observed per-prompt costs where the data has them, else per-token "
                    + "prices with input tokens = ceil(characters / %.1f) and %d assumed output tokens.",
                    costModel.charsPerToken(), costModel.outputTokens()));
        } else {
            notes.add("Equal cost: the pool has no prices, so every call costs 1 and Cost is the number of calls; "
                    + "cost-quality areas are undefined.");
        }
        notes.add("Quality is the true score of the routed model; prompts whose routed model has no score are skipped "
                + "in quality means (never counted as 0) and listed as 'skipped'. Ave = macro mean over benchmarks, "
                + "Qual = mean over prompts.");
        notes.add(String.format(Locale.ROOT, "Table 1's Cost is the total over the whole test split (%d prompts), not per "
                + "prompt; 'cost/prompt' (header, cost knob, standard metrics) is per test prompt, e.g. a single model's "
                + "Cost / %d.", testPrompts, testPrompts));
        notes.add("Cost-quality curves: λ = 0, 0.05, ..., 1; read off the frontier (non-dominated points, linear between "
                + "them). Area: cost axis normalised from the cheapest to the most expensive single model.");
        return notes;
    }

    /** The report as JSON. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", dataset);
        root.put("fingerprint", fingerprint);
        root.put("seed", seed);
        ObjectNode splits = root.putObject("splits");
        splits.put("train", trainPrompts);
        splits.put("dev", devPrompts);
        splits.put("test", testPrompts);
        ArrayNode modelArray = root.putArray("models");
        models.forEach(modelArray::add);
        ArrayNode benchArray = root.putArray("benchmarks");
        benchmarks.forEach(benchArray::add);
        ObjectNode cost = root.putObject("costModel");
        cost.put("pricesKnown", pricesKnown);
        cost.put("charsPerToken", costModel.charsPerToken());
        cost.put("outputTokens", costModel.outputTokens());
        cost.put("equalCost", !pricesKnown);
        root.put("bestSingleModel", bestSingleModel);
        JsonNumbers.put(root, "costAxisMin", costAxisMin);
        JsonNumbers.put(root, "costAxisMax", costAxisMax);
        root.put("verdict", verdict().orElse(null));
        ArrayNode noteArray = root.putArray("notes");
        notes().forEach(noteArray::add);
        ArrayNode choiceArray = root.putArray("devChoices");
        devChoices.forEach(choiceArray::add);
        ArrayNode routers = root.putArray("routers");
        Map<String, StandardMetrics> standard = StandardMetricsCalculator.of(this);
        for (RouterResult r : results) {
            ObjectNode o = routers.addObject();
            o.put("name", r.name());
            o.put("kind", r.kind().name());
            o.put("hasCostKnob", r.hasCostKnob());
            RouterMetrics m = r.metrics();
            o.put("prompts", m.prompts());
            o.put("scoredPrompts", m.scoredPrompts());
            o.put("skippedMissing", m.skippedMissing());
            ObjectNode per = o.putObject("perBenchmark");
            for (Map.Entry<String, Double> e : m.perBenchmark().entrySet()) {
                JsonNumbers.put(per, e.getKey(), e.getValue());
            }
            JsonNumbers.put(o, "ave", m.ave());
            JsonNumbers.put(o, "qual", m.qual());
            JsonNumbers.put(o, "totalCost", m.totalCost());
            JsonNumbers.put(o, "costPerPrompt", m.costPerPrompt());
            ObjectNode share = o.putObject("share");
            double[] s = m.share();
            for (int j = 0; j < s.length; j++) {
                share.put(j < models.size() ? models.get(j) : String.valueOf(j), s[j]);
            }
            if (m.hasTasks()) {
                ObjectNode t = o.putObject("tasks");
                t.put("assignedPrompts", m.assignedPrompts());
                t.put("othersPrompts", m.othersPrompts());
                JsonNumbers.put(t, "assignedQual", m.assignedQual());
                JsonNumbers.put(t, "othersQual", m.othersQual());
            }
            ArrayNode curve = o.putArray("curve");
            for (CurvePoint p : r.curve().points()) {
                ObjectNode po = curve.addObject();
                JsonNumbers.put(po, "tolerance", p.tolerance());
                JsonNumbers.put(po, "costPerPrompt", p.costPerPrompt());
                JsonNumbers.put(po, "qual", p.qual());
                if (p.share().length == models.size()) {
                    ObjectNode ps = po.putObject("share");
                    double[] pointShare = p.share();
                    for (int j = 0; j < pointShare.length; j++) {
                        ps.put(models.get(j), pointShare[j]);
                    }
                }
            }
            JsonNumbers.put(o, "qualityAtBestSingleCost", r.qualityAtBestSingleCost());
            JsonNumbers.put(o, "costAtBestSingleQuality", r.costAtBestSingleQuality());
            JsonNumbers.put(o, "area", r.area());
            pairedJson(o.putObject("versusBestSingle"), r.versusBestSingle());
            pairedJson(o.putObject("versusFull"), r.versusFull());
            standardJson(o.putObject("standardMetrics"), standard.get(r.name()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pairedJson(ObjectNode o, PairedDifference d) {
        JsonNumbers.put(o, "mean", d.mean());
        JsonNumbers.put(o, "se", d.se());
        o.put("n", d.n());
    }

    private static void standardJson(ObjectNode o, StandardMetrics s) {
        o.put("strongModel", s.strongModel());
        o.put("weakModel", s.weakModel());
        JsonNumbers.put(o, "pgr", s.pgr());
        JsonNumbers.put(o, "apgr", s.apgr());
        JsonNumbers.put(o, "cpt50", s.cpt50());
        JsonNumbers.put(o, "cpt80", s.cpt80());
        JsonNumbers.put(o, "aiq", s.aiq());
        ArrayNode hull = o.putArray("hull");
        for (CurvePoint p : s.hull()) {
            ObjectNode h = hull.addObject();
            JsonNumbers.put(h, "costPerPrompt", p.costPerPrompt());
            JsonNumbers.put(h, "qual", p.qual());
        }
        ArrayNode points = o.putArray("points");
        for (StandardMetrics.GapPoint p : s.points()) {
            ObjectNode g = points.addObject();
            JsonNumbers.put(g, "tolerance", p.tolerance());
            JsonNumbers.put(g, "normalisedCost", p.normalisedCost());
            JsonNumbers.put(g, "pgr", p.pgr());
            JsonNumbers.put(g, "strongCallShare", p.strongCallShare());
        }
    }


    /** The report as Markdown: Table 1 (quality ×100), the cost knob table, routing shares, the dev choices, notes. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Router evaluation: ").append(dataset).append("\n\n");
        verdict().ifPresent(v -> sb.append("**Verdict:** ").append(v).append("\n\n"));
        sb.append("- data fingerprint: `").append(fingerprint).append("`\n");
        sb.append("- seed: ").append(seed).append("\n");
        sb.append("- prompts: ").append(trainPrompts).append(" train / ").append(devPrompts).append(" dev / ")
                .append(testPrompts).append(" test (reported on test)\n");
        sb.append("- best single model: ").append(bestSingleModel == null ? "–" : bestSingleModel);
        if (bestSingleModel != null) {
            RouterMetrics b = result(bestSingleModel).metrics();
            sb.append(" (Qual ").append(pct(b.qual())).append(", cost/prompt ").append(num(b.costPerPrompt())).append(' ')
                    .append(costUnit()).append(')');
        }
        sb.append("\n- cost model: ").append(pricesKnown ? String.format(Locale.ROOT, "USD, %.1f chars/token, %d output tokens",
                costModel.charsPerToken(), costModel.outputTokens()) : "equal cost (no prices): 1 per call").append("\n\n");
        sb.append("## Table 1: quality (×100) and total cost on test\n\n| Router |");
        for (String b : benchmarks) {
            sb.append(' ').append(b).append(" |");
        }
        sb.append(" Ave | Qual | Cost | skipped |\n|---|");
        sb.append("---:|".repeat(benchmarks.size() + 4)).append('\n');
        for (RouterKind kind : RouterKind.values()) {
            for (RouterResult r : results) {
                if (r.kind() != kind) {
                    continue;
                }
                RouterMetrics m = r.metrics();
                sb.append("| ").append(r.name()).append(" |");
                for (String b : benchmarks) {
                    sb.append(' ').append(pct(m.perBenchmark().getOrDefault(b, Double.NaN))).append(" |");
                }
                sb.append(' ').append(pct(m.ave())).append(" | ").append(pct(m.qual())).append(" | ")
                        .append(num(m.totalCost())).append(" | ").append(m.skippedMissing()).append(" |\n");
            }
        }
        appendPairedDifferences(sb);
        if (results.stream().anyMatch(RouterResult::hasCostKnob)) {
            sb.append("\n## Cost knob (λ = 0 … 1)\n\n| Router | Qual at best single's cost | cost/prompt at best single's Qual | area |\n"
                    + "|---|---:|---:|---:|\n");
            for (RouterResult r : results) {
                if (r.hasCostKnob()) {
                    sb.append("| ").append(r.name()).append(" | ").append(pct(r.qualityAtBestSingleCost())).append(" | ")
                            .append(num(r.costAtBestSingleQuality())).append(" | ").append(fixed(r.area(), 4)).append(" |\n");
                }
            }
        }
        appendStandardMetrics(sb);
        sb.append("\n## Routing share (% of test prompts, λ = 0)\n\n| Router |");
        for (String mName : models) {
            sb.append(' ').append(mName).append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(models.size())).append('\n');
        for (RouterResult r : results) {
            if (r.kind() == RouterKind.SINGLE_MODEL) {
                continue;
            }
            sb.append("| ").append(r.name()).append(" |");
            for (double s : r.metrics().share()) {
                sb.append(' ').append(fixed(100 * s, 1)).append(" |");
            }
            sb.append('\n');
        }
        List<RouterResult> withTasks = results.stream().filter(r -> r.metrics().hasTasks()).toList();
        if (!withTasks.isEmpty()) {
            sb.append("\n## Task assigned vs Others\n\n| Router | assigned | Qual assigned | Others | Qual Others |\n|---|---:|---:|---:|---:|\n");
            for (RouterResult r : withTasks) {
                RouterMetrics m = r.metrics();
                sb.append("| ").append(r.name()).append(" | ").append(m.assignedPrompts()).append(" | ").append(pct(m.assignedQual()))
                        .append(" | ").append(m.othersPrompts()).append(" | ").append(pct(m.othersQual())).append(" |\n");
            }
        }
        if (!devChoices.isEmpty()) {
            sb.append("\n## Settings chosen on train/dev (never on test)\n\n");
            for (String line : devChoices) {
                sb.append("- ").append(line).append('\n');
            }
        }
        sb.append("\n## Notes\n\n");
        for (String note : notes()) {
            sb.append("- ").append(note).append('\n');
        }
        return sb.toString();
    }

    /**
     * Every router's Qual difference (×100) to the best single model and to the router under test, prompt by prompt on
     * the same test prompts, ± one standard error; omitted when no row has one (reports written before stop 36).
     */
    private void appendPairedDifferences(StringBuilder sb) {
        if (results.stream().noneMatch(EvaluationReport::hasPaired)) {
            return;
        }
        String full = routerUnderTest().map(RouterResult::name).orElse("–");
        sb.append("\n## Paired differences on test (λ = 0)\n\nQual (×100) of each router minus the best single model's (")
                .append(bestSingleModel == null ? "–" : bestSingleModel).append(") and minus ").append(full)
                .append("'s, prompt by prompt over the test prompts both have a score for, ± one standard error of that paired "
                        + "difference. A difference inside about two standard errors is one this test split cannot tell from noise.\n\n"
                        + "| Router | vs best single | vs " + full + " | prompts |\n|---|---:|---:|---:|\n");
        for (RouterKind kind : RouterKind.values()) {
            for (RouterResult r : results) {
                if (r.kind() != kind || !hasPaired(r)) {
                    continue;
                }
                sb.append("| ").append(r.name()).append(" | ").append(r.versusBestSingle().formatted()).append(" | ")
                        .append(r.versusFull().formatted()).append(" | ").append(Math.max(r.versusBestSingle().n(), r.versusFull().n())).append(" |\n");
            }
        }
    }

    /** Whether a row has either paired difference. */
    private static boolean hasPaired(RouterResult r) {
        return r.versusBestSingle().n() > 0 || r.versusFull().n() > 0;
    }

    private void appendStandardMetrics(StringBuilder sb) {
        Map<String, StandardMetrics> standard = StandardMetricsCalculator.of(this);
        StandardMetrics any = standard.isEmpty() ? null : standard.values().iterator().next();
        sb.append("\n## Standard router metrics\n\n");
        if (any == null || any.strongModel() == null) {
            sb.append("No single-model rows: no strong/weak pair, so PGR, APGR and CPT are undefined.\n\n");
        } else {
            sb.append(String.format(Locale.ROOT, "Strong model (best single by Qual): %s (Qual %s, cost/prompt %s %s); weak model "
                            + "(cheapest single): %s (Qual %s, cost/prompt %s %s). PGR = performance gap recovered at λ = 0; APGR and "
                            + "CPT (%% of the normalised cost axis from weak to strong) after RouteLLM; AIQ (area under the "
                            + "non-decreasing convex hull, cost axis from the cheapest to the most expensive single model) after "
                            + "RouterBench; strong calls = %% of test prompts routed to the strong model at λ = 0. Definitions: "
                            + "docs/metrics.md.%n%n",
                    any.strongModel(), pct(any.strongQual()), num(any.strongCost()), costUnit(), any.weakModel(),
                    pct(any.weakQual()), num(any.weakCost()), costUnit()));
        }
        sb.append("| Router | PGR | APGR | CPT(50%) | CPT(80%) | AIQ | strong calls (%) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (RouterResult r : results) {
            if (r.kind() == RouterKind.SINGLE_MODEL) {
                continue;
            }
            StandardMetrics s = standard.get(r.name());
            double strongShare = StandardMetricsCalculator.strongCallShare(this, r, s);
            sb.append("| ").append(r.name()).append(" | ").append(fixed(s.pgr(), 3)).append(" | ")
                    .append(fixed(s.apgr(), 3)).append(" | ").append(fixed(s.cpt50(), 1)).append(" | ")
                    .append(fixed(s.cpt80(), 1)).append(" | ").append(fixed(s.aiq(), 4)).append(" | ")
                    .append(fixed(100 * strongShare, 1)).append(" |\n");
        }
    }

    /** Writes {@code evaluation.json} and {@code evaluation.md} into {@code dir}, each atomically. */
    public void write(Path dir) throws EngineException {
        AtomicFiles.writeString(dir.resolve("evaluation.json"), toJson());
        AtomicFiles.writeString(dir.resolve("evaluation.md"), toMarkdown());
    }

    private static String pct(double v) {
        return fixed(100 * v, 2);
    }

    private static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "–";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "–";
    }
}

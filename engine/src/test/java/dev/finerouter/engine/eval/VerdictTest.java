package dev.finerouter.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.PairedDifference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact verdict lines on hand-built reports.
 *
 * <p>Pool W (cost 1, Qual 0.5) and S (cost 4, Qual {@code bestQual}, the best single model); the area axis is [1, 4].
 * The full router F has the points λ=0 (cost 2.4, Qual 0.85), λ=0.5 (1.5, 0.75), λ=1 (1.2, 0.6): at half of S's cost
 * (2.0) its frontier gives 0.75 + 0.5 / 0.9 × 0.1 = 0.80556; its AIQ is (0.2025 + 0.72 + 0.85 × 1.6) / 3 = 0.76083.
 */
class VerdictTest {
    private static final String F = "FineRouter (α = 0.50)";

    private static RouterMetrics metrics(double qual, double costPerPrompt) {
        return new RouterMetrics(10, 10, 0, Map.of("b", qual), qual, qual, 10 * costPerPrompt, costPerPrompt, new double[]{0.5, 0.5},
                Double.NaN, Double.NaN, 0, 0);
    }

    private static RouterResult fixed(String name, RouterKind kind, double qual, double cost) {
        return new RouterResult(name, kind, false, metrics(qual, cost),
                new CostQualityCurve(List.of(new CurvePoint(Double.NaN, cost, qual))), Double.NaN, Double.NaN, Double.NaN);
    }

    /** A knob router whose λ = 0 point is the first one. */
    private static RouterResult knob(String name, RouterKind kind, CurvePoint... points) {
        return new RouterResult(name, kind, true, metrics(points[0].qual(), points[0].costPerPrompt()),
                new CostQualityCurve(List.of(points)), Double.NaN, Double.NaN, Double.NaN);
    }

    private static RouterResult fineRouter() {
        return knob(F, RouterKind.FULL, new CurvePoint(0, 2.4, 0.85), new CurvePoint(0.5, 1.5, 0.75), new CurvePoint(1, 1.2, 0.6));
    }

    /** W, S, Oracle, Random, Cheapest (reference rows that never count as the strongest baseline), then {@code rest}. */
    private static EvaluationReport report(boolean priced, double bestQual, RouterResult... rest) {
        List<RouterResult> results = new ArrayList<>(List.of(fixed("W", RouterKind.SINGLE_MODEL, 0.5, 1),
                fixed("S", RouterKind.SINGLE_MODEL, bestQual, priced ? 4 : 1), fixed("Oracle", RouterKind.BASELINE, 1.0, 1.5),
                fixed("Random", RouterKind.BASELINE, 0.95, 2.5), fixed("Cheapest", RouterKind.BASELINE, 0.99, 1)));
        results.addAll(List.of(rest));
        return new EvaluationReport("toy", "f", 1, 10, 10, 10, List.of("W", "S"), List.of("b"), CostModel.DEFAULT, priced, "S",
                1, priced ? 4 : 1, results);
    }

    @Test
    void routerAheadOfTheStrongestBaseline() {
        // kNN (0.82 at cost 2) beats MLP (0.78); kNN's AIQ: (0.66 + 0.82 × 2) / 3 = 0.76667; the ablation is ignored
        EvaluationReport r = report(true, 0.8, knob("kNN", RouterKind.BASELINE, new CurvePoint(0, 2.0, 0.82), new CurvePoint(1, 1.0, 0.5)),
                fixed("MLP", RouterKind.BASELINE, 0.78, 1.8), fixed("Stage 2 only", RouterKind.ABLATION, 0.97, 1), fineRouter());
        assertEquals(Optional.of("FineRouter: +5.0 Qual at 0.60× the cost of S; at half of S's cost it reaches 80.6 (S: 80.0); "
                + "FineRouter is 3.0 Qual higher than kNN (the strongest baseline) at 1.20× its cost, AIQ 0.76 vs 0.77"), Verdict.of(r));
    }

    @Test
    void routerBehindTheStrongestBaselineAndTheBestSingleModel() {
        // kNN: 0.88 at cost 3, AIQ (1.38 + 0.88) / 3 = 0.75333, ahead of MLP and MF
        EvaluationReport r = report(true, 0.9, fixed("MLP", RouterKind.BASELINE, 0.7, 2), fixed("MF", RouterKind.BASELINE, 0.7, 1.5),
                knob("kNN", RouterKind.BASELINE, new CurvePoint(0, 3.0, 0.88), new CurvePoint(1, 1.0, 0.5)), fineRouter());
        assertEquals(Optional.of("FineRouter: -5.0 Qual at 0.60× the cost of S; at half of S's cost it reaches 80.6 (S: 90.0); "
                + "kNN (the strongest baseline) is 3.0 Qual higher at 1.25× FineRouter's cost, AIQ 0.75 vs 0.76"), Verdict.of(r));
    }

    /** {@code r} with its paired differences set. */
    private static RouterResult withPaired(RouterResult r, PairedDifference versusBestSingle, PairedDifference versusFull) {
        return new RouterResult(r.name(), r.kind(), r.hasCostKnob(), r.metrics(), r.curve(), r.qualityAtBestSingleCost(),
                r.costAtBestSingleQuality(), r.area(), versusBestSingle, versusFull);
    }

    @Test
    void standardErrorsOfThePairedDifferencesFollowTheDifferences() {
        RouterResult full = withPaired(fineRouter(), new PairedDifference(-0.05, 0.0404, 39), PairedDifference.NONE);
        RouterResult knn = withPaired(knob("kNN", RouterKind.BASELINE, new CurvePoint(0, 3.0, 0.88), new CurvePoint(1, 1.0, 0.5)),
                new PairedDifference(-0.02, 0.01, 39), new PairedDifference(0.03, 0.0149, 39));
        assertEquals(Optional.of("FineRouter: -5.0 ± 4.0 Qual at 0.60× the cost of S; at half of S's cost it reaches 80.6 (S: 90.0); "
                + "kNN (the strongest baseline) is 3.0 ± 1.5 Qual higher at 1.25× FineRouter's cost, AIQ 0.75 vs 0.76"),
                Verdict.of(report(true, 0.9, knn, full)));
        RouterResult ahead = withPaired(fixed("MLP", RouterKind.BASELINE, 0.82, 2.0), PairedDifference.NONE, new PairedDifference(-0.03, 0.02, 10));
        assertEquals(Optional.of("FineRouter: +5.0 ± 4.0 Qual at 0.60× the cost of S; at half of S's cost it reaches 80.6 (S: 80.0); "
                + "FineRouter is 3.0 ± 2.0 Qual higher than MLP (the strongest baseline) at 1.20× its cost"),
                Verdict.of(report(true, 0.8, ahead, withPaired(fineRouter(), new PairedDifference(0.05, 0.0404, 39), PairedDifference.NONE))));
        RouterResult level = withPaired(fixed("MF", RouterKind.BASELINE, 0.85, 2), PairedDifference.NONE, new PairedDifference(0, 0.007, 10));
        assertEquals(Optional.of("FineRouter: ±0.0 Qual at 0.60× the cost of S; at half of S's cost it reaches 80.6 (S: 85.0); "
                + "FineRouter ties MF (the strongest baseline) on Qual (± 0.7) at 1.20× its cost"), Verdict.of(report(true, 0.85, level, fineRouter())));
        RouterResult same = withPaired(fixed("MF", RouterKind.BASELINE, 0.85, 2), PairedDifference.NONE, new PairedDifference(0, 0, 10));
        assertTrue(Verdict.of(report(true, 0.85, same, fineRouter())).orElseThrow()
                .endsWith("FineRouter ties MF (the strongest baseline) on Qual (the same outcome on every test prompt) at 1.20× its cost"));
        RouterResult sameAsS = withPaired(fineRouter(), new PairedDifference(0, 0, 39), PairedDifference.NONE);
        assertTrue(Verdict.of(report(true, 0.85, sameAsS)).orElseThrow().startsWith("FineRouter: the same outcome as S on every test prompt, at "
                + "0.60× its cost; at half"), "not '±0.0 ± 0.0 Qual'");
        RouterResult close = withPaired(fixed("MF", RouterKind.BASELINE, 0.85, 2), PairedDifference.NONE, new PairedDifference(1e-4, 1e-4, 300));
        assertTrue(Verdict.of(report(true, 0.85, close, fineRouter())).orElseThrow().contains("ties MF (the strongest baseline) on Qual (± 0.01)"),
                "a positive standard error that one decimal would show as 0.0 gets two");
        RouterResult onePrompt = withPaired(fineRouter(), new PairedDifference(0.05, 0, 1), PairedDifference.NONE);
        assertTrue(Verdict.of(report(true, 0.8, onePrompt)).orElseThrow().startsWith("FineRouter: +5.0 Qual at"),
                "one paired prompt has no spread to report");
    }

    /**
     * With missing scores each Qual is a mean over its own prompts (10 here) while the paired difference covers the
     * prompts both routers have a score for (6 and 7): the clause quotes the paired mean beside its standard error
     * and says over how many prompts, not the difference of the two Quals (-5.0 and 3.0).
     */
    @Test
    void withMissingScoresThePairedMeanIsQuotedAndItsPromptsNamed() {
        RouterResult full = withPaired(fineRouter(), new PairedDifference(0.02, 0.03, 6), PairedDifference.NONE);
        RouterResult knn = withPaired(knob("kNN", RouterKind.BASELINE, new CurvePoint(0, 3.0, 0.88), new CurvePoint(1, 1.0, 0.5)),
                PairedDifference.NONE, new PairedDifference(0.01, 0.02, 7));
        assertEquals(Optional.of("FineRouter: +2.0 ± 3.0 Qual on the 6 test prompts both have a score for, at 0.60× the cost of S; "
                + "at half of S's cost it reaches 80.6 (S: 90.0); kNN (the strongest baseline) is 1.0 ± 2.0 Qual higher on the 7 test "
                + "prompts both have a score for, at 1.25× FineRouter's cost, AIQ 0.75 vs 0.76"), Verdict.of(report(true, 0.9, knn, full)));
    }

    @Test
    void tiesGoToTheCheaperBaselineAndARoundedTieIsSaidSo() {
        EvaluationReport r = report(true, 0.85, fixed("MLP", RouterKind.BASELINE, 0.85, 3), fixed("MF", RouterKind.BASELINE, 0.85, 2),
                fineRouter());
        assertEquals("MF", Verdict.strongestBaseline(r).orElseThrow().name());
        assertEquals(Optional.of("FineRouter: ±0.0 Qual at 0.60× the cost of S; at half of S's cost it reaches 80.6 (S: 85.0); "
                + "FineRouter ties MF (the strongest baseline) on Qual at 1.20× its cost"), Verdict.of(r));
    }

    @Test
    void withoutPricesCostsAreEqualAndThereIsNoHalfCostOrAiq() {
        RouterResult full = knob(F, RouterKind.FULL, new CurvePoint(0, 1, 0.85), new CurvePoint(1, 1, 0.7));
        EvaluationReport r = report(false, 0.8, knob("kNN", RouterKind.BASELINE, new CurvePoint(0, 1, 0.9), new CurvePoint(1, 1, 0.6)),
                full);
        assertEquals(Optional.of("FineRouter: +5.0 Qual vs S at equal cost (no prices); "
                + "kNN (the strongest baseline) is 5.0 Qual higher at equal cost"), Verdict.of(r));
    }

    @Test
    void curveNotReachingHalfTheBestModelsCost() {
        // a knob-less full router at cost 2.4 > 2.0 = half of S's cost; no AIQ clause (F has no knob)
        EvaluationReport r = report(true, 0.8, knob("kNN", RouterKind.BASELINE, new CurvePoint(0, 2.0, 0.82), new CurvePoint(1, 1.0, 0.5)),
                fixed("FineRouter", RouterKind.FULL, 0.85, 2.4));
        assertEquals(Optional.of("FineRouter: +5.0 Qual at 0.60× the cost of S; at half of S's cost: not reachable (cheapest setting "
                + "0.60×); FineRouter is 3.0 Qual higher than kNN (the strongest baseline) at 1.20× its cost"), Verdict.of(r));
    }

    @Test
    void onlyReferenceBaselinesMeansNoBaselineClause() {
        assertEquals(Optional.of("FineRouter: +5.0 Qual at 0.60× the cost of S; at half of S's cost it reaches 80.6 (S: 80.0)"),
                Verdict.of(report(true, 0.8, fineRouter())));
    }

    @Test
    void noFullRowOrNoSingleModelMeansNoVerdict() throws Exception {
        EvaluationReport noFull = report(true, 0.8, fixed("kNN", RouterKind.BASELINE, 0.82, 2));
        assertEquals(Optional.empty(), Verdict.of(noFull));
        assertTrue(new ObjectMapper().readTree(noFull.toJson()).get("verdict").isNull());
        assertTrue(noFull.toMarkdown().startsWith("# Router evaluation: toy\n\n- data fingerprint"), noFull.toMarkdown());
        EvaluationReport noSingles = new EvaluationReport("toy", "f", 1, 10, 10, 10, List.of("W", "S"), List.of("b"), CostModel.DEFAULT,
                true, null, Double.NaN, Double.NaN, List.of(fineRouter()));
        assertEquals(Optional.empty(), Verdict.of(noSingles));
    }

    @Test
    void markdownOpensWithTheVerdictAndJsonCarriesIt() throws Exception {
        EvaluationReport r = report(true, 0.8, fineRouter());
        String line = Verdict.of(r).orElseThrow();
        String md = r.toMarkdown();
        assertTrue(md.startsWith("# Router evaluation: toy\n\n**Verdict:** " + line + "\n\n- data fingerprint: `f`\n"), md);
        assertTrue(md.contains("- best single model: S (Qual 80.00, cost/prompt 4.000 USD)\n"), md);
        assertTrue(md.contains("Table 1's Cost is the total over the whole test split (10 prompts)"), md);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals(line, json.get("verdict").asText());
        assertTrue(report(false, 0.8, fineRouter()).toMarkdown().contains("cost/prompt 1.000 calls)"));
    }
}

package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.PairedDifference;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {
    private static final double EPS = 1e-9;
    private final EvaluationData toy = EvalFixtures.toy();
    private final EvaluationSplit test = toy.split(Split.TEST);

    @Test
    void singleModelMetricsByHand() {
        RouterMetrics a = EvaluationMetrics.of(test, new int[]{0, 0, 0, 0});
        assertEquals(0.5, a.perBenchmark().get("x"), EPS);
        assertEquals(0.25, a.perBenchmark().get("y"), EPS);
        assertEquals(0.375, a.ave(), EPS);
        assertEquals(0.375, a.qual(), EPS);
        assertEquals(4, a.totalCost(), EPS);
        assertEquals(1, a.costPerPrompt(), EPS);
        assertArrayEquals(new double[]{1, 0, 0}, a.share(), EPS);
    }

    @Test
    void missingScoresAreSkippedNotZeroed() {
        RouterMetrics b = EvaluationMetrics.of(test, new int[]{1, 1, 1, 1});
        assertEquals(1, b.skippedMissing());
        assertEquals(3, b.scoredPrompts());
        assertEquals(2.0 / 3, b.qual(), EPS, "mean over 3 scored prompts, not 2/4");
        assertEquals(1.0, b.perBenchmark().get("x"), EPS);
        assertEquals(0.0, b.perBenchmark().get("y"), EPS);
        assertEquals(0.5, b.ave(), EPS);
        assertEquals(8, b.totalCost(), EPS, "the skipped prompt's call still costs");
    }

    @Test
    void oracleMetricsByHand() {
        RouterMetrics o = EvaluationMetrics.of(test, new OracleRouter().route(test, 0));
        assertEquals(0.875, o.qual(), EPS);
        assertEquals(0.875, o.ave(), EPS);
        assertEquals(8, o.totalCost(), EPS);
        assertArrayEquals(new double[]{0.5, 0.25, 0.25}, o.share(), EPS);
    }

    @Test
    void curveFrontierInterpolationAndArea() {
        CostQualityCurve c = new CostQualityCurve(List.of(new CurvePoint(0, 4, 0.8), new CurvePoint(0.3, 2, 0.7),
                new CurvePoint(1, 1, 0.5), new CurvePoint(0.5, 3, 0.6)));
        assertEquals(3, c.frontier().size(), "the (3, 0.6) point is dominated");
        assertEquals(0.75, c.qualityAtCost(3), EPS);
        assertTrue(Double.isNaN(c.qualityAtCost(0.5)));
        assertEquals(0.8, c.qualityAtCost(5), EPS);
        assertEquals(3, c.costAtQuality(0.75), EPS);
        assertEquals(1, c.costAtQuality(0.4), EPS);
        assertTrue(Double.isNaN(c.costAtQuality(0.9)));
        assertEquals(0.7, c.area(1, 4), EPS);
        assertEquals(0.525, c.area(0, 4), EPS);
        assertTrue(Double.isNaN(c.area(1, 1)), "equal costs: no cost axis");
    }

    @Test
    void fullEvaluationOfTheToy() throws Exception {
        List<RouterEvaluation.Entry> entries = new java.util.ArrayList<>();
        for (SingleModelRouter s : SingleModelRouter.all(toy)) {
            entries.add(new RouterEvaluation.Entry(s, RouterKind.SINGLE_MODEL));
        }
        entries.add(new RouterEvaluation.Entry(new OracleRouter(), RouterKind.BASELINE));
        entries.add(new RouterEvaluation.Entry(KnnRouter.withK(toy, 2), RouterKind.BASELINE));
        EvaluationReport report = RouterEvaluation.evaluate(toy, entries, 42);
        assertEquals("C", report.bestSingleModel());
        assertEquals(1, report.costAxisMin(), EPS);
        assertEquals(4, report.costAxisMax(), EPS);
        RouterResult knn = report.result("kNN");
        List<CurvePoint> points = knn.curve().points();
        CurveTracerTest.assertGridIncluded(points);
        assertEquals(0.75, knn.metrics().qual(), EPS);
        assertEquals(12, knn.metrics().totalCost(), EPS);
        // points: λ < 0.5 → (3, 0.75); 0.5 ≤ λ < 1 → (2, 2/3); λ = 1 → (1, 0.375); the two jumps located by bisection
        for (CurvePoint p : points) {
            double[] expected = p.tolerance() < 0.5 ? new double[] {3, 0.75} : p.tolerance() < 1 ? new double[] {2, 2.0 / 3} : new double[] {1, 0.375};
            assertEquals(expected[0], p.costPerPrompt(), EPS, "cost at λ " + p.tolerance());
            assertEquals(expected[1], p.qual(), EPS, "Qual at λ " + p.tolerance());
        }
        assertEquals(21 + 2 * 5, points.size(), "each jump bisected five times (0.05 down to 1/640)");
        assertEquals(0.75, knn.qualityAtBestSingleCost(), EPS);
        assertEquals(3, knn.costAtBestSingleQuality(), EPS);
        assertEquals((0.375 + 2.0 / 3) / 6 + (2.0 / 3 + 0.75) / 6 + 0.25, knn.area(), EPS);
        assertTrue(Double.isNaN(report.result("Oracle").area()));

        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("eval-report");
        report.write(dir);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("evaluation.json").toFile());
        assertEquals("fp-toy", json.get("fingerprint").asText());
        assertEquals(4, json.get("splits").get("test").asInt());
        assertEquals(0.875, json.get("routers").get(3).get("qual").asDouble(), EPS);
        assertTrue(json.get("routers").get(3).get("area").isNull());
        String md = java.nio.file.Files.readString(dir.resolve("evaluation.md"));
        assertTrue(md.contains("| Oracle | 100.00 | 75.00 | 87.50 | 87.50 | 8.000 | 0 |"), md);
        assertTrue(md.contains("| B | 100.00 | 0.00 | 50.00 | 66.67 | 8.000 | 1 |"), md);
    }

    @Test
    void pairedDifferencesToTheBestSingleModelAndTheRouterUnderTest() {
        // test rows {1,1,1}, {0,1,1}, {0,0,1}, {0.5,N,0}; best single C (0.75); the oracle (as the router under test)
        // takes A, B, C, A: outcomes 1, 1, 1, 0.5
        List<RouterEvaluation.Entry> entries = new java.util.ArrayList<>();
        for (SingleModelRouter s : SingleModelRouter.all(toy)) {
            entries.add(new RouterEvaluation.Entry(s, RouterKind.SINGLE_MODEL));
        }
        entries.add(new RouterEvaluation.Entry(new OracleRouter(), RouterKind.FULL));
        EvaluationReport report = RouterEvaluation.evaluate(toy, entries, 42);
        assertEquals("C", report.bestSingleModel());
        assertSame(PairedDifference.NONE, report.result("C").versusBestSingle(), "the best single model against itself");
        assertSame(PairedDifference.NONE, report.result("Oracle").versusFull(), "the router under test against itself");
        // A − C: 0, −1, −1, 0.5: mean −0.375, sd 0.75
        PairedDifference a = report.result("A").versusBestSingle();
        assertEquals(4, a.n());
        assertEquals(-0.375, a.mean(), EPS);
        assertEquals(0.375, a.se(), EPS);
        // B − C, B's missing score skipped: 0, 0, −1: mean −1/3, sd √(1/3)
        PairedDifference b = report.result("B").versusBestSingle();
        assertEquals(3, b.n());
        assertEquals(-1.0 / 3, b.mean(), EPS);
        assertEquals(1.0 / 3, b.se(), EPS);
        // oracle − C: 0, 0, 0, 0.5: mean 0.125, sd 0.25
        assertEquals(0.125, report.result("Oracle").versusBestSingle().mean(), EPS);
        assertEquals(0.125, report.result("Oracle").versusBestSingle().se(), EPS);
        // A − oracle: 0, −1, −1, 0: mean −0.5, sd √(1/3)
        PairedDifference aFull = report.result("A").versusFull();
        assertEquals(-0.5, aFull.mean(), EPS);
        assertEquals(Math.sqrt(1.0 / 12), aFull.se(), EPS);
        String md = report.toMarkdown();
        assertTrue(md.contains("| A | -37.50 ± 37.50 | -50.00 ± 28.87 | 4 |"), md);
        assertTrue(md.contains("| C | – | -12.50 ± 12.50 | 4 |"), md);
        assertTrue(md.contains("| Oracle | +12.50 ± 12.50 | – | 4 |"), md);
        assertTrue(report.verdict().orElseThrow().startsWith("Oracle: +12.5 ± 12.5 Qual at "), report.verdict().orElseThrow());
    }

    @Test
    void equalCostNoteWithoutPrices() {
        float[][] scores = {{1, 0}, {0, 1}};
        EvaluationData data = EvalFixtures.build(scores, new String[]{"x", "x"}, new Split[]{Split.TRAIN, Split.TEST},
                new float[][]{{1, 0}, {0, 1}}, List.of(dev.finerouter.engine.model.ModelSpec.unpriced("a"),
                        dev.finerouter.engine.model.ModelSpec.unpriced("b")));
        EvaluationReport report = RouterEvaluation.evaluate(data, List.of(
                new RouterEvaluation.Entry(new SingleModelRouter("a", 0), RouterKind.SINGLE_MODEL),
                new RouterEvaluation.Entry(KnnRouter.withK(data, 1), RouterKind.BASELINE)), 1);
        assertTrue(report.toMarkdown().contains("Equal cost"));
        assertTrue(report.toJson().contains("\"equalCost\" : true"));
        assertTrue(Double.isNaN(report.result("kNN").area()));
    }
}

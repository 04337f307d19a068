package dev.finerouter.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.model.CostModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-built reports with hand-computed RouteLLM and RouterBench metrics.
 *
 * <p>The pool W (cost 1, Qual 0.5), M (cost 2, Qual 0.6), S (cost 5, Qual 0.9): strong = S, weak = W, normalised
 * cost x = (cost − 1) / 4, PGR = (Qual − 0.5) / 0.4. The router R has the points λ=0 (cost 4, Qual 0.86, 70% to S),
 * λ=0.5 (cost 2, Qual 0.74, 20% to S), λ=1 (cost 1.5, Qual 0.55, 0% to S), i.e. (x, PGR) = (0.75, 0.9),
 * (0.25, 0.6), (0.125, 0.125), plus the weak anchor (0, 0).
 */
class StandardMetricsTest {
    private static final double EPS = 1e-9;

    private static RouterMetrics metrics(double qual, double costPerPrompt, double... share) {
        return new RouterMetrics(10, 10, 0, Map.of("b", qual), qual, qual, 10 * costPerPrompt, costPerPrompt, share,
                Double.NaN, Double.NaN, 0, 0);
    }

    private static RouterResult single(String name, double qual, double cost, double... share) {
        return new RouterResult(name, RouterKind.SINGLE_MODEL, false, metrics(qual, cost, share),
                new CostQualityCurve(List.of(new CurvePoint(Double.NaN, cost, qual, share))), Double.NaN, Double.NaN, Double.NaN);
    }

    private static RouterResult router() {
        List<CurvePoint> points = List.of(new CurvePoint(0, 4, 0.86, new double[]{0.1, 0.2, 0.7}),
                new CurvePoint(0.5, 2, 0.74, new double[]{0.4, 0.4, 0.2}), new CurvePoint(1, 1.5, 0.55, new double[]{0.5, 0.5, 0}));
        return new RouterResult("R", RouterKind.FULL, true, metrics(0.86, 4, 0.1, 0.2, 0.7), new CostQualityCurve(points),
                Double.NaN, Double.NaN, Double.NaN);
    }

    private static EvaluationReport report(List<RouterResult> results, String best, double min, double max) {
        return new EvaluationReport("toy", "f", 1, 10, 10, 10, List.of("W", "M", "S"), List.of("b"), CostModel.DEFAULT, true,
                best, min, max, results);
    }

    private static EvaluationReport toyReport() {
        return report(List.of(single("W", 0.5, 1, 1, 0, 0), single("M", 0.6, 2, 0, 1, 0), single("S", 0.9, 5, 0, 0, 1), router()),
                "S", 1, 5);
    }

    @Test
    void strongIsTheBestSingleModelAndWeakTheCheapest() {
        StandardMetrics s = StandardMetricsCalculator.of(toyReport()).get("R");
        assertEquals("S", s.strongModel());
        assertEquals("W", s.weakModel());
        assertEquals(0.9, s.strongQual(), EPS);
        assertEquals(0.5, s.weakQual(), EPS);
        assertEquals(5, s.strongCost(), EPS);
        assertEquals(1, s.weakCost(), EPS);
    }

    @Test
    void pgrAtLambdaZero() {
        // (0.86 − 0.5) / (0.9 − 0.5) = 0.9
        assertEquals(0.9, StandardMetricsCalculator.of(toyReport()).get("R").pgr(), EPS);
    }

    @Test
    void apgrIsTheAreaUnderPgrOverTheNormalisedCostAxis() {
        // trapezoids (0,0)-(0.125,0.125): 0.0078125; -(0.25,0.6): 0.0453125; -(0.75,0.9): 0.375; flat 0.9 to x=1: 0.225
        assertEquals(0.653125, StandardMetricsCalculator.of(toyReport()).get("R").apgr(), EPS);
    }

    @Test
    void cptIsTheSmallestCostShareReachingTheGapFraction() {
        StandardMetrics s = StandardMetricsCalculator.of(toyReport()).get("R");
        // PGR 0.5 between (0.125, 0.125) and (0.25, 0.6): x = 0.125 + 0.375 / 0.475 × 0.125
        assertEquals(100 * (0.125 + 0.375 / 0.475 * 0.125), s.cpt50(), EPS);
        // PGR 0.8 between (0.25, 0.6) and (0.75, 0.9): x = 0.25 + 0.2 / 0.3 × 0.5
        assertEquals(100 * (0.25 + 0.2 / 0.3 * 0.5), s.cpt80(), EPS);
    }

    @Test
    void cptIsNaNWhenTheGapFractionIsNeverReached() {
        RouterResult low = new RouterResult("L", RouterKind.BASELINE, false, metrics(0.6, 3, 0, 1, 0),
                new CostQualityCurve(List.of(new CurvePoint(Double.NaN, 3, 0.6, new double[]{0, 1, 0}))), Double.NaN, Double.NaN, Double.NaN);
        EvaluationReport r = report(List.of(single("W", 0.5, 1, 1, 0, 0), single("S", 0.9, 5, 0, 0, 1), low), "S", 1, 5);
        StandardMetrics s = StandardMetricsCalculator.of(r).get("L");
        assertEquals(0.25, s.pgr(), EPS);
        assertTrue(Double.isNaN(s.cpt50()));
        // anchor (0, 0) to (0.5, 0.25): 0.0625, then flat 0.25 over 0.5: 0.125
        assertEquals(0.1875, s.apgr(), EPS);
    }

    @Test
    void aiqIsTheNormalisedAreaUnderTheHullOverTheSingleModelCostRange() {
        // hull (1.5,0.55),(2,0.74),(4,0.86) — (2,0.74) lies above the chord (0.612) — over [1,5]: 0 on [1,1.5],
        // 0.3225 on [1.5,2], 1.6 on [2,4], 0.86 on [4,5]; 2.7825 / 4
        assertEquals(0.695625, StandardMetricsCalculator.of(toyReport()).get("R").aiq(), EPS);
    }

    @Test
    void hullDropsDominatedPointsAndPointsBelowTheChord() {
        List<CurvePoint> hull = StandardMetricsCalculator.nonDecreasingConvexHull(List.of(new CurvePoint(0, 1, 0.5),
                new CurvePoint(0.2, 2, 0.55), new CurvePoint(0.4, 3, 0.8), new CurvePoint(0.6, 3.5, 0.7), new CurvePoint(0.8, 4, 0.82),
                new CurvePoint(1, 5, 0.82)));
        // (3.5, 0.7) and (5, 0.82) are dominated; (2, 0.55) is below the chord (1,0.5)-(3,0.8), which gives 0.65 there
        assertEquals(List.of(1.0, 3.0, 4.0), hull.stream().map(CurvePoint::costPerPrompt).toList());
        assertEquals(List.of(0.5, 0.8, 0.82), hull.stream().map(CurvePoint::qual).toList());
    }

    @Test
    void collinearPointsAreDroppedFromTheHull() {
        List<CurvePoint> hull = StandardMetricsCalculator.nonDecreasingConvexHull(List.of(new CurvePoint(0, 1, 0.5),
                new CurvePoint(0, 2, 0.6), new CurvePoint(0, 3, 0.7)));
        assertEquals(List.of(1.0, 3.0), hull.stream().map(CurvePoint::costPerPrompt).toList());
    }

    @Test
    void gapPointsCarryTheLiteralStrongCallShare() {
        List<StandardMetrics.GapPoint> p = StandardMetricsCalculator.of(toyReport()).get("R").points();
        assertEquals(3, p.size());
        assertEquals(0.75, p.get(0).normalisedCost(), EPS);
        assertEquals(0.9, p.get(0).pgr(), EPS);
        assertEquals(0.7, p.get(0).strongCallShare(), EPS);
        assertEquals(0.125, p.get(2).normalisedCost(), EPS);
        assertEquals(0.125, p.get(2).pgr(), EPS);
        assertEquals(0.0, p.get(2).strongCallShare(), EPS);
    }

    @Test
    void unknownSharesGiveNaNStrongCallShare() {
        RouterResult r = new RouterResult("X", RouterKind.BASELINE, false, metrics(0.7, 2, 0, 1, 0),
                new CostQualityCurve(List.of(new CurvePoint(Double.NaN, 2, 0.7))), Double.NaN, Double.NaN, Double.NaN);
        EvaluationReport rep = report(List.of(single("W", 0.5, 1, 1, 0, 0), single("S", 0.9, 5, 0, 0, 1), r), "S", 1, 5);
        assertTrue(Double.isNaN(StandardMetricsCalculator.of(rep).get("X").points().get(0).strongCallShare()));
    }

    @Test
    void equalCostsMakeTheStrongModelAlsoTheWeakOne() {
        // every call costs 1: the cheapest models tie, the tie goes to the higher Qual (S), so there is no gap to recover
        EvaluationReport r = report(List.of(single("W", 0.5, 1, 1, 0, 0), single("S", 0.9, 1, 0, 0, 1), router()), "S", 1, 1);
        StandardMetrics s = StandardMetricsCalculator.of(r).get("R");
        assertEquals("S", s.weakModel());
        assertTrue(Double.isNaN(s.pgr()));
        assertTrue(Double.isNaN(s.apgr()));
        assertTrue(Double.isNaN(s.cpt50()));
        assertTrue(Double.isNaN(s.aiq()));
    }

    @Test
    void noGapWhenTheBestModelIsAlsoTheCheapest() {
        EvaluationReport r = report(List.of(single("W", 0.9, 1, 1, 0, 0), single("S", 0.5, 5, 0, 0, 1), router()), "W", 1, 5);
        StandardMetrics s = StandardMetricsCalculator.of(r).get("R");
        assertEquals("W", s.strongModel());
        assertEquals("W", s.weakModel());
        assertTrue(Double.isNaN(s.pgr()));
        assertTrue(Double.isNaN(s.apgr()));
    }

    @Test
    void noSingleModelsNoPair() {
        EvaluationReport r = report(List.of(router()), null, Double.NaN, Double.NaN);
        StandardMetrics s = StandardMetricsCalculator.of(r).get("R");
        assertNull(s.strongModel());
        assertTrue(Double.isNaN(s.pgr()));
        assertTrue(Double.isNaN(s.aiq()));
        assertTrue(r.toMarkdown().contains("no strong/weak pair"));
    }

    @Test
    void jsonCarriesStandardMetricsPerRouterAndSharesPerPoint() throws Exception {
        JsonNode root = new ObjectMapper().readTree(toyReport().toJson());
        JsonNode r = root.path("routers").get(3);
        assertEquals("R", r.path("name").asText());
        JsonNode s = r.path("standardMetrics");
        assertEquals("S", s.path("strongModel").asText());
        assertEquals("W", s.path("weakModel").asText());
        assertEquals(0.653125, s.path("apgr").asDouble(), EPS);
        assertEquals(0.695625, s.path("aiq").asDouble(), EPS);
        assertEquals(3, s.path("hull").size());
        assertEquals(0.7, s.path("points").get(0).path("strongCallShare").asDouble(), EPS);
        assertEquals(0.7, r.path("curve").get(0).path("share").path("S").asDouble(), EPS);
        assertEquals(4.0, r.path("curve").get(0).path("costPerPrompt").asDouble(), EPS, "existing keys unchanged");
    }

    @Test
    void markdownHasTheStandardMetricsTableWithoutSingleModelRows() {
        String md = toyReport().toMarkdown();
        assertTrue(md.contains("## Standard router metrics"), md);
        assertTrue(md.contains("Strong model (best single by Qual): S"), md);
        assertTrue(md.contains("| R | 0.900 | 0.653 | 22.4 | 58.3 | 0.6956 | 70.0 |"), md);
        assertTrue(!md.contains("| W | 0.000"), md);
    }
}

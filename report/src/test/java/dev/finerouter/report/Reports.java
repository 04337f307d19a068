package dev.finerouter.report;

import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.eval.CurvePoint;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.model.CostModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-built reports: three models A, B, C, two benchmarks x and y, 10 test prompts. */
public final class Reports {
    private Reports() {
    }

    /** Metrics with the given per-benchmark qualities, Qual = their mean, cost per prompt and shares. */
    public static RouterMetrics metrics(double x, double y, double costPerPrompt, double... share) {
        return new RouterMetrics(10, 10, 0, Map.of("x", x, "y", y), (x + y) / 2, (x + y) / 2, 10 * costPerPrompt, costPerPrompt,
                share, Double.NaN, Double.NaN, 0, 0);
    }

    public static RouterResult single(String name, double x, double y, double cost, double... share) {
        RouterMetrics m = metrics(x, y, cost, share);
        return new RouterResult(name, RouterKind.SINGLE_MODEL, false, m,
                new CostQualityCurve(List.of(new CurvePoint(Double.NaN, cost, m.qual()))), Double.NaN, Double.NaN, Double.NaN);
    }

    /** A knob router whose λ grid moves linearly from (cost0, q0) at λ = 0 to (cost1, q1) at λ = 1. */
    public static RouterResult knob(String name, RouterKind kind, double cost0, double q0, double cost1, double q1) {
        List<CurvePoint> points = new ArrayList<>();
        for (int i = 0; i < CostQualityCurve.STEPS; i++) {
            double t = CostQualityCurve.tolerance(i);
            points.add(new CurvePoint(t, cost0 + t * (cost1 - cost0), q0 + t * (q1 - q0)));
        }
        return new RouterResult(name, kind, true, metrics(q0, q0, cost0, 0.2, 0.3, 0.5), new CostQualityCurve(points), q0, cost0, 0.5);
    }

    public static RouterResult plain(String name, RouterKind kind, double x, double y, double cost, double... share) {
        RouterMetrics m = metrics(x, y, cost, share);
        return new RouterResult(name, kind, false, m, new CostQualityCurve(List.of(new CurvePoint(Double.NaN, cost, m.qual()))),
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** Priced: A costs 1, B 10, C 100 per prompt (span 100×: log axis). */
    public static EvaluationReport priced() {
        return report(true, 1, 10, 100);
    }

    /** Priced with a narrow span: 1, 2, 4 (linear axis). */
    public static EvaluationReport narrow() {
        return report(true, 1, 2, 4);
    }

    /** No prices: every call costs 1. */
    public static EvaluationReport equalCost() {
        return report(false, 1, 1, 1);
    }

    private static EvaluationReport report(boolean pricesKnown, double a, double b, double c) {
        List<RouterResult> results = List.of(
                single("A", 0.2, 0.4, a, 1, 0, 0),
                single("B", 0.5, 0.5, b, 0, 1, 0),
                single("C", 0.9, 0.5, c, 0, 0, 1),
                plain("Oracle", RouterKind.BASELINE, 1.0, 0.8, (a + c) / 2, 0.5, 0, 0.5),
                knob("kNN", RouterKind.BASELINE, pricesKnown ? c / 2 : 1, 0.75, pricesKnown ? a : 1, 0.3),
                knob("FineRouter (α = 0.50)", RouterKind.FULL, pricesKnown ? c / 3 : 1, 0.78, pricesKnown ? a : 1, 0.35));
        return new EvaluationReport("toy", "fp", 42, 30, 10, 10, List.of("A", "B", "C"), List.of("x", "y"), CostModel.DEFAULT,
                pricesKnown, "C", pricesKnown ? a : Double.NaN, pricesKnown ? c : Double.NaN, results);
    }

    /** Twelve unpriced models m0…m11 (m11 the best single model), the oracle and FineRouter. */
    public static EvaluationReport twelveModels() {
        List<String> models = new ArrayList<>();
        List<RouterResult> results = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            models.add("m" + m);
            double[] share = new double[12];
            share[m] = 1;
            results.add(single("m" + m, 0.3 + 0.02 * m, 0.4 + 0.02 * m, 1, share));
        }
        double[] even = new double[12];
        java.util.Arrays.fill(even, 1.0 / 12);
        results.add(plain("Oracle", RouterKind.BASELINE, 1.0, 0.9, 1, even));
        results.add(plain("FineRouter (α = 0.50)", RouterKind.FULL, 0.8, 0.7, 1, even));
        return new EvaluationReport("twelve", "fp", 42, 30, 10, 10, models, List.of("x", "y"), CostModel.DEFAULT, false, "m11",
                Double.NaN, Double.NaN, results);
    }
}

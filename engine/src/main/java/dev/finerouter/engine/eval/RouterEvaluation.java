package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.PairedDifference;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs fitted routers on the test split and gathers their {@link RouterResult}s into an {@link EvaluationReport}.
 *
 * <ul>
 *   <li>Metrics at λ = 0 for every router; for knob routers the curve over λ = 0, 0.05, …, 1.</li>
 *   <li>The <b>best single model</b> is the {@link RouterKind#SINGLE_MODEL} entry with the highest test Qual (ties:
 *       lower cost). Each router's curve is read at its cost (Qual at that cost) and at its Qual (cost to reach it).</li>
 *   <li>Every router's outcomes at λ = 0 are compared, prompt by prompt, with the best single model's and with the
 *       router under test's (the first {@link RouterKind#FULL} entry): {@link RouterResult#versusBestSingle},
 *       {@link RouterResult#versusFull}, each with its standard error, so a reader sees which differences a test split
 *       of this size can tell apart.</li>
 *   <li>The <b>cost axis</b> of the area runs from the cheapest to the most expensive single model's cost per prompt;
 *       with equal costs it is empty and areas are NaN.</li>
 * </ul>
 */
public final class RouterEvaluation {
    /**
     * One router to evaluate.
     *
     * @param router the fitted router
     * @param kind its row group
     */
    public record Entry(RouterUnderTest router, RouterKind kind) {
        /** Validates. */
        public Entry {
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(kind, "kind");
        }
    }

    private RouterEvaluation() {
    }

    /**
     * Evaluates the routers on the test split.
     *
     * @param data the evaluation data
     * @param entries routers with unique names
     * @param seed the seed the routers were fitted with (recorded)
     */
    public static EvaluationReport evaluate(EvaluationData data, List<Entry> entries, long seed) {
        try {
            return evaluate(data, entries, seed, StageContext.silent(seed));
        } catch (CancelledException e) {
            throw new IllegalStateException("a silent context is never cancelled", e);
        }
    }

    /**
     * As {@link #evaluate(EvaluationData, List, long)}, reporting progress per router and checking {@code ctx} for
     * cancellation between routers.
     *
     * @throws CancelledException when cancelled
     */
    public static EvaluationReport evaluate(EvaluationData data, List<Entry> entries, long seed, StageContext ctx)
            throws CancelledException {
        Set<String> names = new HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.router().name())) {
                throw new IllegalArgumentException("duplicate router name " + e.router().name());
            }
        }
        EvaluationSplit test = data.split(Split.TEST);
        List<RouterMetrics> metrics = new ArrayList<>();
        List<CostQualityCurve> curves = new ArrayList<>();
        List<int[]> choicesAt0 = new ArrayList<>();
        for (Entry e : entries) {
            ctx.checkCancelled();
            ctx.progress((double) curves.size() / entries.size(), "testing " + e.router().name());
            RouterUnderTest r = e.router();
            int[] tasks = r.tasks(test);
            int[] choices = r.route(test, 0);
            RouterMetrics at0 = EvaluationMetrics.of(test, choices, tasks);
            metrics.add(at0);
            choicesAt0.add(choices);
            List<CurvePoint> points;
            if (r.hasCostKnob()) {
                points = CurveTracer.trace(lambda -> {
                    RouterMetrics mi = EvaluationMetrics.of(test, r.route(test, lambda));
                    return new CurvePoint(lambda, mi.costPerPrompt(), mi.qual(), mi.share());
                }, new CurvePoint(0, at0.costPerPrompt(), at0.qual(), at0.share()));
            } else {
                points = List.of(new CurvePoint(Double.NaN, at0.costPerPrompt(), at0.qual(), at0.share()));
            }
            curves.add(new CostQualityCurve(points));
        }
        int best = -1;
        double minCost = Double.POSITIVE_INFINITY;
        double maxCost = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).kind() != RouterKind.SINGLE_MODEL) {
                continue;
            }
            RouterMetrics mi = metrics.get(i);
            minCost = Math.min(minCost, mi.costPerPrompt());
            maxCost = Math.max(maxCost, mi.costPerPrompt());
            if (Double.isNaN(mi.qual())) {
                continue;
            }
            if (best < 0 || mi.qual() > metrics.get(best).qual()
                    || (mi.qual() == metrics.get(best).qual() && mi.costPerPrompt() < metrics.get(best).costPerPrompt())) {
                best = i;
            }
        }
        int full = -1;
        for (int i = 0; i < entries.size() && full < 0; i++) {
            if (entries.get(i).kind() == RouterKind.FULL) {
                full = i;
            }
        }
        List<RouterResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            CostQualityCurve c = curves.get(i);
            double qAtCost = Double.NaN;
            double costAtQ = Double.NaN;
            if (best >= 0) {
                qAtCost = c.qualityAtCost(metrics.get(best).costPerPrompt());
                costAtQ = c.costAtQuality(metrics.get(best).qual());
            }
            double area = e.router().hasCostKnob() ? c.area(minCost, maxCost) : Double.NaN;
            PairedDifference vsBest = best < 0 || i == best ? PairedDifference.NONE : paired(test, choicesAt0.get(i), choicesAt0.get(best));
            PairedDifference vsFull = full < 0 || i == full ? PairedDifference.NONE : paired(test, choicesAt0.get(i), choicesAt0.get(full));
            results.add(new RouterResult(e.router().name(), e.kind(), e.router().hasCostKnob(), metrics.get(i), c, qAtCost,
                    costAtQ, area, vsBest, vsFull));
        }
        String bestName = best < 0 ? null : entries.get(best).router().name();
        return EvaluationReport.of(data, seed, results, bestName,
                best < 0 ? Double.NaN : minCost, best < 0 ? Double.NaN : maxCost);
    }

    /** The true score of {@code a}'s choice minus {@code b}'s, prompt by prompt over the split. */
    static PairedDifference paired(EvaluationSplit split, int[] a, int[] b) {
        EvaluationData data = split.data();
        return PairedDifference.of(split.size(), i -> data.score(split.row(i), a[i]), i -> data.score(split.row(i), b[i]), i -> true);
    }
}

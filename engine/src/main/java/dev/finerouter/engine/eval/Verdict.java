package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.PairedDifference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one-line verdict of an evaluation in words, a pure function of an {@link EvaluationReport} (so a report read
 * back from JSON gives the same line). It opens {@code evaluation.md}, is the {@code verdict} field of
 * {@code evaluation.json} and the first closing line of {@code finerouter eval}.
 *
 * <p>The router under test R is the first {@link RouterKind#FULL} row, named by its display name up to the first
 * {@code " ("} ("FineRouter (α = 0.50)" → "FineRouter"). Every number is read at λ = 0 unless said otherwise; Qual is
 * ×100 as in Table 1 (one decimal here), cost ratios are of the cost per prompt (two decimals). Up to three clauses,
 * separated by {@code "; "}:
 * <ol>
 *   <li>against the best single model B: {@code "FineRouter: +7.7 Qual at 0.30× the cost of atlas-405b"}; without
 *       prices {@code "FineRouter: -2.1 Qual vs atlas-405b at equal cost (no prices)"};</li>
 *   <li>with prices, R's curve read at half of B's cost per prompt ({@link CostQualityCurve#qualityAtCost}):
 *       {@code "at half of atlas-405b's cost it reaches 66.0 (atlas-405b: 64.1)"}, or
 *       {@code "at half of atlas-405b's cost: not reachable (cheapest setting 0.62×)"} when R's cheapest setting costs
 *       more;</li>
 *   <li>against the strongest real baseline S — the {@link RouterKind#BASELINE} row other than Oracle, Random and
 *       Cheapest with the highest Qual (ties: the cheaper, then report order) — whichever is ahead is named first:
 *       {@code "kNN (the strongest baseline) is 1.5 Qual higher at 1.20× FineRouter's cost"} or
 *       {@code "FineRouter is 0.8 Qual higher than kNN (the strongest baseline) at 0.90× its cost"}
 *       ({@code "FineRouter ties kNN (the strongest baseline) on Qual …"} when the difference rounds to 0.0). When
 *       both have a cost knob and prices are known, RouterBench's AIQ ({@link StandardMetricsCalculator}) follows, in
 *       the order the clause names the two routers: {@code ", AIQ 0.71 vs 0.67"}.</li>
 * </ol>
 * Signs are ASCII ({@code +}, {@code -}) as in the rest of the report; a difference that rounds to 0.0 is
 * {@code "±0.0"}. Where the report has the paired difference behind a comparison ({@link RouterResult#versusBestSingle}
 * of R in clause 1, {@link RouterResult#versusFull} of S in clause 3) its standard error follows the difference:
 * {@code "FineRouter: -5.1 ± 4.0 Qual at 3.39× the cost of …"}, {@code "MLP (the strongest baseline) is 10.3 ± 4.9
 * Qual higher …"}, {@code "… ties kNN (the strongest baseline) on Qual (± 0.7) …"} (or {@code "… on Qual (the same
 * outcome on every test prompt) …"} when every paired difference is 0), so a reader sees whether the test
 * split can tell the two apart; the difference quoted is then the paired one's mean (since stop 39), and where
 * missing scores leave it fewer prompts than either Qual, the clause says over how many
 * ({@code " on the 71 test prompts both have a score for,"}). There is no verdict without a FULL row, without a best
 * single model, or when either has no Qual.
 */
public final class Verdict {
    /** BASELINE rows that are reference points rather than real routers. */
    private static final Set<String> REFERENCE_BASELINES = Set.of("Oracle", "Random", "Cheapest");

    private Verdict() {
    }

    /**
     * The verdict line of a report.
     *
     * @param report the evaluation
     * @return the line, or empty without a FULL row or a best single model
     */
    public static Optional<String> of(EvaluationReport report) {
        RouterResult full = report.routerUnderTest().orElse(null);
        if (full == null || report.bestSingleModel() == null) {
            return Optional.empty();
        }
        RouterResult best = report.result(report.bestSingleModel());
        double qual = full.metrics().qual();
        double bestQual = best.metrics().qual();
        if (Double.isNaN(qual) || Double.isNaN(bestQual)) {
            return Optional.empty();
        }
        String me = shortName(full.name());
        boolean priced = report.pricesKnown();
        double cost = full.metrics().costPerPrompt();
        double bestCost = best.metrics().costPerPrompt();
        List<String> clauses = new ArrayList<>();
        if (identical(full.versusBestSingle())) { // e.g. one model right everywhere, and the router always calls it
            clauses.add(me + ": the same outcome as " + best.name() + " on every test prompt, "
                    + (priced ? "at " + ratio(cost, bestCost) + " its cost" : "at equal cost (no prices)"));
        } else {
            String vsBest = me + ": " + signed(difference(qual - bestQual, full.versusBestSingle())) + plusMinus(full.versusBestSingle())
                    + " Qual" + common(full.versusBestSingle(), full, best) + " ";
            clauses.add(vsBest + (priced ? "at " + ratio(cost, bestCost) + " the cost of " + best.name()
                    : "vs " + best.name() + " at equal cost (no prices)"));
        }
        if (priced) {
            clauses.add(halfCost(full, best));
        }
        strongestBaseline(report).ifPresent(s -> clauses.add(versusBaseline(report, full, me, s)));
        return Optional.of(String.join("; ", clauses));
    }

    /** The strongest real baseline: highest Qual at λ = 0 among BASELINE rows except Oracle, Random, Cheapest. */
    static Optional<RouterResult> strongestBaseline(EvaluationReport report) {
        RouterResult strongest = null;
        for (RouterResult r : report.results()) {
            if (r.kind() != RouterKind.BASELINE || REFERENCE_BASELINES.contains(r.name()) || Double.isNaN(r.metrics().qual())) {
                continue;
            }
            if (strongest == null || r.metrics().qual() > strongest.metrics().qual()
                    || (r.metrics().qual() == strongest.metrics().qual()
                    && r.metrics().costPerPrompt() < strongest.metrics().costPerPrompt())) {
                strongest = r;
            }
        }
        return Optional.ofNullable(strongest);
    }

    private static String halfCost(RouterResult full, RouterResult best) {
        double half = 0.5 * best.metrics().costPerPrompt();
        double reached = full.curve().qualityAtCost(half);
        String head = "at half of " + best.name() + "'s cost";
        if (Double.isNaN(reached)) {
            List<CurvePoint> frontier = full.curve().frontier();
            String cheapest = frontier.isEmpty() ? "" : " (cheapest setting "
                    + ratio(frontier.get(0).costPerPrompt(), best.metrics().costPerPrompt()) + ")";
            return head + ": not reachable" + cheapest;
        }
        return head + " it reaches " + qual(reached) + " (" + best.name() + ": " + qual(best.metrics().qual()) + ")";
    }

    private static String versusBaseline(EvaluationReport report, RouterResult full, String me, RouterResult baseline) {
        String other = baseline.name() + " (the strongest baseline)";
        PairedDifference paired = baseline.versusFull(); // baseline − R
        double diff = -difference(baseline.metrics().qual() - full.metrics().qual(), paired);
        boolean priced = report.pricesKnown();
        double cost = full.metrics().costPerPrompt();
        double baselineCost = baseline.metrics().costPerPrompt();
        boolean baselineAhead = rounded(diff).startsWith("-");
        String se = plusMinus(paired);
        String on = common(paired, full, baseline);
        String clause;
        if (rounded(diff).equals("0.0")) {
            clause = me + " ties " + other + " on Qual" + tieNote(paired, se) + on + " "
                    + (priced ? "at " + ratio(cost, baselineCost) + " its cost" : "at equal cost");
        } else if (baselineAhead) {
            clause = other + " is " + rounded(-diff) + se + " Qual higher" + on + " "
                    + (priced ? "at " + ratio(baselineCost, cost) + " " + me + "'s cost" : "at equal cost");
        } else {
            clause = me + " is " + rounded(diff) + se + " Qual higher than " + other + on + " "
                    + (priced ? "at " + ratio(cost, baselineCost) + " its cost" : "at equal cost");
        }
        if (priced && full.hasCostKnob() && baseline.hasCostKnob()) {
            double mine = StandardMetricsCalculator.of(report, full).aiq();
            double theirs = StandardMetricsCalculator.of(report, baseline).aiq();
            if (Double.isFinite(mine) && Double.isFinite(theirs)) {
                clause += baselineAhead ? ", AIQ " + fixed(theirs, 2) + " vs " + fixed(mine, 2)
                        : ", AIQ " + fixed(mine, 2) + " vs " + fixed(theirs, 2);
            }
        }
        return clause;
    }

    /** The display name up to the first " (", or the whole name when that would leave nothing. */
    static String shortName(String name) {
        int paren = name.indexOf(" (");
        return paren > 0 ? name.substring(0, paren) : name;
    }

    /**
     * The difference a clause quotes, ×100: the paired difference's mean when the report has one (the difference over
     * the test prompts both routers have a score for, the one its standard error belongs to), else the difference of
     * the two Quals. They are the same number when both routers are scored on the same prompts; on data with missing
     * scores each Qual is a mean over its own prompts, and quoting their difference beside the paired standard error
     * mixed two comparisons (8.2 ± 3.5 where the paired mean was 3.3).
     */
    private static double difference(double qualDifference, PairedDifference d) {
        return 100 * (d.n() > 1 && Double.isFinite(d.mean()) ? d.mean() : qualDifference);
    }

    /**
     * " on the 71 test prompts both have a score for," when the paired difference covers fewer prompts than either
     * router's Qual (missing scores), so a reader knows the quoted difference is not Table 1's; empty otherwise.
     */
    private static String common(PairedDifference d, RouterResult a, RouterResult b) {
        if (d.n() <= 1 || (d.n() >= a.metrics().scoredPrompts() && d.n() >= b.metrics().scoredPrompts())) {
            return "";
        }
        return " on the " + d.n() + " test prompts both have a score for,";
    }

    /** A Qual difference (already ×100) with its sign, one decimal; "±0.0" when it rounds to zero. */
    private static String signed(double diff) {
        String r = rounded(diff);
        if (r.equals("0.0")) {
            return "±0.0";
        }
        return r.startsWith("-") ? r : "+" + r;
    }

    /**
     * " ± 1.2": one standard error of a paired Qual difference (×100, one decimal; two when one would show a positive
     * error as 0.0, e.g. two routers apart on a few graded prompts); empty without one.
     */
    private static String plusMinus(PairedDifference d) {
        if (d.n() <= 1 || !Double.isFinite(d.se())) {
            return "";
        }
        String se = fixed(100 * d.se(), 1);
        return " ± " + (se.equals("0.0") && d.se() > 0 ? fixed(100 * d.se(), 2) : se);
    }

    /** After "ties S on Qual": " (± 0.7)", " (the same outcome on every test prompt)" when every paired difference is 0. */
    private static String tieNote(PairedDifference d, String se) {
        if (se.isEmpty()) {
            return "";
        }
        return identical(d) ? " (the same outcome on every test prompt)" : " (" + se.strip() + ")";
    }

    /** Whether every one of several paired differences is 0: the two routings' outcomes agree on every prompt. */
    private static boolean identical(PairedDifference d) {
        return d.n() > 1 && d.mean() == 0 && d.se() == 0;
    }

    /** One decimal, and "0.0" (never "-0.0") when it rounds to zero. */
    private static String rounded(double v) {
        String s = fixed(v, 1);
        return s.equals("-0.0") ? "0.0" : s;
    }

    private static String qual(double q) {
        return fixed(100 * q, 1);
    }

    /** {@code a / b} as "0.30×"; "–×" when b is 0 (a free model) or either is undefined. */
    private static String ratio(double a, double b) {
        return b > 0 ? fixed(a / b, 2) + "×" : "–×";
    }

    private static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "–";
    }
}

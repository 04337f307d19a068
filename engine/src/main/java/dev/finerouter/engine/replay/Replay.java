package dev.finerouter.engine.replay;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleDiff;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.decisionlog.BundleIdentity;
import dev.finerouter.engine.decisionlog.DecisionRecord;
import dev.finerouter.engine.service.RouterService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decision replay: routes the prompts of a decision log with another bundle and compares the choices with the logged
 * ones, either under one policy (typically the new bundle's default: "B2 as it would be deployed", which is what a
 * calibrated bundle changes) or each record under the policy it was logged with (α, tolerance, budget), so per-request
 * overrides are kept. Records without prompt text cannot be replayed; a log with none at all is refused.
 */
public final class Replay {
    private Replay() {
    }

    /**
     * The new bundle's choice for one logged prompt.
     *
     * @param model chosen model name
     * @param cost estimated cost of the call
     */
    public record Choice(String model, double cost) {
        public Choice {
            Objects.requireNonNull(model, "model");
        }
    }

    /** Scores by model name of a prompt text, or {@code null} when the text is not in the dataset. */
    @FunctionalInterface
    public interface TrueScores {
        /** Model name → score (absent models have no score) for a text, or {@code null}. */
        Map<String, Double> of(String text);
    }

    /**
     * Routes every logged prompt that has text with the service, each under the policy it was logged with.
     *
     * @param service the new bundle with its encoder
     * @param logged records with text, in order
     * @return one choice per record, in order
     */
    public static List<Choice> route(RouterService service, List<DecisionRecord> logged) throws EngineException {
        return route(service, logged, null);
    }

    /**
     * Routes every logged prompt that has text with the service.
     *
     * @param service the new bundle with its encoder
     * @param logged records with text, in order
     * @param policy the policy for every record, or {@code null} for each record's logged policy
     * @return one choice per record, in order
     */
    public static List<Choice> route(RouterService service, List<DecisionRecord> logged, RoutingPolicy policy) throws EngineException {
        return route(service, logged, policy, StageContext.silent(service.bundle().manifest().seed()));
    }

    /**
     * As {@link #route(RouterService, List, RoutingPolicy)}, with progress over all records and cancellation between
     * batches.
     */
    public static List<Choice> route(RouterService service, List<DecisionRecord> logged, RoutingPolicy policy, StageContext ctx)
            throws EngineException {
        Map<RoutingPolicy, List<Integer>> byPolicy = new LinkedHashMap<>();
        for (int i = 0; i < logged.size(); i++) {
            DecisionRecord r = logged.get(i);
            RoutingPolicy p = policy != null ? policy : new RoutingPolicy(r.alpha(), r.tolerance(), r.maxCost());
            byPolicy.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
        }
        Choice[] out = new Choice[logged.size()];
        int done = 0;
        for (Map.Entry<RoutingPolicy, List<Integer>> e : byPolicy.entrySet()) {
            List<String> texts = e.getValue().stream().map(i -> logged.get(i).prompt()).toList();
            double from = done / (double) Math.max(1, logged.size());
            done += texts.size();
            List<PromptDecision> ds = service.route(texts, e.getKey(), ctx.scaled(from, done / (double) Math.max(1, logged.size())));
            for (int k = 0; k < ds.size(); k++) {
                PromptDecision d = ds.get(k);
                out[e.getValue().get(k)] = new Choice(service.bundle().router().pool().get(d.decision().chosenModel()).name(),
                        d.decision().chosen().cost());
            }
        }
        return List.of(out);
    }

    /** The records that carry prompt text. */
    public static List<DecisionRecord> withText(List<DecisionRecord> records) {
        return records.stream().filter(r -> r.prompt() != null).toList();
    }

    /**
     * Refuses a log without any prompt text.
     *
     * @throws EngineException when no record has text
     */
    public static void requireText(List<DecisionRecord> records, String source) throws EngineException {
        if (!records.isEmpty() && withText(records).isEmpty()) {
            throw new EngineException(source + ": none of the " + records.size() + " logged decisions has prompt text (logged with --log-prompts hash or none)",
                    "replay needs the texts: log with serve --decision-log DIR --log-prompts full", null);
        }
        if (records.isEmpty()) {
            throw new EngineException(source + " holds no decisions", "send traffic to serve --decision-log first", null);
        }
    }

    /**
     * Compares logged decisions with new choices.
     *
     * @param bundle the new bundle's path (for the report)
     * @param bundleId its content id
     * @param records every record read (those without text are counted as skipped)
     * @param choices the new choice per record with text, in the order of {@link #withText}
     * @param scores true scores, or {@code null} without a dataset
     */
    public static ReplayReport compare(String bundle, String bundleId, List<DecisionRecord> records, List<Choice> choices, TrueScores scores) {
        List<DecisionRecord> logged = withText(records);
        if (logged.size() != choices.size()) {
            throw new IllegalArgumentException("one choice per logged record with text: " + logged.size() + " records, " + choices.size() + " choices");
        }
        List<String> oldModels = logged.stream().map(DecisionRecord::model).toList();
        List<String> newModels = choices.stream().map(Choice::model).toList();
        BundleDiff.Agreement agreement = BundleDiff.agreementOfNames(oldModels, newModels);
        Map<String, int[]> tasks = new LinkedHashMap<>();
        double costOld = 0;
        double costNew = 0;
        Map<String, Double> sharesOld = new TreeMap<>();
        Map<String, Double> sharesNew = new TreeMap<>();
        int matched = 0;
        double sumOld = 0;
        double sumNew = 0;
        for (int i = 0; i < logged.size(); i++) {
            DecisionRecord r = logged.get(i);
            Choice c = choices.get(i);
            int[] t = tasks.computeIfAbsent(r.taskSummary(), k -> new int[2]);
            t[0]++;
            if (r.model().equals(c.model())) {
                t[1]++;
            }
            costOld += r.cost();
            costNew += c.cost();
            sharesOld.merge(r.model(), 1.0 / logged.size(), Double::sum);
            sharesNew.merge(c.model(), 1.0 / logged.size(), Double::sum);
            Map<String, Double> truth = scores == null ? null : scores.of(r.prompt());
            if (truth != null && truth.get(r.model()) != null && truth.get(c.model()) != null) {
                matched++;
                sumOld += truth.get(r.model());
                sumNew += truth.get(c.model());
            }
        }
        List<ReplayReport.TaskAgreement> perTask = new ArrayList<>();
        tasks.forEach((k, v) -> perTask.add(new ReplayReport.TaskAgreement(k, v[0], v[1])));
        perTask.sort(Comparator.comparingInt(ReplayReport.TaskAgreement::prompts).reversed().thenComparing(ReplayReport.TaskAgreement::task));
        ReplayReport.Quality quality = scores == null ? null
                : new ReplayReport.Quality(matched, matched == 0 ? Double.NaN : sumOld / matched, matched == 0 ? Double.NaN : sumNew / matched);
        List<String> loggedIds = new ArrayList<>(new TreeSet<>(records.stream().map(DecisionRecord::bundleId).toList()));
        return new ReplayReport(bundle, bundleId, loggedIds, records.size(), records.size() - logged.size(), agreement, perTask, costOld, costNew,
                sharesOld, sharesNew, quality);
    }

    /** True scores of a dataset by exact prompt text (the first row wins when a text occurs twice). */
    public static TrueScores scoresOf(RoutingDataset data) {
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            rows.putIfAbsent(data.prompts().get(i).text(), i);
        }
        return text -> {
            Integer row = rows.get(text);
            if (row == null) {
                return null;
            }
            Map<String, Double> out = new HashMap<>();
            for (int m = 0; m < data.pool().size(); m++) {
                if (data.scores().isPresent(row, m)) {
                    out.put(data.pool().get(m).name(), (double) data.scores().get(row, m));
                }
            }
            return out;
        };
    }

    /** The content id of a service's bundle. */
    public static String bundleId(RouterService service) {
        return BundleIdentity.id(service.bundle().manifest());
    }
}

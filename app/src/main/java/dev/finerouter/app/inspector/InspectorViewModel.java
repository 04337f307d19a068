package dev.finerouter.app.inspector;

import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.describe.OfflineTaskDescriber;
import dev.finerouter.engine.describe.TaskName;
import dev.finerouter.engine.eval.ChartPalette;
import dev.finerouter.engine.eval.ScoreInterval;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster inspector's state: a filterable list of tasks and the detail of the selected one (summary, sample
 * members with descriptions, fused ranking with MRR, candidates with coverage, median score per model, benchmark mix).
 */
public final class InspectorViewModel {
    /** How many member prompts the detail shows. */
    public static final int SAMPLE_MEMBERS = 12;

    /**
     * One task's row.
     *
     * @param id task id
     * @param size prompts
     * @param summary the full summary line
     * @param candidates candidate model names, in order
     * @param topBenchmark the most common benchmark label among the members
     * @param name the task's name ({@link TaskName}: its distinctive key terms)
     * @param example its representative (medoid) description
     */
    public record TaskRow(int id, int size, String summary, String candidates, String topBenchmark, String name, String example) {
    }

    /**
     * A member prompt and the instruction the describer extracted from it.
     *
     * @param description the extracted instruction, empty when it only repeats the prompt
     */
    public record MemberRow(String id, String prompt, String description, String benchmark) {
    }

    /**
     * A model's scores on the task's prompts: mean with a 95% interval ({@link ScoreInterval}).
     *
     * @param model model name
     * @param interval mean and interval over the task's scored training prompts
     * @param candidate whether it is one of the task's candidates
     * @param colour its colour in the shared chart palette
     */
    public record ModelScores(String model, ScoreInterval interval, boolean candidate, String colour) {
    }

    /** A model's place in the fused ranking. */
    public record RankRow(int rank, String model, double mrr, boolean candidate) {
    }

    /** A candidate and the coverage after adding it. */
    public record CandidateRow(int step, String model, double coverage) {
    }

    /** A benchmark's share of the members. */
    public record MixRow(String benchmark, int prompts, double share) {
    }

    /**
     * The selected task's detail.
     *
     * @param id task id
     * @param summary summary
     * @param size prompts
     * @param members sample members
     * @param ranking fused ranking of all models
     * @param candidates candidates with coverage
     * @param models model names (pool order)
     * @param medians median score per model (pool order, NaN unknown)
     * @param candidateNames names of the candidates
     * @param mix benchmark mix, largest first
     * @param name the task's name
     * @param scores per model (pool order), its mean score with a 95% interval
     * @param routing how the trained router routes this task's prompts ({@link #routingNote}), {@link RoutingNote#NONE}
     *                before training
     */
    public record TaskDetail(int id, String summary, int size, List<MemberRow> members, List<RankRow> ranking,
                             List<CandidateRow> candidates, List<String> models, float[] medians,
                             List<String> candidateNames, List<MixRow> mix, TaskName name, List<ModelScores> scores, RoutingNote routing) {
        public TaskDetail {
            routing = routing == null ? RoutingNote.NONE : routing;
        }

        /** The same detail with another routing note. */
        TaskDetail withRouting(RoutingNote note) {
            return new TaskDetail(id, summary, size, members, ranking, candidates, models, medians, candidateNames, mix, name, scores, note);
        }
    }

    private final Workspace workspace;
    private final ObservableList<TaskRow> rows = FXCollections.observableArrayList();
    private final FilteredList<TaskRow> filtered = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<TaskDetail> detail = new SimpleObjectProperty<>(this, "detail");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");

    /** Follows the workspace's result and selection. */
    public InspectorViewModel(Workspace workspace) {
        this.workspace = workspace;
        workspace.resultProperty().addListener((o, a, r) -> rows.setAll(r == null ? List.of() : rows(r)));
        workspace.bundleProperty().addListener((o, a, b) -> {
            if (b != null) {
                rows.setAll(rows(b));
                note.set("Opened bundle " + b.name() + ": no training data, so no member prompts, fused ranking, coverage or "
                        + "benchmark mix (open the dataset and run the pipeline for those).");
            } else {
                note.set("");
                if (workspace.resultProperty().get() == null) {
                    rows.clear();
                }
            }
        });
        workspace.selectedTaskProperty().addListener((o, a, id) -> refreshDetail());
        workspace.trainingProperty().addListener((o, a, t) -> refreshDetail());
        filter.addListener((o, a, f) -> {
            String q = f == null ? "" : f.trim().toLowerCase(Locale.ROOT);
            filtered.setPredicate(q.isEmpty() ? r -> true : r -> (r.id() + " " + r.name() + " " + r.summary() + " " + r.candidates() + " "
                    + r.topBenchmark()).toLowerCase(Locale.ROOT).contains(q));
        });
    }

    /** The rows after filtering (the view sorts them). */
    public FilteredList<TaskRow> filteredRows() {
        return filtered;
    }

    /** Filter text (matches id, summary, candidates, benchmark). */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The selected task's detail, or null. */
    public ObjectProperty<TaskDetail> detailProperty() {
        return detail;
    }

    /** Selects a task by id (-1 for none). */
    public void select(int taskId) {
        workspace.selectedTaskProperty().set(taskId);
    }

    /** The shared selection. */
    public javafx.beans.property.IntegerProperty selectedTaskProperty() {
        return workspace.selectedTaskProperty();
    }

    /** What the shown tasks lack when they come from an opened bundle, else empty. */
    public StringProperty noteProperty() {
        return note;
    }

    private void refreshDetail() {
        int id = workspace.selectedTaskProperty().get();
        dev.finerouter.app.common.OpenBundle b = workspace.bundleProperty().get();
        if (b != null) {
            detail.set(detailOf(b, id));
            return;
        }
        TaskDetail d = detailOf(workspace.resultProperty().get(), id);
        dev.finerouter.engine.pipeline.TrainingResult t = workspace.trainingProperty().get();
        // a training result belongs to the discovery it was trained on; after a re-run it describes other tasks
        if (d != null && t != null && t.discovery() == workspace.resultProperty().get()) {
            d = d.withRouting(routingNote(t.router(), id));
        }
        detail.set(d);
    }

    /**
     * How the trained router routes a task's prompts.
     *
     * @param text one sentence, empty when there is no trained router
     * @param fallback whether the task's prompts are routed on the general estimate (guarded task or global fallback)
     */
    public record RoutingNote(String text, boolean fallback) {
        /** No trained router. */
        public static final RoutingNote NONE = new RoutingNote("", false);

        public RoutingNote {
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /**
     * How {@code router} routes prompts assigned to {@code task}, in one sentence: the paper's rule (the task's
     * candidates and medians), the robust rule, or the general estimate when the task is guarded or the whole rule fell
     * back on dev (with the reason measured there).
     */
    public static RoutingNote routingNote(dev.finerouter.engine.route.TrainedRouter router, int task) {
        if (router == null || task < 0 || task >= router.tasks().size()) {
            return RoutingNote.NONE;
        }
        dev.finerouter.engine.route.RobustRule rule = router.rule();
        if (rule == null) {
            return new RoutingNote("Routing: the paper's rule, among this task's candidates by predicted quality and task median.", false);
        }
        String best = router.pool().names().get(rule.fallbackBest(task));
        if (rule.globalFallbackReason() != null) {
            return new RoutingNote("Routing: every prompt goes to the general estimate's best model (" + best + ") because "
                    + rule.globalFallbackReason() + ".", true);
        }
        String guard = rule.fallbackReason(task);
        if (guard != null) {
            return new RoutingNote("Routing: guarded, so this task's prompts are routed on the general estimate (" + best
                    + " unless the cost tolerance picks a cheaper model) because " + guard + ".", true);
        }
        boolean labels = rule.labelPrior() != null;
        return new RoutingNote(String.format(Locale.ROOT, "Routing: the robust rule, every model scored by its %d nearest training "
                        + "prompts' outcomes shrunk toward %s (β = %.0f%s), blended with the estimator.", rule.k(),
                labels ? "the statistics of the data's " + rule.labelPrior().size() + " labels" : "this task's statistics", rule.beta(),
                labels ? "; the label is predicted from the prompt's text, and the labels routed left-out prompts better than the tasks" : ""),
                false);
    }

    static List<TaskRow> rows(dev.finerouter.app.common.OpenBundle b) {
        List<String> models = b.bundle().router().pool().names();
        List<TaskRow> out = new ArrayList<>();
        for (dev.finerouter.engine.route.RouterTask t : b.bundle().router().tasks()) {
            List<String> cands = new ArrayList<>();
            for (int c : t.candidates()) {
                cands.add(models.get(c));
            }
            TaskName name = TaskName.of(t.summary());
            out.add(new TaskRow(t.id(), t.size(), t.summary(), String.join(", ", cands), "", name.name(), name.example()));
        }
        return out;
    }

    /** The detail of task {@code id} of an opened bundle (summary, size, candidates, medians), or null. */
    public static TaskDetail detailOf(dev.finerouter.app.common.OpenBundle b, int id) {
        if (b == null || id < 0 || id >= b.bundle().router().tasks().size()) {
            return null;
        }
        dev.finerouter.engine.route.RouterTask t = b.bundle().router().tasks().get(id);
        List<String> models = b.bundle().router().pool().names();
        List<CandidateRow> candidates = new ArrayList<>();
        List<String> candNames = new ArrayList<>();
        int[] cand = t.candidates();
        for (int i = 0; i < cand.length; i++) {
            candidates.add(new CandidateRow(i + 1, models.get(cand[i]), Double.NaN));
            candNames.add(models.get(cand[i]));
        }
        // a bundle keeps each model's median score per task, not the scores themselves: a point without an interval
        List<ModelScores> scores = new ArrayList<>();
        java.util.Set<String> candSet = new java.util.HashSet<>(candNames);
        for (int m = 0; m < models.size(); m++) {
            double med = m < t.medianScore().length ? t.medianScore()[m] : Double.NaN;
            scores.add(new ModelScores(models.get(m), new ScoreInterval(Double.isNaN(med) ? 0 : 1, med, med, med, false),
                    candSet.contains(models.get(m)), ChartPalette.model(m)));
        }
        return new TaskDetail(id, t.summary(), t.size(), List.of(), List.of(), candidates, models, t.medianScore(), candNames, List.of(),
                TaskName.of(t.summary()), scores, routingNote(b.bundle().router(), id));
    }

    static List<TaskRow> rows(DiscoveryResult r) {
        List<String> models = r.dataset().pool().names();
        List<TaskRow> out = new ArrayList<>();
        for (DiscoveredTask t : r.discovery().tasks()) {
            List<String> cands = new ArrayList<>();
            for (int c : t.candidates()) {
                cands.add(models.get(c));
            }
            List<MixRow> mix = mix(r, t);
            TaskName name = TaskName.of(summary(r, t.id()));
            out.add(new TaskRow(t.id(), t.size(), summary(r, t.id()), String.join(", ", cands),
                    mix.isEmpty() ? "" : mix.get(0).benchmark(), name.name(), name.example()));
        }
        return out;
    }

    /** The detail of task {@code id} in {@code r}, or null. */
    public static TaskDetail detailOf(DiscoveryResult r, int id) {
        if (r == null || id < 0 || id >= r.discovery().tasks().size()) {
            return null;
        }
        DiscoveredTask t = r.discovery().tasks().get(id);
        List<String> models = r.dataset().pool().names();
        int[] members = t.memberIndices();
        List<MemberRow> sample = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLE_MEMBERS, members.length); i++) {
            Prompt p = prompt(r, members[i]);
            sample.add(new MemberRow(p.id(), p.text(), extracted(p.text(), r.descriptions().get(members[i])),
                    p.task() == null ? "" : p.task()));
        }
        int[] cand = t.candidates();
        java.util.Set<Integer> candSet = new java.util.HashSet<>();
        List<String> candNames = new ArrayList<>();
        for (int c : cand) {
            candSet.add(c);
            candNames.add(models.get(c));
        }
        double[] mrr = t.mrrValues();
        List<RankRow> ranking = new ArrayList<>();
        for (int pos = 0; pos < t.fusedRanking().size(); pos++) {
            int m = t.fusedRanking().modelAt(pos);
            ranking.add(new RankRow(pos + 1, models.get(m), mrr[m], candSet.contains(m)));
        }
        double[] cov = t.coverageSteps();
        List<CandidateRow> candidates = new ArrayList<>();
        for (int i = 0; i < cand.length; i++) {
            candidates.add(new CandidateRow(i + 1, models.get(cand[i]), cov[i]));
        }
        List<ModelScores> scores = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            float[] v = new float[members.length];
            for (int i = 0; i < members.length; i++) {
                int row = r.trainRows()[members[i]];
                v[i] = r.dataset().scores().isPresent(row, m) ? r.dataset().scores().get(row, m) : Float.NaN;
            }
            scores.add(new ModelScores(models.get(m), ScoreInterval.of(v), candSet.contains(m), ChartPalette.model(m)));
        }
        return new TaskDetail(id, summary(r, id), t.size(), sample, ranking, candidates, models, t.medianScorePerModel(),
                candNames, mix(r, t), TaskName.of(summary(r, id)), scores, RoutingNote.NONE);
    }

    /**
     * The describer's instruction for a prompt, or empty when it only repeats the prompt (the same words once the
     * form prefix such as "Math problem: " and the whitespace are ignored).
     */
    static String extracted(String prompt, String description) {
        if (description == null) {
            return "";
        }
        String d = description.strip();
        int colon = d.indexOf(": ");
        for (OfflineTaskDescriber.Form f : OfflineTaskDescriber.Form.values()) {
            if (!f.label().isEmpty() && d.startsWith(f.label() + ": ")) {
                d = d.substring(colon + 2);
                break;
            }
        }
        String a = normal(prompt);
        String b = normal(d.endsWith("…") ? d.substring(0, d.length() - 1) : d);
        return a.equals(b) || (d.endsWith("…") && a.startsWith(b)) ? "" : description.strip();
    }

    private static String normal(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Prompt prompt(DiscoveryResult r, int member) {
        return r.dataset().prompts().get(r.trainRows()[member]);
    }

    private static String summary(DiscoveryResult r, int id) {
        return id < r.summaries().size() ? r.summaries().get(id) : "";
    }

    private static List<MixRow> mix(DiscoveryResult r, DiscoveredTask t) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] members = t.memberIndices();
        for (int m : members) {
            String task = prompt(r, m).task();
            counts.merge(task == null ? "(none)" : task, 1, Integer::sum);
        }
        List<MixRow> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new MixRow(k, v, (double) v / members.length)));
        out.sort(Comparator.comparingInt(MixRow::prompts).reversed().thenComparing(MixRow::benchmark));
        return out;
    }
}

package dev.finerouter.app.playground;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.OpenBundle;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.ModelScore;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.RoutingDecision;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The prompt playground: route a typed prompt (embedded with the router's encoder in the background) or a dataset
 * prompt (its cached embedding and its own per-call costs) with the workspace's trained router. The network outputs are kept, so α and the
 * tolerance re-decide in place. For dataset prompts the true scores and the oracle model are shown beside.
 */
public final class PlaygroundViewModel {
    /** A dataset prompt to pick. */
    public record DatasetPrompt(int row, String id, Split split, String text) {
        @Override
        public String toString() {
            String t = text.length() > 90 ? text.substring(0, 89) + "…" : text;
            return id + " (" + split.name().toLowerCase(Locale.ROOT) + "): " + t;
        }
    }

    /**
     * A task the classifier gives the prompt: every task at or above the classifier's threshold, or (when none is)
     * the most probable task, marked as not assigned.
     *
     * @param task task id
     * @param probability the classifier's probability
     * @param summary the task's summary
     * @param assigned whether this is the task the router used
     */
    public record TaskRow(int task, double probability, String summary, boolean assigned) {
    }

    /**
     * A training prompt near the routed one.
     *
     * @param row dataset row
     * @param id prompt id
     * @param text prompt text
     * @param task its Stage-1 task ("task 3: summary") or "Others"
     * @param similarity embedding cosine to the routed prompt
     * @param scores its true score per model (pool order; NaN = missing)
     */
    public record NeighbourRow(int row, String id, String text, String task, double similarity, float[] scores) {
        /** Copies. */
        public NeighbourRow {
            scores = scores.clone();
        }

        /** A copy of the scores. */
        @Override
        public float[] scores() {
            return scores.clone();
        }
    }

    /** How many nearest training prompts are shown. */
    public static final int NEIGHBOURS = 5;

    private record Routed(TrainedRouter.Predictions predictions, List<NearestPrompts.Neighbour> neighbours) {
    }

    /** Where the router comes from: a router trained in the Pipeline tab (with its data) or an opened bundle (router only). */
    private record Source(TrainedRouter router, TrainingResult training, OpenBundle bundle) {
        EmbedderSettings encoderSettings() throws EngineException {
            return training != null ? training.discovery().config().embedder() : bundle.encoderSettings();
        }
    }

    /** Below this task probability (or the classifier's threshold, when higher) a decision is flagged as low confidence. */
    public static final double LOW_CONFIDENCE = 0.2;

    /** One compared model of the decision. */
    public record ModelRow(String model, double predicted, double taskMedian, double finalScore, double cost, double trueScore,
                           boolean winner, boolean oracle) {
    }

    private final Workspace workspace;
    private final WorkbenchPreferences prefs;
    private final BackgroundTasks tasks;
    /** The running (or last) routing; {@link #cancel()} cancels it, a new router or bundle too. */
    private BackgroundTask<?> routeJob;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final DoubleProperty alpha = new SimpleDoubleProperty(this, "alpha", RoutingPolicy.PAPER.alpha());
    private final DoubleProperty tolerance = new SimpleDoubleProperty(this, "tolerance", RoutingPolicy.PAPER.tolerance());
    private final ObservableList<DatasetPrompt> datasetPrompts = FXCollections.observableArrayList();
    private final ObservableList<ModelRow> models = FXCollections.observableArrayList();
    private final ObservableList<TaskRow> taskRows = FXCollections.observableArrayList();
    private final ObservableList<NeighbourRow> neighbours = FXCollections.observableArrayList();
    private final ObservableList<String> modelNames = FXCollections.observableArrayList();
    private final PromptHistory history = new PromptHistory();
    private final Clock clock;
    private final ObjectProperty<PromptDecision> decision = new SimpleObjectProperty<>(this, "decision");
    private final StringProperty task = new SimpleStringProperty(this, "task", "");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final StringProperty oracle = new SimpleStringProperty(this, "oracle", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Train a router in the Pipeline tab first.");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty ready = new SimpleBooleanProperty(this, "ready");
    private final BooleanProperty stale = new SimpleBooleanProperty(this, "stale");
    private final StringProperty warning = new SimpleStringProperty(this, "warning", "");
    private final StringProperty explanation = new SimpleStringProperty(this, "explanation", "");
    private final StringProperty secondScoreTitle = new SimpleStringProperty(this, "secondScoreTitle", secondScoreTitle(null));
    private Source current;
    private String routedText;
    private TrainedRouter.Predictions predictions;
    private double[] costs;
    private int routedRow = -1;

    /** Creates the playground's state; it follows the workspace's trained router. */
    public PlaygroundViewModel(Workspace workspace, WorkbenchPreferences prefs, BackgroundTasks tasks) {
        this(workspace, prefs, tasks, Clock.systemUTC());
    }

    /** As {@link #PlaygroundViewModel(Workspace, WorkbenchPreferences, BackgroundTasks)}, with the history's clock. */
    public PlaygroundViewModel(Workspace workspace, WorkbenchPreferences prefs, BackgroundTasks tasks, Clock clock) {
        this.clock = clock;
        this.workspace = workspace;
        this.prefs = prefs;
        this.tasks = tasks;
        workspace.bundleProperty().addListener((o, a, b) -> {
            reset(workspace.trainingProperty().get());
            tasks.run(job -> {
                workspace.encoder().close();
                return null;
            }, x -> { }, e -> status.set("Cannot close the encoder: " + e.getMessage()));
        });
        text.addListener((o, a, b) -> {
            if (routedText != null && !routedText.equals(b)) {
                stale.set(true);
            } else if (routedText != null) {
                stale.set(false);
            }
        });
        workspace.trainingProperty().addListener((o, a, r) -> {
            reset(r);
            // a new router (or none): release the encoder and its cache lock; the next typed prompt opens the right one
            tasks.run(job -> {
                workspace.encoder().close();
                return null;
            }, x -> { }, e -> status.set("Cannot close the encoder: " + e.getMessage()));
        });
        alpha.addListener((o, a, b) -> redecide());
        tolerance.addListener((o, a, b) -> redecide());
        reset(workspace.trainingProperty().get());
    }

    private void reset(TrainingResult r) {
        if (routeJob != null) {
            routeJob.onCancelled(() -> busy.set(false)).cancel(); // its router is gone: drop the routing silently
        }
        predictions = null;
        routedRow = -1;
        routedText = null;
        stale.set(false);
        warning.set("");
        explanation.set("");
        OpenBundle b = workspace.bundleProperty().get();
        current = r != null ? new Source(r.router(), r, null) : b != null ? new Source(b.bundle().router(), null, b) : null;
        decision.set(null);
        models.clear();
        taskRows.clear();
        neighbours.clear();
        task.set("");
        reason.set("");
        oracle.set("");
        datasetPrompts.clear();
        ready.set(current != null);
        // a new router starts at its own α: chosen on dev for the robust rule, the bundle's default policy for a bundle
        if (r != null) {
            alpha.set(r.recommendedPolicy().alpha());
        } else if (b != null) {
            alpha.set(b.bundle().defaultPolicy().alpha());
        }
        if (r == null && current != null) {
            modelNames.setAll(current.router().pool().names());
            status.set("Router bundle " + b.name() + ": type a prompt, then Route (Ctrl+Enter). Without its training data there are no "
                    + "dataset prompts, true scores or nearest training prompts.");
            return;
        }
        if (r == null) {
            modelNames.clear();
            status.set("Train a router in the Pipeline tab, or File → Open router bundle…");
            return;
        }
        RoutingDataset d = r.discovery().dataset();
        modelNames.setAll(r.router().pool().names());
        for (Split s : new Split[]{Split.DEV, Split.TEST}) {
            for (int row : d.indicesOf(s)) {
                Prompt p = d.prompts().get(row);
                datasetPrompts.add(new DatasetPrompt(row, p.id(), s, p.text()));
            }
        }
        status.set("Type a prompt, or pick one of the " + datasetPrompts.size() + " dev/test prompts, then Route.");
    }

    /** Puts a dataset prompt into the text area (routing it then uses its cached embedding and shows its true scores). */
    public void pick(DatasetPrompt p) {
        if (p != null) {
            text.set(p.text());
        }
    }

    /** Routes the text: a dataset prompt with its cached embedding, anything else embedded in the background. */
    public void route() {
        Source src = current;
        String typed = text.get() == null ? "" : text.get();
        String t = typed.strip();
        if (src == null || busy.get() || t.isEmpty()) {
            return;
        }
        TrainingResult r = src.training();
        int row = r == null ? -1 : datasetRow(r, typed);
        busy.set(true);
        status.set(row >= 0 ? "Routing the dataset prompt…" : "Embedding with " + src.router().encoderId() + "…");
        long t0 = System.nanoTime();
        BackgroundTask<Routed> task = BackgroundTask.of(ctx -> {
            float[] e = row >= 0 ? r.embeddingsOf(new int[]{row}) : embed(src, t);
            ctx.checkCancelled();
            return new Routed(src.router().predict(e, 1), r == null ? List.of() : NearestPrompts.find(e, r.promptEmbeddings(), r.dim(),
                    r.discovery().trainRows(), NEIGHBOURS));
        }).onSuccess(routed -> {
            busy.set(false);
            predictions = routed.predictions();
            costs = row >= 0 ? datasetCosts(r, row) : src.router().costs(t);
            routedRow = row;
            routedText = typed;
            stale.set(!typed.equals(text.get()));
            neighbours.setAll(r == null ? List.of() : neighbourRows(r, routed.neighbours()));
            redecide();
            PromptDecision d = decision.get();
            history.add(new PromptHistory.Entry(clock.instant(), t, d.decision().task() < 0 ? "Others" : "task " + d.decision().task(),
                    src.router().pool().names().get(d.decision().chosenModel()), alpha.get(), tolerance.get()));
            status.set(String.format(Locale.ROOT, "Routed in %.0f ms%s.", (System.nanoTime() - t0) / 1e6,
                    row >= 0 ? " (dataset prompt: cached embedding, true scores shown)" : ""));
        }).onFailure(e -> {
            busy.set(false);
            status.set("Cannot route: " + e.getMessage());
        }).onCancelled(() -> {
            busy.set(false);
            status.set("Routing cancelled.");
        });
        routeJob = task;
        task.executeWith(tasks);
    }

    /** Cancels the running routing (e.g. a slow first encoder load): ready again at once, its result is dropped. */
    public void cancel() {
        if (busy.get() && routeJob != null) {
            routeJob.cancel();
        }
    }

    private static List<NeighbourRow> neighbourRows(TrainingResult r, List<NearestPrompts.Neighbour> near) {
        RoutingDataset d = r.discovery().dataset();
        int[] trainRows = r.discovery().trainRows();
        int[] taskOfTrain = r.discovery().discovery().assignment().taskOfPrompt();
        List<NeighbourRow> out = new ArrayList<>();
        for (NearestPrompts.Neighbour n : near) {
            int i = Arrays.binarySearch(trainRows, n.row());
            int t = i >= 0 ? taskOfTrain[i] : -1;
            String taskText = t < 0 ? "Others" : "task " + t + ": " + r.router().tasks().get(t).summary();
            float[] scores = new float[d.pool().size()];
            for (int m = 0; m < scores.length; m++) {
                scores[m] = d.scores().get(n.row(), m);
            }
            Prompt p = d.prompts().get(n.row());
            out.add(new NeighbourRow(n.row(), p.id(), p.text(), taskText, n.similarity(), scores));
        }
        return out;
    }

    /** Puts a history entry back: its prompt, α and tolerance, and routes it again. */
    public void reopen(PromptHistory.Entry e) {
        if (e == null || busy.get()) {
            return;
        }
        text.set(e.prompt());
        alpha.set(e.alpha());
        tolerance.set(e.tolerance());
        route();
    }

    /** Writes the history to {@code target} (.csv or .jsonl) in the background; the status line says how it went. */
    public void exportHistory(Path target) {
        tasks.run(job -> {
            history.write(target);
            return target;
        }, p -> status.set("Wrote " + history.entries().size() + " history entries to " + p), e -> status.set("Cannot write the history: "
                + e.getMessage()));
    }

    private static double[] datasetCosts(TrainingResult r, int row) {
        RoutingDataset d = r.discovery().dataset();
        double[] c = new double[d.pool().size()];
        for (int m = 0; m < c.length; m++) {
            c[m] = d.cost(row, m, r.router().costModel());
        }
        return c;
    }

    private static int datasetRow(TrainingResult r, String text) {
        List<Prompt> prompts = r.discovery().dataset().prompts();
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).text().equals(text)) {
                return i;
            }
        }
        return -1;
    }

    private float[] embed(Source src, String t) throws EngineException {
        return workspace.encoder().embed(src.encoderSettings(), prefs.cacheDir(), src.router().encoderId(), List.of(t));
    }

    private void redecide() {
        Source src = current;
        if (predictions == null || src == null) {
            return;
        }
        TrainingResult r = src.training();
        TrainedRouter router = src.router();
        RoutingPolicy policy = new RoutingPolicy(clamp(alpha.get()), clamp(tolerance.get()), null);
        PromptDecision d = router.decide(predictions, 0, costs, policy);
        List<String> names = router.pool().names();
        int best = -1;
        float[] truth = new float[names.size()];
        for (int m = 0; m < names.size(); m++) {
            truth[m] = routedRow >= 0 && r != null ? r.discovery().dataset().scores().get(routedRow, m) : Float.NaN;
            if (!Float.isNaN(truth[m]) && (best < 0 || truth[m] > truth[best])) {
                best = m;
            }
        }
        List<ModelRow> out = new ArrayList<>();
        for (ModelScore s : d.decision().compared()) {
            out.add(new ModelRow(names.get(s.model()), s.predicted(), s.taskMedian(), s.finalScore(), s.cost(), truth[s.model()],
                    s.model() == d.decision().chosenModel(), s.model() == best));
        }
        models.setAll(out);
        taskRows.setAll(taskRows(router, predictions, d));
        task.set(d.decision().task() < 0
                ? String.format(Locale.ROOT, "Others (best task %d at p = %.2f, below the threshold)", d.bestTask(), d.taskProbability())
                : String.format(Locale.ROOT, "task %d (p = %.2f): %s", d.decision().task(), d.taskProbability(), d.taskSummary()));
        reason.set(names.get(d.decision().chosenModel()) + ": " + d.decision().reason());
        explanation.set(explain(router, d, policy));
        secondScoreTitle.set(secondScoreTitle(router));
        warning.set(lowConfidence(router, d));
        if (best >= 0) {
            int chosen = d.decision().chosenModel();
            oracle.set(String.format(Locale.ROOT, "true score of the routed model %s: %.3f; oracle %s: %.3f%s", names.get(chosen),
                    truth[chosen], names.get(best), truth[best], chosen == best ? " (the router matched the oracle)" : ""));
        } else {
            oracle.set("");
        }
        decision.set(d);
    }

    /**
     * A low-confidence warning, or empty: when the assigned task's probability is below the classifier's threshold
     * (the prompt went to Others and the general estimate decided) or below {@value #LOW_CONFIDENCE}.
     */
    static String lowConfidence(TrainedRouter router, PromptDecision d) {
        double threshold = router.classifier().threshold();
        double p = d.taskProbability();
        if (d.decision().task() < 0) {
            return String.format(Locale.ROOT, "Low confidence: this prompt fits no discovered task well (best task %d at p = %.3f, "
                    + "below the classifier threshold %.2f); routed by the general estimate over all models%s.", d.bestTask(), p, threshold,
                    router.rule() != null ? " (the estimator's prediction blended with the nearest training prompts)" : "");
        }
        if (p < LOW_CONFIDENCE) {
            return String.format(Locale.ROOT, "Low confidence: this prompt fits no discovered task well (task %d at p = %.3f < %.2f); "
                    + "it was still routed among task %d's candidates, whose medians may not apply.", d.decision().task(), p, LOW_CONFIDENCE,
                    d.decision().task());
        }
        return "";
    }

    /**
     * Why the winner won, in words, from the decision's own numbers: which models were compared (the task's candidates,
     * or every model for Others), the winner's Q_final = α·Q̃ + (1 − α)·Q̄ against the runner-up, and whether the cost
     * tolerance picked a cheaper model than the best-scoring one.
     */
    static String explain(TrainedRouter router, PromptDecision d, RoutingPolicy policy) {
        List<String> names = router.pool().names();
        RoutingDecision rd = d.decision();
        List<ModelScore> compared = rd.compared();
        StringBuilder sb = new StringBuilder();
        List<String> comparedNames = new ArrayList<>();
        for (ModelScore s : compared) {
            comparedNames.add(names.get(s.model()));
        }
        if (router.rule() != null) {
            return explainRobust(router, d, policy, comparedNames);
        }
        if (rd.task() < 0) {
            sb.append("No task passed the classifier's threshold, so all ").append(compared.size()).append(" models were compared (")
                    .append(String.join(", ", comparedNames)).append(") on the general medians. ");
        } else if (compared.size() == 1) {
            sb.append(String.format(Locale.ROOT, "Task %d has a single candidate, %s: nothing else was compared, so it wins by "
                    + "construction (Stage 1 found no other model needed to cover δ of the task's prompts). ", rd.task(), comparedNames.get(0)));
        } else {
            sb.append(String.format(Locale.ROOT, "Task %d's %d candidates were compared: %s. ", rd.task(), compared.size(),
                    String.join(", ", comparedNames)));
        }
        ModelScore win = rd.chosen();
        if (compared.size() > 1) {
            ModelScore runner = null;
            for (ModelScore s : compared) {
                if (s.model() != win.model() && (runner == null || s.finalScore() > runner.finalScore())) {
                    runner = s;
                }
            }
            sb.append(String.format(Locale.ROOT, "%s scored Q_final %.3f = %.2f × predicted %.3f (normalised %.2f) + %.2f × task median "
                    + "%.3f (normalised %.2f)", names.get(win.model()), win.finalScore(), policy.alpha(), win.predicted(), win.predictedNorm(),
                    1 - policy.alpha(), win.taskMedian(), win.taskMedianNorm()));
            if (runner != null) {
                sb.append(String.format(Locale.ROOT, "; runner-up %s %.3f", names.get(runner.model()), runner.finalScore()));
            }
            sb.append(". ");
            if (rd.bestQualityModel() != win.model()) {
                ModelScore best = compared.stream().filter(s -> s.model() == rd.bestQualityModel()).findFirst().orElse(null);
                if (best != null) {
                    sb.append(String.format(Locale.ROOT, "The cost tolerance λ = %.2f let it replace the best-scoring %s (%.3f): cost %s "
                            + "instead of %s per call.", policy.tolerance(), names.get(best.model()), best.finalScore(),
                            dev.finerouter.app.common.Format.cost(win.cost()), dev.finerouter.app.common.Format.cost(best.cost())));
                }
            } else {
                sb.append(String.format(Locale.ROOT, "It is also the best-scoring model (cost %s per call).",
                        dev.finerouter.app.common.Format.cost(win.cost())));
            }
        }
        return sb.toString().strip();
    }

    /**
     * The robust rule's decision (routers trained with one compare every model): the estimate E = α·Q̃ + (1 − α)·L
     * blends the estimator's prediction with the data-driven local estimate L (the nearest remembered prompts' true
     * scores, shrunk toward the task prior), then the cost tolerance trades E against cost.
     */
    private static String explainRobust(TrainedRouter router, PromptDecision d, RoutingPolicy policy, List<String> comparedNames) {
        List<String> names = router.pool().names();
        RoutingDecision rd = d.decision();
        ModelScore win = rd.chosen();
        String fallback = router.rule().fallbackReason(rd.task());
        if (fallback != null) {
            return String.format(Locale.ROOT, "All %d models were compared on their general estimate (mean score over all training "
                    + "prompts), not on this prompt's neighbours, because %s. %s's general estimate is %.3f (cost %s per call).",
                    comparedNames.size(), fallback, names.get(win.model()), win.taskMedian(),
                    dev.finerouter.app.common.Format.cost(win.cost()));
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "All %d models were compared (the router's robust rule%s). %s's estimate %.3f = %.2f × predicted %.3f + %.2f × local "
                        + "estimate %.3f (nearest training prompts' true scores, shrunk toward %s)", comparedNames.size(),
                rd.task() < 0 ? "; no task passed the threshold" : ", task " + rd.task(), names.get(win.model()), win.finalScore(),
                policy.alpha(), win.predicted(), 1 - policy.alpha(), win.taskMedian(),
                router.rule().labelPrior() == null ? "the task prior" : "the prior of the data's labels, predicted from the text"));
        ModelScore runner = null;
        for (ModelScore s : rd.compared()) {
            if (s.model() != win.model() && !Double.isNaN(s.finalScore()) && (runner == null || s.finalScore() > runner.finalScore())) {
                runner = s;
            }
        }
        if (runner != null) {
            sb.append(String.format(Locale.ROOT, "; runner-up %s %.3f", names.get(runner.model()), runner.finalScore()));
        }
        sb.append(". ");
        if (rd.bestQualityModel() != win.model()) {
            ModelScore best = rd.compared().stream().filter(s -> s.model() == rd.bestQualityModel()).findFirst().orElse(null);
            if (best != null) {
                sb.append(String.format(Locale.ROOT, "The cost tolerance λ = %.2f let it replace the best-estimated %s (%.3f): cost %s "
                        + "instead of %s per call.", policy.tolerance(), names.get(best.model()), best.finalScore(),
                        dev.finerouter.app.common.Format.cost(win.cost()), dev.finerouter.app.common.Format.cost(best.cost())));
            }
        } else {
            sb.append(String.format(Locale.ROOT, "It is also the best-estimated model (cost %s per call).",
                    dev.finerouter.app.common.Format.cost(win.cost())));
        }
        return sb.toString().strip();
    }

    /**
     * Every task at or above the classifier's threshold, most probable first (ties: lower id first); when none is,
     * the most probable task alone, marked not assigned.
     */
    static List<TaskRow> taskRows(TrainedRouter router, TrainedRouter.Predictions p, PromptDecision d) {
        float threshold = router.classifier().threshold();
        List<TaskRow> rows = new ArrayList<>();
        for (RouterTask t : router.tasks()) {
            float prob = p.tasks().probability(0, t.id());
            if (prob >= threshold) {
                rows.add(new TaskRow(t.id(), prob, t.summary(), t.id() == d.decision().task()));
            }
        }
        rows.sort(java.util.Comparator.comparingDouble(TaskRow::probability).reversed().thenComparingInt(TaskRow::task));
        if (rows.isEmpty() && d.bestTask() >= 0) {
            rows.add(new TaskRow(d.bestTask(), d.taskProbability(), router.tasks().get(d.bestTask()).summary(), false));
        }
        return rows;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Releases the shared encoder (and its cache lock). */
    public void close() {
        workspace.encoder().close();
    }

    /** The prompt text. */
    public StringProperty textProperty() {
        return text;
    }

    /** α of the decision. */
    public DoubleProperty alphaProperty() {
        return alpha;
    }

    /** Cost tolerance of the decision. */
    public DoubleProperty toleranceProperty() {
        return tolerance;
    }

    /** Dev and test prompts to pick from. */
    public ObservableList<DatasetPrompt> datasetPrompts() {
        return datasetPrompts;
    }

    /** The compared models of the last decision. */
    public ObservableList<ModelRow> models() {
        return models;
    }

    /** The tasks the classifier gives the routed prompt, most probable first. */
    public ObservableList<TaskRow> taskRows() {
        return taskRows;
    }

    /** The {@value #NEIGHBOURS} training prompts nearest to the routed one, nearest first. */
    public ObservableList<NeighbourRow> neighbours() {
        return neighbours;
    }

    /** The router's model names (pool order), for the neighbours' score columns. */
    public ObservableList<String> modelNames() {
        return modelNames;
    }

    /** The prompts routed so far. */
    public PromptHistory history() {
        return history;
    }

    /** The last decision, or null. */
    public ObjectProperty<PromptDecision> decisionProperty() {
        return decision;
    }

    /** The assigned task, its probability and summary. */
    public StringProperty taskProperty() {
        return task;
    }

    /** Why the winner won. */
    public StringProperty reasonProperty() {
        return reason;
    }

    /** For dataset prompts: the routed model's true score and the oracle model. */
    public StringProperty oracleProperty() {
        return oracle;
    }

    /** Whether the prompt was edited after routing (the shown results are for the previous text). */
    public BooleanProperty staleProperty() {
        return stale;
    }

    /** A low-confidence warning for the shown decision, or empty. */
    public StringProperty warningProperty() {
        return warning;
    }

    /** Why the winner won, in words (compared models, Q_final against the runner-up, the cost tolerance's effect). */
    /** Title of the models table's second score column: what {@link ModelRow#taskMedian()} holds for this router. */
    public StringProperty secondScoreTitleProperty() {
        return secondScoreTitle;
    }

    /**
     * What the second score of a compared model is: the task median Q̄ under the paper's rule, the local estimate L
     * (or the general estimate for a guarded task) under the robust rule.
     */
    static String secondScoreTitle(TrainedRouter router) {
        return router != null && router.rule() != null ? "local estimate L" : "task median Q̄";
    }

    public StringProperty explanationProperty() {
        return explanation;
    }

    /** One line of status. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Whether a route is under way. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Whether a router is trained. */
    public BooleanProperty readyProperty() {
        return ready;
    }
}

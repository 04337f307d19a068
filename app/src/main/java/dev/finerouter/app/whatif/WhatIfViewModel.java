package dev.finerouter.app.whatif;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.eval.EvaluationData;
import dev.finerouter.engine.eval.EvaluationMetrics;
import dev.finerouter.engine.eval.EvaluationSplit;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What-if tuning of the routing policy: the trained router's networks run once per split (in the background) and
 * their {@link TrainedRouter.Predictions} are cached; changing α or the cost tolerance only re-decides every dev and
 * test prompt from the cache ({@link TrainedRouter#decide}), on the calling thread, and the time it took is measured.
 * Metrics of the shown split can be pinned as a baseline; every metric row carries its delta against it.
 */
public final class WhatIfViewModel {
    /** The paper's policy (α = 0.5, tolerance 0). */
    public static final RoutingPolicy PAPER = RoutingPolicy.PAPER;

    /** One metric: current value, pinned value (NaN when nothing is pinned) and how to format it. */
    public record MetricRow(String name, double current, double pinned, Kind kind) {
        /** current − pinned, NaN without a pin. */
        public double delta() {
            return current - pinned;
        }
    }

    /** How a metric is formatted. */
    public enum Kind { SCORE, COST, SHARE, COUNT }

    /** Everything derived from one policy on one split. */
    public record Scored(RoutingPolicy policy, Split split, RouterMetrics metrics, double avgCandidates, double othersShare,
                         int[] choices, long micros) {
    }

    private record Cache(TrainingResult result, EvaluationData data, List<SplitCache> splits) {
    }

    private record SplitCache(Split split, EvaluationSplit eval, TrainedRouter.Predictions predictions, double[][] costs) {
    }

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final DoubleProperty alpha = new SimpleDoubleProperty(this, "alpha", PAPER.alpha());
    private final DoubleProperty tolerance = new SimpleDoubleProperty(this, "tolerance", PAPER.tolerance());
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split", Split.TEST);
    private final ObjectProperty<Scored> current = new SimpleObjectProperty<>(this, "current");
    private final ObjectProperty<Scored> pinned = new SimpleObjectProperty<>(this, "pinned");
    private final ObservableList<MetricRow> rows = FXCollections.observableArrayList();
    private final LongProperty rescoreMicros = new SimpleLongProperty(this, "rescoreMicros", -1);
    private final BooleanProperty ready = new SimpleBooleanProperty(this, "ready");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Train a router in the Pipeline tab first.");
    private Cache cache;

    /** Creates the panel's state; it follows the workspace's trained router. */
    public WhatIfViewModel(Workspace workspace, BackgroundTasks tasks) {
        this.workspace = workspace;
        this.tasks = tasks;
        workspace.trainingProperty().addListener((o, a, r) -> load(r));
        alpha.addListener((o, a, b) -> rescore());
        tolerance.addListener((o, a, b) -> rescore());
        split.addListener((o, a, b) -> {
            pinned.set(null);
            rescore();
        });
        if (workspace.trainingProperty().get() != null) {
            load(workspace.trainingProperty().get());
        }
    }

    private void load(TrainingResult r) {
        cache = null;
        ready.set(false);
        current.set(null);
        pinned.set(null);
        rows.clear();
        rescoreMicros.set(-1);
        if (r == null) {
            status.set("Train a router in the Pipeline tab first.");
            return;
        }
        status.set("Predicting the dev and test prompts…");
        tasks.run(() -> predict(r), c -> {
            if (workspace.trainingProperty().get() != r) {
                return;
            }
            cache = c;
            ready.set(true);
            status.set(String.format(Locale.ROOT, "Predictions cached for %d dev and %d test prompts; α and tolerance re-decide them without retraining.",
                    c.splits().get(0).eval().size(), c.splits().get(1).eval().size()));
            rescore();
        }, t -> status.set("Cannot predict: " + t.getMessage()));
    }

    private static Cache predict(TrainingResult r) throws Exception {
        TrainedRouter router = r.router();
        EvaluationData data = EvaluationData.of(r.discovery().dataset(), r.promptEmbeddings(), r.dim(), router.costModel());
        List<SplitCache> splits = new ArrayList<>();
        for (Split s : new Split[]{Split.DEV, Split.TEST}) {
            EvaluationSplit eval = data.split(s);
            int[] rowsOf = eval.rows();
            TrainedRouter.Predictions p = rowsOf.length == 0 ? null : router.predict(r.embeddingsOf(rowsOf), rowsOf.length);
            double[][] costs = new double[rowsOf.length][];
            for (int i = 0; i < rowsOf.length; i++) {
                costs[i] = data.costRow(rowsOf[i]);
            }
            splits.add(new SplitCache(s, eval, p, costs));
        }
        return new Cache(r, data, splits);
    }

    /**
     * Re-decides the dev and test prompts under the current α and tolerance from the cached predictions and updates
     * the metrics of the shown split; the time of the whole re-decision (both splits) is {@link #rescoreMicrosProperty()}.
     */
    public void rescore() {
        if (cache == null) {
            return;
        }
        RoutingPolicy policy = policy();
        long t0 = System.nanoTime();
        Scored shown = null;
        for (SplitCache sc : cache.splits()) {
            Scored s = score(cache.result().router(), sc, policy);
            if (sc.split() == split.get()) {
                shown = s;
            }
        }
        long micros = (System.nanoTime() - t0) / 1000;
        rescoreMicros.set(micros);
        current.set(shown == null ? null : new Scored(shown.policy(), shown.split(), shown.metrics(), shown.avgCandidates(),
                shown.othersShare(), shown.choices(), micros));
        rebuildRows();
    }

    private static Scored score(TrainedRouter router, SplitCache sc, RoutingPolicy policy) {
        int n = sc.eval().size();
        int[] choices = new int[n];
        int[] taskOf = new int[n];
        double candidates = 0;
        int others = 0;
        for (int i = 0; i < n; i++) {
            PromptDecision d = router.decide(sc.predictions(), i, sc.costs()[i], policy);
            choices[i] = d.decision().chosenModel();
            taskOf[i] = d.decision().task();
            candidates += d.decision().compared().size();
            if (taskOf[i] < 0) {
                others++;
            }
        }
        RouterMetrics m = n == 0 ? null : EvaluationMetrics.of(sc.eval(), choices, taskOf);
        return new Scored(policy, sc.split(), m, n == 0 ? Double.NaN : candidates / n, n == 0 ? Double.NaN : (double) others / n,
                choices, 0);
    }

    private void rebuildRows() {
        Scored c = current.get();
        List<MetricRow> out = new ArrayList<>();
        if (c != null && c.metrics() != null) {
            Scored p = pinned.get();
            RouterMetrics pm = p == null ? null : p.metrics();
            out.add(row("Qual", c.metrics().qual(), pm == null ? Double.NaN : pm.qual(), Kind.SCORE));
            out.add(row("Ave", c.metrics().ave(), pm == null ? Double.NaN : pm.ave(), Kind.SCORE));
            out.add(row("cost per prompt", c.metrics().costPerPrompt(), pm == null ? Double.NaN : pm.costPerPrompt(), Kind.COST));
            out.add(row("avg candidates", c.avgCandidates(), p == null ? Double.NaN : p.avgCandidates(), Kind.COUNT));
            out.add(row("Others share", c.othersShare(), p == null ? Double.NaN : p.othersShare(), Kind.SHARE));
            List<String> names = cache.result().router().pool().names();
            double[] share = c.metrics().share();
            double[] pshare = pm == null ? null : pm.share();
            for (int m = 0; m < names.size(); m++) {
                out.add(row("share " + names.get(m), share[m], pshare == null ? Double.NaN : pshare[m], Kind.SHARE));
            }
        }
        rows.setAll(out);
    }

    private static MetricRow row(String name, double cur, double pin, Kind kind) {
        return new MetricRow(name, cur, pin, kind);
    }

    /** Pins the current metrics as the baseline the deltas are measured against. */
    public void pin() {
        pinned.set(current.get());
        rebuildRows();
    }

    /** Drops the baseline. */
    public void unpin() {
        pinned.set(null);
        rebuildRows();
    }

    /** Back to the paper's α and tolerance. */
    public void resetToPaper() {
        alpha.set(PAPER.alpha());
        tolerance.set(PAPER.tolerance());
    }

    /** The policy of the current setting. */
    public RoutingPolicy policy() {
        return new RoutingPolicy(clamp(alpha.get()), clamp(tolerance.get()), null);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The metric named {@code name} of the current setting, or NaN. */
    public double metric(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).mapToDouble(MetricRow::current).findFirst().orElse(Double.NaN);
    }

    /** Stage-1 settings of the trained router, read-only (changing them needs a new discovery run). */
    public String stage1Settings() {
        TrainingResult r = workspace.trainingProperty().get();
        if (r == null) {
            return "";
        }
        var c = r.discovery().config().stage1();
        return String.format(Locale.ROOT, "τ = %s, δ = %s, k = %d, ℓ = %d", c.tau(), c.delta(), c.k(), c.levels());
    }

    /** α: weight of the prompt-specific prediction Q̃ against the task prior Q̄. */
    public DoubleProperty alphaProperty() {
        return alpha;
    }

    /** Cost tolerance λ. */
    public DoubleProperty toleranceProperty() {
        return tolerance;
    }

    /** Which split the metrics are of (dev or test). */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** The current setting's scoring of the shown split. */
    public ObjectProperty<Scored> currentProperty() {
        return current;
    }

    /** The pinned baseline, or null. */
    public ObjectProperty<Scored> pinnedProperty() {
        return pinned;
    }

    /** Metric rows of the shown split. */
    public ObservableList<MetricRow> rows() {
        return rows;
    }

    /** Microseconds the last re-decision of dev + test took, −1 before the first. */
    public LongProperty rescoreMicrosProperty() {
        return rescoreMicros;
    }

    /** Whether predictions are cached. */
    public BooleanProperty readyProperty() {
        return ready;
    }

    /** One line of status. */
    public StringProperty statusProperty() {
        return status;
    }
}

package dev.finerouter.app.onboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.OpenBundle;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.eval.ScoreInterval;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.onboard.MemoryPrompts;
import dev.finerouter.engine.onboard.ModelOnboarder;
import dev.finerouter.engine.onboard.OnboardEstimate;
import dev.finerouter.engine.onboard.OnboardPlan;
import dev.finerouter.engine.onboard.OnboardPlanner;
import dev.finerouter.engine.onboard.ScoredPrompts;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Onboard dialog's state (issue 21): a new model joins the opened router bundle from its scores on a few
 * representative prompts per task, without retraining, through the engine's {@code onboard} package — the code
 * {@code finerouter onboard plan|accept} runs. Three steps: <b>plan</b> (the prompts to answer and score, written as
 * JSON lines), <b>scores</b> (the plan with the new model's scores read back: per-task estimates with 95% intervals and
 * the tasks whose candidates it joins, for review), <b>accept</b> (the new bundle version written, read back and
 * verified). The prompt texts come from the open dataset, which must be the one the bundle was trained on (the engine
 * refuses any other). Each step is a {@link BackgroundTask}; Cancel drops a running step's result, and a cancelled plan
 * or accept deletes what it wrote, so nothing half-done is left.
 */
public final class OnboardViewModel {
    /**
     * One task's row in the review table.
     *
     * @param task task id
     * @param summary the task's summary
     * @param observed the new model's mean score on the task's scored prompts with its 95% interval (n = 0: none)
     * @param estimate the router's estimate μ_{t,new} (shrunk toward the model's general estimate)
     * @param bestOther the existing model with the highest estimate, and that estimate
     * @param candidate whether the new model joins the task's candidates
     */
    public record EstimateRow(int task, String summary, ScoreInterval observed, double estimate, String bestOther, boolean candidate) {
    }

    private final Workspace workspace;
    private final BackgroundTasks tasks;
    private final Clock clock;
    private final IntegerProperty perTask = new SimpleIntegerProperty(this, "perTask", OnboardPlan.Settings.DEFAULT_PER_TASK);
    private final IntegerProperty budget = new SimpleIntegerProperty(this, "budget", 0);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 42);
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final StringProperty costPerQuery = new SimpleStringProperty(this, "costPerQuery", "");
    private final StringProperty inputCostPer1k = new SimpleStringProperty(this, "inputCostPer1k", "");
    private final StringProperty outputCostPer1k = new SimpleStringProperty(this, "outputCostPer1k", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty planSummary = new SimpleStringProperty(this, "planSummary", "");
    private final StringProperty estimateSummary = new SimpleStringProperty(this, "estimateSummary", "");
    private final StringProperty acceptSummary = new SimpleStringProperty(this, "acceptSummary", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty canPlan = new SimpleBooleanProperty(this, "canPlan");
    private final BooleanProperty canAccept = new SimpleBooleanProperty(this, "canAccept");
    private final ObjectProperty<Path> written = new SimpleObjectProperty<>(this, "written");
    private final ObservableList<EstimateRow> rows = FXCollections.observableArrayList();
    private ModelOnboarder.Onboarding prepared;
    /** The running (or last) step; Cancel, a new step and a reset cancel it. */
    private BackgroundTask<?> job;

    /** Follows the workspace's opened bundle and dataset. */
    public OnboardViewModel(Workspace workspace, BackgroundTasks tasks, Clock clock) {
        this.workspace = workspace;
        this.tasks = tasks;
        this.clock = clock;
        workspace.bundleProperty().addListener((o, a, b) -> reset());
        workspace.datasetProperty().addListener((o, a, d) -> reset());
        reset();
    }

    /** Forgets every step's result (another bundle or dataset was opened). */
    private void reset() {
        stopJob();
        running.set(false);
        prepared = null;
        rows.clear();
        planSummary.set("");
        estimateSummary.set("");
        acceptSummary.set("");
        written.set(null);
        canAccept.set(false);
        OpenBundle b = workspace.bundleProperty().get();
        boolean data = workspace.datasetProperty().get() != null;
        canPlan.set(b != null && data);
        if (b == null) {
            status.set("Open the router bundle to extend first (File → Open router bundle…).");
        } else if (b.bundle().router().rule() == null) {
            canPlan.set(false);
            status.set("Bundle " + b.name() + " routes by the paper's rule, which keeps no training prompts: onboarding needs a bundle "
                    + "trained with the default robust rule.");
        } else if (!data) {
            status.set("Open the dataset bundle " + b.name() + " was trained on (File → Open dataset…): the plan needs its prompt texts.");
        } else {
            status.set("1. Write the plan: the prompts for the new model to answer. Bundle " + b.name() + ", " + b.bundle().router().pool().size()
                    + " models, " + b.bundle().router().tasks().size() + " tasks.");
        }
    }

    /** Step 1: writes the plan to {@code out} in the background. */
    public void plan(Path out) {
        OpenBundle b = workspace.bundleProperty().get();
        if (b == null || workspace.datasetProperty().get() == null) {
            return;
        }
        OnboardPlan.Settings settings;
        try {
            settings = new OnboardPlan.Settings(perTask.get(), budget.get() <= 0 ? null : budget.get(), seed.get());
        } catch (IllegalArgumentException e) {
            status.set("Cannot plan: " + e.getMessage());
            return;
        }
        RoutingDataset data = workspace.datasetProperty().get().loaded().dataset();
        start("Picking the prompts…", BackgroundTask.of(settings.seed(), ctx -> {
            OnboardPlan plan = OnboardPlanner.plan(b.bundle(), MemoryPrompts.of(b.bundle(), data), settings);
            ctx.checkCancelled();
            plan.write(out);
            if (ctx.isCancelled()) {
                delete(out); // cancelled while writing: leave nothing behind
            }
            return plan;
        }).onSuccess(plan -> {
            running.set(false);
            planSummary.set(String.format(Locale.ROOT, "Wrote %s: %d prompts over %d tasks (seed %d). Answer each with the new model, "
                    + "score the answers with your evaluator and fill in \"scores\": {\"NEW-MODEL\": score} on each line.",
                    out.getFileName(), plan.prompts().size(), plan.tasks().size(), settings.seed())
                    + plan.thinNote().map(note -> " Note: " + note + ".").orElse(""));
            status.set("2. Name the model, give its price, then load the scored plan.");
        }).onFailure(e -> fail("Cannot write the plan", e)));
    }

    /** Step 2: reads the scored plan and prepares the new router (nothing is written) for review. */
    public void loadScores(Path scored) {
        OpenBundle b = workspace.bundleProperty().get();
        if (b == null) {
            return;
        }
        ModelSpec spec;
        try {
            spec = new ModelSpec(model.get().strip(), null, price(costPerQuery, "cost per call"), price(inputCostPer1k, "input cost per 1k tokens"),
                    price(outputCostPer1k, "output cost per 1k tokens"));
        } catch (IllegalArgumentException e) {
            status.set("Cannot read the scores: " + e.getMessage());
            return;
        }
        RoutingDataset data = workspace.datasetProperty().get() == null ? null : workspace.datasetProperty().get().loaded().dataset();
        prepared = null;
        canAccept.set(false);
        rows.clear();
        start("Estimating " + spec.name() + " from " + scored.getFileName() + "…", BackgroundTask.of(ctx -> {
            ScoredPrompts s = ScoredPrompts.read(scored, spec.name());
            ctx.checkCancelled();
            return ModelOnboarder.prepare(b.bundle(), MemoryPrompts.of(b.bundle(), data), s, spec, Instant.now(clock));
        }).onSuccess(o -> {
            running.set(false);
            prepared = o;
            rows.setAll(rows(o, b.bundle().router().pool()));
            OnboardEstimate e = o.estimate();
            estimateSummary.set(String.format(Locale.ROOT, "%s: general estimate %.3f from %d scored prompts (post-stratified mean %.3f, "
                    + "shrunk toward the pool's %.3f); joins the candidates of %d of %d tasks; Stage-2 prediction from %s's adapter; "
                    + "memory column: %s.",
                    spec.name(), e.generalMean(), e.scored(), e.stratifiedMean(), e.poolMean(), o.candidateOf().size(), e.tasks().size(),
                    b.bundle().router().pool().get(e.donor()).name(), o.provenance().path("memoryColumn").asText()) + labelNote(o.provenance()) + fallbackNote(o.provenance()));
            canAccept.set(true);
            status.set("3. Review the estimates, then Accept: a new bundle version is written; " + b.name() + " is not changed.");
        }).onFailure(e -> fail("Cannot use the scores", e)));
    }

    /** Step 3: writes the new bundle version to {@code out}, reads it back (hashes checked) and reports. */
    public void accept(Path out) {
        OpenBundle b = workspace.bundleProperty().get();
        ModelOnboarder.Onboarding o = prepared;
        if (b == null || o == null) {
            return;
        }
        if (out.toAbsolutePath().normalize().equals(b.bundle().source().toAbsolutePath().normalize())) {
            status.set("Choose another name: the new version must not replace " + b.name() + ".");
            return;
        }
        start("Writing the new bundle version…", BackgroundTask.of(ctx -> {
            Instant now = Instant.now(clock);
            ModelOnboarder.write(b.bundle(), o, out, now);
            RouterBundle read = BundleReader.read(out);
            if (ctx.isCancelled()) {
                delete(out); // cancelled while writing: leave nothing behind
            }
            return read;
        }).onSuccess(read -> {
            running.set(false);
            written.set(out);
            acceptSummary.set(String.format(Locale.ROOT, "Wrote %s: %d models (+%s), a candidate of %d of %d tasks; read back and verified. "
                    + "Check it with: finerouter bundle diff %s %s. Caution: measured on real data, onboarding from about 10 prompts "
                    + "per task can send many prompts to the new model that a retrained router would not "
                    + "(docs/results/onboarding); compare with Drift → Replay before deploying, or retrain.", out.getFileName(), read.router().pool().size(), o.model().name(),
                    o.candidateOf().size(), read.router().tasks().size(), b.bundle().source(), out));
            status.set("Done. File → Open router bundle… opens the new version.");
        }).onFailure(e -> fail("Cannot write the new bundle", e)));
    }

    /** Drops the running step's result; a cancelled accept deletes what it wrote. */
    public void cancel() {
        if (running.get() && job != null) {
            job.cancel();
        }
    }

    /** Starts {@code step} (a running one is cancelled first); its cancellation says that nothing was kept. */
    private void start(String message, BackgroundTask<?> step) {
        stopJob();
        running.set(true);
        status.set(message);
        job = step.onCancelled(() -> {
            running.set(false);
            status.set("Cancelled: nothing was kept.");
        });
        step.executeWith(tasks);
    }

    /** Cancels the running step without a word (a new step or a reset follows). */
    private void stopJob() {
        BackgroundTask<?> j = job;
        job = null;
        if (j != null) {
            j.onCancelled(() -> { }).cancel();
        }
    }

    /** Ends the step that delivered its outcome (only the current step delivers one: the others were cancelled). */
    private boolean finish() {
        running.set(false);
        return true;
    }

    private void fail(String what, Throwable e) {
        running.set(false);
        status.set(what + ": " + Format.withHint(e));
    }

    /**
     * When the bundle routes with the data labels' prior: the labels where the new model's mean is ahead of the best
     * existing model's (it will take most of their prompts) with the scored prompts behind each estimate, from the
     * provenance's {@code labelMeans} (where the engine marks them {@code ahead}); empty otherwise.
     */
    static String labelNote(JsonNode provenance) {
        JsonNode labels = provenance.path("labelMeans");
        if (labels.size() == 0) {
            return "";
        }
        List<String> ahead = new ArrayList<>();
        for (JsonNode r : labels) {
            if (r.path("ahead").asBoolean()) {
                ahead.add(String.format(Locale.ROOT, "%s (%.3f vs %s's %.3f, on %.0f scored prompts)", r.path("label").asText(),
                        r.path("estimate").asDouble(), r.path("bestExisting").asText(), r.path("bestExistingMean").asDouble(),
                        r.path("scoredWeight").asDouble()));
            }
        }
        return ahead.isEmpty()
                ? String.format(Locale.ROOT, " The router shrinks toward the data labels' prior; the new model is behind the best existing model on all %d labels.",
                        labels.size())
                : String.format(Locale.ROOT, " The router shrinks toward the data labels' prior; the new model is ahead of the best existing model on %d of %d "
                        + "labels and will take most of their prompts: %s.", ahead.size(), labels.size(), String.join("; ", ahead));
    }

    /**
     * When the bundle falls back somewhere, from the provenance's {@code fallbacks}: guarded tasks stay with the models
     * validated on dev; under a global fallback, whether the new model replaces the fallback's model. Empty otherwise.
     */
    static String fallbackNote(JsonNode provenance) {
        JsonNode scopes = provenance.path("fallbacks");
        if (scopes.size() == 0) {
            return "";
        }
        JsonNode first = scopes.get(0);
        if (!first.path("task").asText().equals("all")) {
            List<String> tasks = new ArrayList<>();
            scopes.forEach(r -> tasks.add(r.path("task").asText()));
            return String.format(Locale.ROOT, " %d guarded task(s) (%s) keep routing among the models validated on dev; the new model is not "
                    + "routed there (retrain to let it compete).", scopes.size(), String.join(", ", tasks));
        }
        String evidence = first.path("standardError").isNull() ? "too few scored prompts to compare"
                : String.format(Locale.ROOT, "%+.3f ± %.3f on %d scored prompts", first.path("difference").asDouble(),
                        first.path("standardError").asDouble(), first.path("prompts").asInt());
        return String.format(Locale.ROOT, " The bundle falls back to %s for every prompt; the new model %s it (%s).", first.path("fallsBackTo").asText(),
                first.path("ahead").asBoolean() ? "replaces" : "does not replace", evidence);
    }

    static List<EstimateRow> rows(ModelOnboarder.Onboarding o, ModelPool pool) {
        List<EstimateRow> out = new ArrayList<>();
        for (OnboardEstimate.TaskEstimate t : o.estimate().tasks()) {
            out.add(new EstimateRow(t.task(), t.summary(), t.observed(), t.estimate(),
                    String.format(Locale.ROOT, "%s (%.3f)", pool.get(t.best()).name(), t.bestEstimate()), o.candidateOf().contains(t.task())));
        }
        return out;
    }

    /** A price field: empty = not given; otherwise a number ≥ 0. */
    private static Double price(StringProperty field, String name) {
        String s = field.get() == null ? "" : field.get().strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of USD, was '" + s + "'");
        }
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    public IntegerProperty perTaskProperty() {
        return perTask;
    }

    /** At most this many prompts in all (0 = no cap). */
    public IntegerProperty budgetProperty() {
        return budget;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty costPerQueryProperty() {
        return costPerQuery;
    }

    public StringProperty inputCostPer1kProperty() {
        return inputCostPer1k;
    }

    public StringProperty outputCostPer1kProperty() {
        return outputCostPer1k;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty planSummaryProperty() {
        return planSummary;
    }

    public StringProperty estimateSummaryProperty() {
        return estimateSummary;
    }

    public StringProperty acceptSummaryProperty() {
        return acceptSummary;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty canPlanProperty() {
        return canPlan;
    }

    public BooleanProperty canAcceptProperty() {
        return canAccept;
    }

    /** The new bundle version once written, else null. */
    public ObjectProperty<Path> writtenProperty() {
        return written;
    }

    public ObservableList<EstimateRow> rows() {
        return rows;
    }
}

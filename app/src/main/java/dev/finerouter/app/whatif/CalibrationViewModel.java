package dev.finerouter.app.whatif;

import dev.finerouter.app.common.BackgroundTask;
import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.bundle.BundleCalibration;
import dev.finerouter.engine.calibrate.CalibrationResult;
import dev.finerouter.engine.calibrate.CalibrationTarget;
import dev.finerouter.engine.calibrate.Calibrator;
import dev.finerouter.engine.calibrate.PolicyEvaluator;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.whatif.TuningEvaluator;
import dev.finerouter.engine.whatif.TuningSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Calibration to a goal from the what-if panel: the user states "at most $X per 1,000 prompts", "at most N% of calls
 * to model M" or "at least Q quality"; {@link Calibrator} searches the tolerance (and α when asked) on the dev split
 * from the panel's cached predictions (at the current δ), reports how the chosen setting does on test, and
 * {@link #apply()} moves the panel's α and λ there. The applied result is what the bundle export records.
 */
public final class CalibrationViewModel {
    /** The kinds of goal. */
    public enum Goal {
        /** At most a cost per 1,000 prompts. */
        MAX_COST_PER_1K("at most cost per 1,000 prompts"),
        /** At most a share of calls to one model. */
        MAX_SHARE("at most share of calls to a model"),
        /** At least a Qual. */
        MIN_QUALITY("at least quality (Qual, 0–1)");

        private final String label;

        Goal(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final WhatIfViewModel whatIf;
    private final BackgroundTasks tasks;
    private final ObjectProperty<Goal> goal = new SimpleObjectProperty<>(this, "goal", Goal.MAX_COST_PER_1K);
    private final DoubleProperty bound = new SimpleDoubleProperty(this, "bound", 1.0);
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final BooleanProperty tuneAlpha = new SimpleBooleanProperty(this, "tuneAlpha");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    /** The running (or last) calibration; {@link #cancel()} cancels it. */
    private BackgroundTask<CalibrationResult> job;
    private final ObjectProperty<CalibrationResult> result = new SimpleObjectProperty<>(this, "result");
    private final StringProperty status = new SimpleStringProperty(this, "status", "State a goal and press Calibrate.");
    private CalibrationResult applied;

    CalibrationViewModel(WhatIfViewModel whatIf, BackgroundTasks tasks) {
        this.whatIf = whatIf;
        this.tasks = tasks;
    }

    /** The goal as an engine target, validated against the pool. */
    CalibrationTarget target(List<String> models) {
        return switch (goal.get()) {
            case MAX_COST_PER_1K -> new CalibrationTarget.MaxCostPer1k(bound.get());
            case MAX_SHARE -> {
                int index = models.indexOf(model.get());
                if (index < 0) {
                    throw new IllegalArgumentException("choose a model for the share cap");
                }
                yield new CalibrationTarget.MaxShare(model.get(), index, bound.get());
            }
            case MIN_QUALITY -> new CalibrationTarget.MinQuality(bound.get());
        };
    }

    /** Searches the setting on dev and measures it on test, in the background. */
    public void calibrate() {
        TuningEvaluator e = whatIf.evaluator();
        if (e == null || running.get()) {
            return;
        }
        if (!e.hasSplit(Split.DEV) || !e.hasSplit(Split.TEST)) {
            status.set("Calibration needs dev and test prompts; this dataset has " + e.size(Split.DEV) + " dev and "
                    + e.size(Split.TEST) + " test prompts.");
            return;
        }
        TuningSettings s = whatIf.settings();
        CalibrationTarget target;
        PolicyEvaluator dev;
        PolicyEvaluator test;
        try {
            target = target(e.modelNames());
            dev = e.policyEvaluator(s, Split.DEV);
            test = e.policyEvaluator(s, Split.TEST);
        } catch (IllegalArgumentException ex) {
            status.set("Cannot calibrate: " + ex.getMessage());
            return;
        }
        boolean alpha = tuneAlpha.get();
        running.set(true);
        status.set("Calibrating on the dev split (" + target.describe() + ")…");
        long t0 = System.nanoTime();
        job = BackgroundTask.of(ctx -> Calibrator.calibrate(target, stoppable(dev, ctx), test, s.policy(), alpha)).onSuccess(r -> {
            running.set(false);
            result.set(r);
            status.set(describe(r, (System.nanoTime() - t0) / 1e9));
        }).onFailure(t -> {
            running.set(false);
            status.set("Calibration failed: " + t.getMessage());
        }).onCancelled(() -> {
            running.set(false);
            status.set("Calibration cancelled.");
        });
        job.executeWith(tasks);
    }

    /** Cancels a running calibration: ready again at once; the search stops at its next dev evaluation. */
    public void cancel() {
        if (running.get() && job != null) {
            job.cancel();
        }
    }

    /**
     * {@code dev} stopping the calibrator's search when {@code ctx} is cancelled: the calibrator takes no stage context,
     * so each of its (hundreds of) dev evaluations checks first and throws an unchecked exception carrying a
     * {@link CancelledException}, which {@link BackgroundTask} reports as cancelled.
     */
    static PolicyEvaluator stoppable(PolicyEvaluator dev, StageContext ctx) {
        return policy -> {
            if (ctx.isCancelled()) {
                throw new IllegalStateException("calibration cancelled", new CancelledException());
            }
            return dev.evaluate(policy);
        };
    }

    static String describe(CalibrationResult r, double seconds) {
        String setting = String.format(Locale.ROOT, "α = %.2f, λ = %.3f", r.policy().alpha(), r.policy().tolerance());
        String outcome = String.format(Locale.ROOT, "dev: Qual %.3f, %.4f per 1k; test: Qual %.3f, %.4f per 1k", r.dev().qual(),
                r.dev().costPer1k(), r.test().qual(), r.test().costPer1k());
        String verdict = !r.feasible() ? "not reachable on dev; closest setting " + setting
                : r.metOnTest() ? "met on dev and on test with " + setting : "met on dev with " + setting + ", missed on test";
        return String.format(Locale.ROOT, "%s: %s (%s; %d settings in %.1f s).", r.target().describe(), verdict, outcome,
                r.evaluations(), seconds);
    }

    /** Moves the what-if panel's α and λ to the calibrated setting (also the closest one when infeasible). */
    public void apply() {
        CalibrationResult r = result.get();
        if (r == null) {
            return;
        }
        whatIf.alphaProperty().set(r.policy().alpha());
        whatIf.toleranceProperty().set(r.policy().tolerance());
        applied = r;
    }

    /**
     * The calibration to record in an exported bundle: the applied result while the panel's α and λ are still its
     * setting, otherwise empty (the user moved a knob since).
     */
    public Optional<BundleCalibration> forExport(List<String> models) {
        if (applied == null) {
            return Optional.empty();
        }
        RoutingPolicy now = whatIf.policy();
        boolean same = Math.abs(now.alpha() - applied.policy().alpha()) < 1e-9
                && Math.abs(now.tolerance() - applied.policy().tolerance()) < 1e-9;
        return same ? Optional.of(applied.toBundleCalibration(models, Instant.now())) : Optional.empty();
    }

    /** The goal kind. */
    public ObjectProperty<Goal> goalProperty() {
        return goal;
    }

    /** The goal's bound: USD per 1,000 prompts, a share in [0, 1], or a Qual in [0, 1]. */
    public DoubleProperty boundProperty() {
        return bound;
    }

    /** The model of a share cap. */
    public StringProperty modelProperty() {
        return model;
    }

    /** Whether α is searched too. */
    public BooleanProperty tuneAlphaProperty() {
        return tuneAlpha;
    }

    /** Whether a calibration is running. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** The last calibration. */
    public ObjectProperty<CalibrationResult> resultProperty() {
        return result;
    }

    /** One line on what happened. */
    public StringProperty statusProperty() {
        return status;
    }
}

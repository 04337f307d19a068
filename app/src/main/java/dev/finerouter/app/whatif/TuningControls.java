package dev.finerouter.app.whatif;

import dev.finerouter.engine.knob.Knob;
import dev.finerouter.engine.knob.Knobs;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.whatif.Scored;
import dev.finerouter.engine.whatif.TuningSettings;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The left column of the what-if panel: the knobs (paper defaults marked), split, pin, retrain, timing and status. */
final class TuningControls extends VBox {
    TuningControls(WhatIfViewModel vm) {
        super(8);
        setPadding(new Insets(0, 16, 0, 0));
        setPrefWidth(480);
        setMaxWidth(480);
        GridPane policy = grid();
        slider(policy, 0, "α (prediction weight)", "whatif-alpha", vm.alphaProperty(), Knobs.ALPHA, false);
        slider(policy, 1, "tolerance λ", "whatif-tolerance", vm.toleranceProperty(), Knobs.TOLERANCE, false);
        Slider delta = slider(policy, 2, "coverage δ", "whatif-delta", vm.deltaProperty(), Knobs.DELTA, false);
        delta.disableProperty().bind(vm.deltaAppliesProperty().not());
        Label policyNote = note("");
        policyNote.textProperty().bind(javafx.beans.binding.Bindings.when(vm.deltaAppliesProperty())
                .then("α and λ re-decide from cached predictions; δ re-selects each task's candidates. No retraining.")
                .otherwise("α and λ re-decide from cached predictions. No retraining. δ is off: this router's robust rule compares "
                        + "every model, so candidate sets do not change its decisions (they do for --preset paper)."));

        GridPane tasks = grid();
        slider(tasks, 0, "RBO threshold τ", "whatif-tau", vm.tauProperty(), Knobs.TAU, true);
        spinner(tasks, 1, "neighbours k", "whatif-k", vm.kProperty(), Knobs.K);
        spinner(tasks, 2, "levels ℓ", "whatif-levels", vm.levelsProperty(), Knobs.LEVELS);
        Label tasksNote = note("These change the tasks: τ and ℓ re-cluster from the cached kNN + RBO graph in the background "
                + "(discovery figures only); k needs a new graph. The classifier and estimator then need retraining.");
        TitledPane advanced = new TitledPane("Advanced: tasks (τ, k, ℓ) — need retraining", new VBox(8, tasks, tasksNote));
        advanced.setId("whatif-advanced");
        advanced.setExpanded(true);

        Label retrainBanner = new Label("⚠ needs retraining");
        retrainBanner.setId("whatif-needs-retraining");
        retrainBanner.setStyle("-fx-text-fill: -color-warning-fg; -fx-font-weight: bold");
        retrainBanner.visibleProperty().bind(vm.needsRetrainingProperty());
        retrainBanner.managedProperty().bind(retrainBanner.visibleProperty());
        Button retrain = new Button("Retrain with these settings");
        retrain.setId("whatif-retrain");
        retrain.setTooltip(new Tooltip("Runs discovery with these τ, k, ℓ, δ and trains a new router (Pipeline tab shows progress)"));
        retrain.setOnAction(e -> vm.retrain());
        retrain.disableProperty().bind(vm.readyProperty().not());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.reclusteringProperty());
        Button cancelRecluster = new Button("Cancel");
        cancelRecluster.setId("whatif-recluster-cancel");
        cancelRecluster.setTooltip(new Tooltip("Stops the re-clustering; the preview keeps the last result"));
        cancelRecluster.visibleProperty().bind(vm.reclusteringProperty());
        cancelRecluster.managedProperty().bind(cancelRecluster.visibleProperty());
        cancelRecluster.setOnAction(e -> vm.cancelRecluster());
        HBox retrainRow = new HBox(8, retrain, retrainBanner, busy, cancelRecluster);
        retrainRow.setAlignment(Pos.CENTER_LEFT);

        Label effect = note("");
        effect.setId("whatif-effect");
        effect.textProperty().bind(vm.effectProperty());
        effect.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 11px");

        ToggleGroup which = new ToggleGroup();
        ToggleButton dev = new ToggleButton("dev");
        ToggleButton test = new ToggleButton("test");
        dev.setToggleGroup(which);
        test.setToggleGroup(which);
        test.setSelected(true);
        which.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                (a == null ? test : a).setSelected(true);
            } else {
                vm.splitProperty().set(b == dev ? Split.DEV : Split.TEST);
            }
        });
        Button pin = new Button("Pin");
        pin.setId("whatif-pin");
        pin.setTooltip(new Tooltip("Keep the current metrics and curve as the baseline for the deltas"));
        pin.setOnAction(e -> vm.pin());
        pin.disableProperty().bind(vm.readyProperty().not());
        Button unpin = new Button("Unpin");
        unpin.setOnAction(e -> vm.unpin());
        unpin.disableProperty().bind(vm.pinnedProperty().isNull());
        Button reset = new Button("Defaults");
        reset.setTooltip(new Tooltip("Paper α and λ; the trained router's δ, τ, k, ℓ"));
        reset.setOnAction(e -> vm.resetToPaper());
        HBox buttons = new HBox(8, new Label("split:"), dev, test, pin, unpin, reset);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label pinned = new Label();
        pinned.setWrapText(true);
        pinned.textProperty().bind(Bindings.createStringBinding(() -> {
            Scored p = vm.pinnedProperty().get();
            return p == null ? "no baseline pinned" : "pinned: " + describe(p.settings());
        }, vm.pinnedProperty()));
        Label timing = new Label();
        timing.setId("whatif-timing");
        timing.setWrapText(true);
        timing.textProperty().bind(Bindings.createStringBinding(() -> {
            long us = vm.rescoreMicrosProperty().get();
            return us < 0 ? "" : String.format(Locale.ROOT, "re-decided the %s split from cached predictions in %.2f ms",
                    vm.splitProperty().get().name().toLowerCase(Locale.ROOT), us / 1000.0);
        }, vm.rescoreMicrosProperty(), vm.splitProperty()));
        Label stage1 = note("");
        stage1.setId("whatif-stage1");
        vm.readyProperty().addListener((o, a, b) -> stage1.setText(b ? "trained with " + vm.stage1Settings() : ""));
        Label status = new Label();
        status.setId("whatif-status");
        status.setWrapText(true);
        status.setMaxWidth(460);
        status.textProperty().bind(vm.statusProperty());

        getChildren().addAll(title("Routing policy and candidates"), policy, policyNote, advanced, retrainRow, effect,
                buttons, pinned, timing, stage1, status);
    }

    static String describe(TuningSettings s) {
        return String.format(Locale.ROOT, "α = %.2f, λ = %.2f, δ = %.2f, τ = %.2f, k = %d, ℓ = %d", s.alpha(), s.tolerance(),
                s.delta(), s.tau(), s.k(), s.levels());
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        return grid;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(460);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 11px");
        return l;
    }

    /**
     * A slider over the range the knob offers, bound to {@code p} (rounded to 0.01) and marking the paper's value; with
     * {@code onRelease} the value is taken only when dragging stops.
     */
    private static Slider slider(GridPane grid, int row, String label, String id, DoubleProperty p, Knob knob, boolean onRelease) {
        double paper = knob.paperValue();
        Slider s = new Slider(knob.offered().min(), knob.offered().max(), p.get());
        s.setId(id);
        s.setPrefWidth(200);
        s.setMajorTickUnit(0.25);
        s.setMinorTickCount(4);
        s.setShowTickMarks(true);
        s.setShowTickLabels(true);
        s.setBlockIncrement(knob.offered().step());
        Runnable commit = () -> {
            double v = Math.round(s.getValue() * 100) / 100.0;
            if (Math.abs(v - p.get()) > 1e-9) {
                p.set(v);
            }
        };
        s.valueProperty().addListener((o, a, v) -> {
            if (!onRelease || !s.isValueChanging()) {
                commit.run();
            }
        });
        s.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) {
                commit.run();
            }
        });
        p.addListener((o, a, v) -> {
            if (Math.abs(s.getValue() - v.doubleValue()) > 0.005) {
                s.setValue(v.doubleValue());
            }
        });
        Label value = defaultMarker(id, () -> String.format(Locale.ROOT, "%.2f", p.get()), () -> Math.abs(p.get() - paper) < 1e-9,
                String.valueOf(paper));
        p.addListener(o -> refresh(value));
        add(grid, row, label, s, value);
        return s;
    }

    /** A spinner over the range the knob offers, bound to {@code p} and marking the paper's value. */
    private static void spinner(GridPane grid, int row, String label, String id, IntegerProperty p, Knob knob) {
        int paper = knob.intPaperValue();
        Spinner<Integer> s = new Spinner<>((int) knob.offered().min(), (int) knob.offered().max(), p.get());
        s.setId(id);
        s.setPrefWidth(90);
        s.setEditable(true);
        s.valueProperty().addListener((o, a, v) -> {
            if (v != null && v != p.get()) {
                p.set(v);
            }
        });
        p.addListener((o, a, v) -> {
            if (!v.equals(s.getValue())) {
                s.getValueFactory().setValue(v.intValue());
            }
        });
        Label value = defaultMarker(id, () -> Integer.toString(p.get()), () -> p.get() == paper, Integer.toString(paper));
        p.addListener(o -> refresh(value));
        add(grid, row, label, s, value);
    }

    private static Label defaultMarker(String id, java.util.function.Supplier<String> text, java.util.function.BooleanSupplier isPaper,
                                       String paper) {
        Label value = new Label();
        value.setId(id + "-value");
        value.setMinWidth(150);
        Runnable update = () -> {
            boolean d = isPaper.getAsBoolean();
            value.setText(text.get() + "  " + (d ? "● paper default" : "(paper: " + paper + ")"));
            value.setStyle(d ? "-fx-text-fill: -color-success-fg" : "-fx-text-fill: -color-warning-fg");
        };
        value.setUserData(update);
        update.run();
        return value;
    }

    private static void refresh(Label value) {
        ((Runnable) value.getUserData()).run();
    }

    private static void add(GridPane grid, int row, String label, javafx.scene.Node control, Label value) {
        Label name = new Label(label);
        name.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(name, 0, row);
        grid.add(control, 1, row);
        grid.add(value, 2, row);
    }
}

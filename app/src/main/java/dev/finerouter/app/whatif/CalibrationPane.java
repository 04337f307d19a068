package dev.finerouter.app.whatif;

import dev.finerouter.engine.calibrate.CalibrationResult;
import dev.finerouter.engine.calibrate.SplitOutcome;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * The what-if panel's Calibrate tab: a goal instead of a knob. The search runs on the dev split from the cached
 * predictions; the result shows dev and test side by side and can be applied to the α and λ sliders (the bundle
 * export then records the calibration in the manifest).
 */
final class CalibrationPane extends VBox {
    CalibrationPane(WhatIfViewModel whatIf) {
        CalibrationViewModel vm = whatIf.calibration();
        setPadding(new Insets(8));
        setSpacing(8);
        ChoiceBox<CalibrationViewModel.Goal> goal = new ChoiceBox<>(FXCollections.observableArrayList(CalibrationViewModel.Goal.values()));
        goal.setId("calibrate-goal");
        goal.valueProperty().bindBidirectional(vm.goalProperty());
        Spinner<Double> bound = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 1e6, vm.boundProperty().get(), 0.05));
        bound.setId("calibrate-bound");
        bound.setEditable(true);
        bound.setPrefWidth(120);
        bound.valueProperty().addListener((o, a, v) -> vm.boundProperty().set(v));
        ChoiceBox<String> model = new ChoiceBox<>();
        model.setId("calibrate-model");
        model.valueProperty().bindBidirectional(vm.modelProperty());
        model.disableProperty().bind(vm.goalProperty().isNotEqualTo(CalibrationViewModel.Goal.MAX_SHARE));
        whatIf.readyProperty().addListener((o, a, ready) -> {
            if (ready && whatIf.evaluator() != null) {
                model.getItems().setAll(whatIf.evaluator().modelNames());
            }
        });
        CheckBox alpha = new CheckBox("also search α (0, 0.1, …, 1)");
        alpha.selectedProperty().bindBidirectional(vm.tuneAlphaProperty());
        Button run = new Button("Calibrate");
        run.setId("calibrate-run");
        run.disableProperty().bind(whatIf.readyProperty().not().or(vm.runningProperty()));
        run.setOnAction(e -> vm.calibrate());
        Button apply = new Button("Apply to α and λ");
        apply.setId("calibrate-apply");
        apply.disableProperty().bind(vm.resultProperty().isNull().or(vm.runningProperty()));
        apply.setOnAction(e -> vm.apply());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("calibrate-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Goal"), goal);
        form.addRow(1, new Label("Bound"), bound, new Label("USD per 1,000 prompts, a share (0–1) or a Qual (0–1)"));
        form.addRow(2, new Label("Model (share cap)"), model);
        form.addRow(3, new Label(""), alpha);
        HBox buttons = new HBox(8, run, cancel, apply, busy);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("calibrate-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label table = new Label();
        table.setId("calibrate-result");
        table.setStyle("-fx-font-family: monospace");
        vm.resultProperty().addListener((o, a, r) -> table.setText(r == null ? "" : table(r, whatIf.evaluator() == null ? List.of()
                : whatIf.evaluator().modelNames())));
        Label note = new Label("The search uses the dev split only (201 tolerances, refined where the goal flips; × 11 α values when "
                + "α is searched) at the current δ; test is reported, never used to choose. After Apply, File → Export router "
                + "bundle… records the goal and its dev/test outcome in the manifest, as `finerouter calibrate` does.");
        note.setWrapText(true);
        note.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 11px");
        getChildren().addAll(form, buttons, status, table, note);
    }

    /** The dev/test comparison as fixed-width text. */
    static String table(CalibrationResult r, List<String> models) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "setting: α = %.2f, λ = %.4f%n%n", r.policy().alpha(), r.policy().tolerance()));
        sb.append(String.format(Locale.ROOT, "%-22s %10s %10s%n", "", "dev", "test"));
        sb.append(String.format(Locale.ROOT, "%-22s %10.4f %10.4f%n", "Qual", r.dev().qual(), r.test().qual()));
        sb.append(String.format(Locale.ROOT, "%-22s %10.4f %10.4f%n", "cost per 1k prompts", r.dev().costPer1k(), r.test().costPer1k()));
        sb.append(String.format(Locale.ROOT, "%-22s %10s %10s%n", "goal met", r.feasible() ? "yes" : "no", r.metOnTest() ? "yes" : "no"));
        for (int m = 0; m < models.size(); m++) {
            sb.append(String.format(Locale.ROOT, "%-22s %9.1f%% %9.1f%%%n", shorten(models.get(m)), 100 * share(r.dev(), m),
                    100 * share(r.test(), m)));
        }
        return sb.toString();
    }

    private static double share(SplitOutcome o, int model) {
        double[] s = o.share();
        return model < s.length ? s[model] : Double.NaN;
    }

    private static String shorten(String name) {
        return name.length() > 22 ? name.substring(0, 21) + "…" : name;
    }
}

package dev.finerouter.app.onboard;

import dev.finerouter.app.common.Look;
import dev.finerouter.app.common.SaveDialog;
import dev.finerouter.app.common.Tables;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * File → Onboard a model…: the three steps of {@link OnboardViewModel} top to bottom — plan (prompts per task, budget,
 * seed, Write plan…), scores (name and price of the new model, Load scored plan…), review and accept (per-task
 * estimates with 95% intervals and the tasks it joins, Accept: write new bundle…) — with a busy indicator, Cancel and
 * one status line. File dialogs go through the shared {@link SaveDialog}.
 */
public final class OnboardView extends VBox {
    private final OnboardViewModel vm;
    private final SaveDialog dialogs;

    /** Builds the view over {@code vm}. */
    public OnboardView(OnboardViewModel vm, SaveDialog dialogs) {
        super(10);
        this.vm = vm;
        this.dialogs = dialogs;
        setPadding(new Insets(12));
        setPrefSize(980, 640);

        GridPane plan = grid();
        Spinner<Integer> perTask = spinner("onboard-per-task", 1, 1000, vm.perTaskProperty().get());
        perTask.valueProperty().addListener((o, a, v) -> vm.perTaskProperty().set(v));
        Spinner<Integer> budget = spinner("onboard-budget", 0, 1_000_000, vm.budgetProperty().get());
        budget.valueProperty().addListener((o, a, v) -> vm.budgetProperty().set(v));
        Spinner<Integer> seed = spinner("onboard-seed", 0, Integer.MAX_VALUE, vm.seedProperty().get());
        seed.valueProperty().addListener((o, a, v) -> vm.seedProperty().set(v));
        plan.addRow(0, new Label("prompts per task"), perTask, new Label("budget (0 = no cap)"), budget, new Label("seed"), seed);
        Button writePlan = new Button("Write plan…");
        writePlan.setId("onboard-plan");
        writePlan.disableProperty().bind(vm.canPlanProperty().not().or(vm.runningProperty()));
        writePlan.setOnAction(e -> {
            Path p = dialogs.ask(new SaveDialog.Request(window(), "Write the onboarding plan", "onboard-plan.jsonl",
                    List.of(new FileChooser.ExtensionFilter("JSON lines (*.jsonl)", "*.jsonl"))));
            if (p != null) {
                vm.plan(p);
            }
        });
        Label planSummary = wrapped("onboard-plan-summary");
        planSummary.textProperty().bind(vm.planSummaryProperty());

        GridPane scores = grid();
        TextField name = field("onboard-model", "name, e.g. my-model-2027", vm.modelProperty());
        TextField perCall = field("onboard-cost-per-query", "USD per call", vm.costPerQueryProperty());
        TextField in = field("onboard-input-cost", "USD per 1k input tokens", vm.inputCostPer1kProperty());
        TextField out = field("onboard-output-cost", "USD per 1k output tokens", vm.outputCostPer1kProperty());
        scores.addRow(0, new Label("model"), name, new Label("cost per call"), perCall);
        scores.addRow(1, new Label("input per 1k"), in, new Label("output per 1k"), out);
        Button load = new Button("Load scored plan…");
        load.setId("onboard-load");
        load.disableProperty().bind(vm.runningProperty().or(vm.modelProperty().isEmpty()));
        load.setOnAction(e -> {
            Path p = dialogs.askToOpen(new SaveDialog.Request(window(), "Load the scored plan", "",
                    List.of(new FileChooser.ExtensionFilter("JSON lines (*.jsonl)", "*.jsonl"), new FileChooser.ExtensionFilter("All files", "*"))));
            if (p != null) {
                vm.loadScores(p);
            }
        });

        TableView<OnboardViewModel.EstimateRow> table = Tables.table("Load the scored plan to see the estimates.");
        table.setId("onboard-estimates");
        table.getColumns().add(Tables.column("task", OnboardViewModel.EstimateRow::task));
        table.getColumns().add(Tables.column("scored", r -> r.observed().n()));
        table.getColumns().add(Tables.column("mean [95%]", r -> r.observed().n() == 0 ? "–"
                : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.observed().mean(), r.observed().low(), r.observed().high())));
        table.getColumns().add(Tables.column("estimate", r -> String.format(Locale.ROOT, "%.3f", r.estimate())));
        table.getColumns().add(Tables.column("best other (estimate)", OnboardViewModel.EstimateRow::bestOther));
        table.getColumns().add(Tables.column("joins", r -> r.candidate() ? "✓" : ""));
        table.getColumns().add(Tables.column("summary", OnboardViewModel.EstimateRow::summary));
        double[] widths = {60, 70, 190, 80, 330, 60}; // the summary (last, flexible) takes the rest
        for (int c = 0; c < widths.length; c++) {
            table.getColumns().get(c).setPrefWidth(widths[c]);
            table.getColumns().get(c).setMaxWidth(1.25 * widths[c]);
        }
        table.setItems(vm.rows());
        VBox.setVgrow(table, Priority.ALWAYS);
        Label estimate = wrapped("onboard-estimate-summary");
        estimate.textProperty().bind(vm.estimateSummaryProperty());

        Button accept = new Button("Accept: write new bundle…");
        accept.setId("onboard-accept");
        accept.disableProperty().bind(vm.canAcceptProperty().not().or(vm.runningProperty()));
        accept.setOnAction(e -> {
            Path p = dialogs.ask(new SaveDialog.Request(window(), "Write the new bundle version", "router-onboarded.frb",
                    List.of(new FileChooser.ExtensionFilter("Router bundle (*.frb)", "*.frb"),
                            new FileChooser.ExtensionFilter("Folder (any name without .frb)", "*"))));
            if (p != null) {
                vm.accept(p);
            }
        });
        Label accepted = wrapped("onboard-accept-summary");
        accepted.textProperty().bind(vm.acceptSummaryProperty());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("onboard-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Label status = wrapped("onboard-status");
        status.textProperty().bind(vm.statusProperty());
        HBox statusRow = new HBox(8, busy, cancel, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);

        getChildren().addAll(heading("1. Plan: which prompts the new model answers"), plan, new HBox(8, writePlan), planSummary,
                heading("2. Scores: the plan with the new model's scores"), scores, new HBox(8, load),
                heading("3. Review the per-task estimates, then accept"), table, estimate, new HBox(8, accept), accepted, statusRow);
        Look.polish(this);
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }

    private static Label wrapped(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE); // wrap to as many lines as the text needs, the table gives way
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        return g;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int value) {
        Spinner<Integer> s = new Spinner<>(min, max, value);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        return s;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(16);
        f.textProperty().bindBidirectional(p);
        return f;
    }
}

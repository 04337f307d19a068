package dev.finerouter.app.pipeline;

import dev.finerouter.app.common.Dialogs;
import dev.finerouter.app.common.Spinners;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.knob.Knob;
import dev.finerouter.engine.knob.Knobs;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.Locale;

/** The pipeline runner: Stage-1 settings (paper defaults marked), Run / Cancel, one progress bar per stage, a log. */
public final class PipelineView extends BorderPane {
    private final PipelineViewModel vm;

    /** Builds the view over {@code vm}. */
    public PipelineView(PipelineViewModel vm) {
        this.vm = vm;
        setPadding(new Insets(10));
        setLeft(settings());
        setCenter(stages());
        TextArea log = new TextArea();
        log.setId("pipeline-log");
        log.setEditable(false);
        log.setPrefRowCount(10);
        log.setStyle("-fx-font-family: monospace");
        vm.log().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && vm.log().isEmpty()) {
                    log.clear();
                }
                for (String line : c.getAddedSubList()) {
                    log.appendText(line + "\n");
                }
            }
        });
        TitledPane logPane = new TitledPane("Log", log);
        logPane.setCollapsible(false);
        BorderPane.setMargin(logPane, new Insets(10, 0, 0, 0));
        setBottom(logPane);

        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        vm.runningProperty().addListener((o, a, on) -> {
            if (on) {
                ticker.play();
            } else {
                ticker.stop();
                vm.tick();
            }
        });
        vm.failureProperty().addListener((o, a, t) -> {
            if (t != null) {
                String hint = t instanceof EngineException ee && ee.hint() != null ? "\n\nHint: " + ee.hint() : "";
                Dialogs.error(getScene() == null ? null : getScene().getWindow(), "Pipeline failed", "The pipeline run failed",
                        t.getMessage() + hint, t, b -> { });
            }
        });
    }

    private VBox settings() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        intSpinner(grid, row++, "k (neighbours)", "k", vm.kProperty(), Knobs.K);
        doubleSpinner(grid, row++, "τ (RBO threshold)", "tau", vm.tauProperty(), Knobs.TAU);
        intSpinner(grid, row++, "ℓ (levels)", "levels", vm.levelsProperty(), Knobs.LEVELS);
        doubleSpinner(grid, row++, "δ (coverage)", "delta", vm.deltaProperty(), Knobs.DELTA);
        intSpinner(grid, row++, "min task size", "min-size", vm.minTaskSizeProperty(), Knobs.MIN_TASK_SIZE);
        doubleSpinner(grid, row++, "resolution γ", "resolution", vm.resolutionProperty(), Knobs.LEIDEN_RESOLUTION);
        Label note = new Label("● = paper default (k, τ, ℓ, δ);\nmin size and γ: our defaults");
        note.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 11px");
        Button reset = new Button("Reset to defaults");
        reset.setOnAction(e -> vm.resetToDefaults());
        Button run = new Button("Run");
        run.setId("pipeline-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("pipeline-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        HBox buttons = new HBox(8, run, cancel, reset);
        Label title = new Label("Stage-1 settings");
        title.setStyle("-fx-font-weight: bold");
        VBox box = new VBox(10, title, grid, note, buttons);
        box.setPadding(new Insets(0, 16, 0, 0));
        return box;
    }

    /** A spinner over the range the knob offers, marking its default. */
    private void intSpinner(GridPane grid, int row, String label, String id, IntegerProperty p, Knob knob) {
        int paper = knob.intDefault();
        Spinner<Integer> s = Spinners.ofInt(p, (int) knob.offered().min(), (int) knob.offered().max(), (int) knob.offered().step());
        s.setId("setting-" + id);
        addRow(grid, row, label, s, Integer.toString(paper), () -> p.get() == paper, p);
    }

    /** A spinner over the range the knob offers, marking its default. */
    private void doubleSpinner(GridPane grid, int row, String label, String id, DoubleProperty p, Knob knob) {
        double paper = knob.defaultValue();
        Spinner<Double> s = Spinners.ofDouble(p, knob.offered().min(), knob.offered().max(), knob.offered().step());
        s.setId("setting-" + id);
        addRow(grid, row, label, s, String.format(Locale.ROOT, "%s", paper), () -> Math.abs(p.get() - paper) < 1e-9, p);
    }

    private static void addRow(GridPane grid, int row, String label, javafx.scene.Node spinner, String paper,
                               java.util.function.BooleanSupplier isDefault, javafx.beans.Observable changes) {
        Label marker = new Label();
        Runnable update = () -> {
            boolean d = isDefault.getAsBoolean();
            marker.setText(d ? "● default " + paper : "default " + paper);
            marker.setStyle(d ? "-fx-text-fill: -color-success-fg" : "-fx-text-fill: -color-warning-fg");
        };
        changes.addListener(o -> update.run());
        update.run();
        grid.add(new Label(label), 0, row);
        grid.add(spinner, 1, row);
        grid.add(marker, 2, row);
    }

    private VBox stages() {
        GridPane grid = new GridPane();
        grid.setId("pipeline-stages");
        grid.setHgap(10);
        grid.setVgap(8);
        grid.add(bold("stage"), 0, 0);
        grid.add(bold("progress"), 1, 0);
        grid.add(bold("elapsed"), 2, 0);
        grid.add(bold("status"), 3, 0);
        int row = 1;
        for (StageRow r : vm.stageRows()) {
            ProgressBar bar = new ProgressBar();
            bar.setId("stage-bar-" + r.stage().name().toLowerCase(Locale.ROOT));
            bar.setPrefWidth(260);
            bar.progressProperty().bind(r.progressProperty());
            Label elapsed = new Label();
            elapsed.textProperty().bind(r.elapsedProperty());
            elapsed.setMinWidth(60);
            Label status = new Label();
            status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> statusText(r),
                    r.statusProperty(), r.cachedProperty(), r.messageProperty()));
            status.setId("stage-status-" + r.stage().name().toLowerCase(Locale.ROOT));
            grid.add(new Label(r.stage().label()), 0, row);
            grid.add(bar, 1, row);
            grid.add(elapsed, 2, row);
            grid.add(status, 3, row);
            row++;
        }
        Label status = new Label();
        status.setId("pipeline-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Label title = new Label("Stages");
        title.setStyle("-fx-font-weight: bold");

        Button train = new Button("Train router");
        train.setId("pipeline-train");
        train.setTooltip(new javafx.scene.control.Tooltip("Stage 2: task classifier + quality estimator on the discovered tasks"));
        train.disableProperty().bind(vm.runningProperty().or(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.trainStatusProperty().get().startsWith("Run Stage 1"), vm.trainStatusProperty())));
        train.setOnAction(e -> vm.train());
        ProgressBar trainBar = new ProgressBar(0);
        trainBar.setId("train-bar");
        trainBar.setPrefWidth(260);
        trainBar.progressProperty().bind(vm.trainProgressProperty());
        Label trainStatus = new Label();
        trainStatus.setId("train-status");
        trainStatus.setWrapText(true);
        trainStatus.textProperty().bind(vm.trainStatusProperty());
        Label title2 = new Label("Stage 2: router");
        title2.setStyle("-fx-font-weight: bold");
        javafx.scene.control.CheckBox chooseLevels = new javafx.scene.control.CheckBox("choose ℓ on dev");
        chooseLevels.setId("pipeline-choose-levels");
        chooseLevels.selectedProperty().bindBidirectional(vm.chooseLevelsProperty());
        chooseLevels.disableProperty().bind(vm.runningProperty());
        chooseLevels.setTooltip(new javafx.scene.control.Tooltip("Train on the ℓ between 1 and the ℓ setting whose task statistics route the dev "
                + "and left-out training prompts best (what 'finerouter train' does without --levels); the graph then shows its tasks"));
        HBox trainRow = new HBox(10, train, chooseLevels, trainBar);
        trainRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(10, title, grid, status, new javafx.scene.control.Separator(), title2, trainRow, trainStatus);
        VBox.setVgrow(grid, Priority.NEVER);
        return box;
    }

    private static String statusText(StageRow r) {
        return switch (r.statusProperty().get()) {
            case WAITING -> "";
            case RUNNING -> {
                String m = r.messageProperty().get();
                int colon = m.indexOf(": ");
                yield colon >= 0 ? m.substring(colon + 2) : m.isEmpty() ? "running…" : m;
            }
            case DONE -> r.cachedProperty().get() ? "✓ cached" : "✓ done";
            case FAILED -> "✗ failed";
            case CANCELLED -> "cancelled";
        };
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }
}

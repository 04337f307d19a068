package dev.finerouter.app.preferences;

import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The Preferences dialog: edits a {@link PreferencesViewModel} and saves it on OK (stays open on invalid input). */
public final class PreferencesView extends Dialog<ButtonType> {
    /** Builds the dialog. */
    public PreferencesView(Window owner, PreferencesViewModel vm) {
        initOwner(owner);
        setTitle("Preferences");
        setHeaderText("Task descriptions, cache and seed");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        row = field(grid, row, "LLM endpoint URL", vm.llmUrlProperty(), "blank = offline describer, e.g. http://127.0.0.1:8000/v1");
        row = field(grid, row, "LLM model", vm.llmModelProperty(), "e.g. gpt-4o-mini");
        row = field(grid, row, "API key env variable", vm.llmKeyEnvProperty(), "e.g. OPENAI_API_KEY (the key itself is never stored)");
        row = field(grid, row, "Cache folder", vm.cacheDirProperty(), "");
        row = field(grid, row, "Seed", vm.seedProperty(), "");
        Label error = new Label();
        error.setStyle("-fx-text-fill: -color-danger-fg");
        grid.add(error, 0, row, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            String problem = vm.save();
            if (problem != null) {
                error.setText(problem);
                e.consume();
            }
        });
    }

    private static int field(GridPane grid, int row, String label, javafx.beans.property.StringProperty p, String prompt) {
        TextField tf = new TextField();
        tf.setPrefColumnCount(32);
        tf.setPromptText(prompt);
        tf.textProperty().bindBidirectional(p);
        grid.add(new Label(label), 0, row);
        grid.add(tf, 1, row);
        return row + 1;
    }
}

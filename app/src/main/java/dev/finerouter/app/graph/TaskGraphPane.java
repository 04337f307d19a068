package dev.finerouter.app.graph;

import dev.finerouter.app.common.Dialogs;
import dev.finerouter.app.common.PngSnapshot;
import dev.finerouter.app.common.SaveDialog;
import dev.finerouter.engine.EngineException;
import dev.finerouter.viz.graph.TaskGraphView;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The task-graph explorer: the reusable viz {@link TaskGraphView} bound to its view model and the shared selection,
 * plus <b>Export graph</b> → PNG… (the view as shown with its legend, drawn at twice its size) or SVG… (the same
 * drawing as vectors, {@link GraphSvg}); file names are asked through the shared {@link SaveDialog}.
 */
public final class TaskGraphPane extends BorderPane {
    /** PNG export draws the view at this multiple of its size, for sharpness. */
    static final double PNG_SCALE = 2;

    private final TaskGraphView view = new TaskGraphView();
    private final SaveDialog saveDialog;
    private final Label exportStatus = new Label();

    /** Writes the shown graph to a file. */
    @FunctionalInterface
    private interface Writer {
        void write(Path target) throws EngineException;
    }

    /** Builds the pane over {@code vm}; export file names are asked through {@code saveDialog}. */
    public TaskGraphPane(TaskGraphViewModel vm, SaveDialog saveDialog) {
        this.saveDialog = saveDialog;
        view.setId("task-graph");
        view.dataProperty().bind(vm.dataProperty());
        view.selectedKeyProperty().bindBidirectional(vm.selectedTaskProperty());
        MenuButton export = new MenuButton("Export graph");
        export.setId("graph-export");
        export.setTooltip(new Tooltip("Save the graph as shown (zoom, highlight, hidden models, labels) with its legend, as PNG or SVG"));
        export.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.dataProperty().get().nodes().isEmpty(), vm.dataProperty()));
        MenuItem png = new MenuItem("PNG…");
        png.setId("graph-export-png");
        png.setOnAction(e -> export("PNG image", "png", target -> PngSnapshot.write(view.exportImage(PNG_SCALE), target)));
        MenuItem svg = new MenuItem("SVG…");
        svg.setId("graph-export-svg");
        svg.setOnAction(e -> export("SVG drawing", "svg", target -> GraphSvg.write(view.currentFrame(), target)));
        export.getItems().addAll(png, svg);
        exportStatus.setId("graph-export-status");
        exportStatus.setStyle("-fx-text-fill: -color-fg-muted");
        view.addToolbarItems(export, exportStatus);
        setCenter(view);
    }

    /** The graph view. */
    public TaskGraphView graphView() {
        return view;
    }

    /** Asks for a file of type {@code ext} and writes the graph there; a failure opens an error dialog naming the file. */
    private void export(String kind, String ext, Writer writer) {
        Path target = saveDialog.ask(new SaveDialog.Request(window(), "Export graph as " + ext.toUpperCase(Locale.ROOT),
                "task-graph." + ext, List.of(new FileChooser.ExtensionFilter(kind + " (*." + ext + ")", "*." + ext))));
        if (target == null) {
            return;
        }
        try {
            writer.write(target);
            exportStatus.setText("Wrote " + target.getFileName());
        } catch (EngineException ex) {
            exportStatus.setText("");
            Dialogs.error(window(), "Export failed", "Cannot write the graph", ex.getMessage(), ex, b -> { });
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}

package dev.finerouter.app.graph;

import dev.finerouter.viz.graph.TaskGraphView;
import javafx.scene.layout.BorderPane;

/** The task-graph explorer: the reusable viz {@link TaskGraphView} bound to its view model and the shared selection. */
public final class TaskGraphPane extends BorderPane {
    private final TaskGraphView view = new TaskGraphView();

    /** Builds the pane over {@code vm}. */
    public TaskGraphPane(TaskGraphViewModel vm) {
        view.setId("task-graph");
        view.dataProperty().bind(vm.dataProperty());
        view.selectedKeyProperty().bindBidirectional(vm.selectedTaskProperty());
        setCenter(view);
    }

    /** The graph view. */
    public TaskGraphView graphView() {
        return view;
    }
}

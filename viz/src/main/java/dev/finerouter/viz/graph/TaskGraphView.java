package dev.finerouter.viz.graph;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An interactive graph of tasks on a JavaFX {@link Canvas}: node size = {@link TaskGraphData.Node#size()}, colour =
 * category (legend on the right; click an entry to hide or show its tasks), label = short text. Scroll zooms about
 * the pointer, dragging pans, "Fit" fits the shown nodes into the view and "Fit selection" the selected node with its
 * neighbours, the search box and the category filter dim what does not match, "Freeze" stops the layout, hovering a
 * node shows its details and highlights its neighbours (dimming the rest), and a click selects a node
 * ({@link #selectedKeyProperty()}, the node's {@code key}, -1 for none), which keeps the highlight.
 *
 * <p>Labels never overlap a node or each other: larger nodes (and the selected and hovered one first) are labelled
 * greedily ({@link LabelPlacement}), so zooming in, which spreads the nodes, shows more labels; zoomed in, labels are
 * shown in full.
 *
 * <p>{@link #currentFrame()} is the picture shown as data and {@link #exportImage(double)} an image of it with the
 * legend: the drawing itself is {@link GraphPainter}'s, the same on screen and in exported files.
 *
 * <p>The force-directed layout ({@link GraphLayout}) runs on a daemon thread until it settles; the FX thread only
 * reads its published position snapshots in an {@link AnimationTimer}. See docs/decisions/0007.
 */
public final class TaskGraphView extends BorderPane {
    private static final String ALL = "all models";
    /** Zoom (relative to the fitted scale) from which labels are shown in full. */
    private static final double FULL_LABEL_ZOOM = 1.8;
    /** The largest exported image side in pixels (a canvas texture limit). */
    private static final double MAX_IMAGE_SIDE = 8192;

    private final ObjectProperty<TaskGraphData> data = new SimpleObjectProperty<>(this, "data", TaskGraphData.EMPTY);
    private final IntegerProperty selectedKey = new SimpleIntegerProperty(this, "selectedKey", -1);
    private final Canvas canvas = new Canvas();
    private final ViewTransform transform = new ViewTransform();
    private final TextField search = new TextField();
    private final ComboBox<String> modelFilter = new ComboBox<>();
    private final ToggleButton freeze = new ToggleButton("Freeze");
    private final Button fitSelection = new Button("Fit selection");
    private final Label layoutStatus = new Label();
    private final VBox legend = new VBox(4);
    private final Tooltip tip = new Tooltip();
    private final Text measure = new Text();
    private final ToolBar bar;
    private final AtomicLong generation = new AtomicLong();

    private volatile GraphLayout layout;
    private volatile boolean frozen;
    private double[] drawn = new double[0];
    private double[] radii = new double[0];
    private boolean[] hiddenCategories = new boolean[0];
    private int hovered = -1;
    private boolean userMoved;
    private double fitScale = 1;
    private boolean dirty = true;
    private double dragX;
    private double dragY;
    private boolean dragged;
    private List<String> placedLabels = List.of();

    /** An empty view; set {@link #dataProperty()} to show a graph. */
    public TaskGraphView() {
        getStyleClass().add("task-graph");
        search.setPromptText("search tasks");
        search.setId("graph-search");
        search.setTooltip(new Tooltip("Dim every task whose name, candidates or id does not match"));
        modelFilter.setId("graph-model-filter");
        modelFilter.setTooltip(new Tooltip("Dim every task whose top candidate is not this model"));
        modelFilter.getItems().add(ALL);
        modelFilter.getSelectionModel().select(ALL);
        Button fit = new Button("Fit");
        fit.setId("graph-fit");
        fit.setTooltip(new Tooltip("Fit the shown tasks into the view"));
        fit.setOnAction(e -> fit());
        fitSelection.setId("graph-fit-selection");
        fitSelection.setTooltip(new Tooltip("Zoom to the selected task and its neighbours"));
        fitSelection.setOnAction(e -> fitSelection());
        fitSelection.disableProperty().bind(selectedKey.lessThan(0));
        freeze.setId("graph-freeze");
        freeze.setTooltip(new Tooltip("Stop or restart the force-directed layout"));
        freeze.selectedProperty().addListener((o, a, on) -> {
            frozen = on;
            if (!on) {
                startLayout(layout, generation.get());
            }
            updateStatus();
        });
        search.textProperty().addListener(o -> dirty = true);
        modelFilter.valueProperty().addListener(o -> dirty = true);
        bar = new ToolBar(new Label("Search"), search, new Label("Model"), modelFilter, fit, fitSelection, freeze, layoutStatus);
        setTop(bar);

        Pane holder = new Pane(canvas);
        holder.setMinSize(0, 0);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> dirty = true);
        canvas.heightProperty().addListener(o -> dirty = true);
        setCenter(holder);
        legend.setPadding(new Insets(8));
        ScrollPane legendScroll = new ScrollPane(legend);
        legendScroll.setFitToWidth(true);
        legendScroll.setPrefWidth(200);
        setRight(legendScroll);
        measure.setFont(FxGraphCanvas.font(GraphFrame.LABEL_SIZE, false));
        tip.setWrapText(true);
        tip.setMaxWidth(420);

        installMouse();
        data.addListener((o, old, d) -> reset(d == null ? TaskGraphData.EMPTY : d));
        selectedKey.addListener(o -> dirty = true);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame();
            }
        }.start();
        reset(TaskGraphData.EMPTY);
    }

    /** The graph shown. */
    public ObjectProperty<TaskGraphData> dataProperty() {
        return data;
    }

    /** The key of the selected node, -1 for none; set it to select from outside. */
    public IntegerProperty selectedKeyProperty() {
        return selectedKey;
    }

    /** Fits the shown nodes (not hidden in the legend, matching the filters if any match) into the view. */
    public void fit() {
        TaskGraphData d = data.get();
        boolean[] matching = matching(d);
        List<Integer> shown = new ArrayList<>();
        List<Integer> visible = new ArrayList<>();
        GraphHighlight.State[] states = GraphHighlight.states(d, -1, matching, hiddenCategories);
        for (int i = 0; i < states.length; i++) {
            if (states[i] != GraphHighlight.State.HIDDEN) {
                visible.add(i);
                if (states[i] == GraphHighlight.State.NORMAL) {
                    shown.add(i);
                }
            }
        }
        fitTo(shown.isEmpty() ? visible : shown);
        if (shown.size() == states.length) {
            userMoved = false; // the whole graph: keep fitting while the layout settles
            fitScale = transform.scale();
        }
    }

    /** Fits the selected node and its neighbours into the view (nothing without a selection). */
    public void fitSelection() {
        TaskGraphData d = data.get();
        int i = d.indexOfKey(selectedKey.get());
        if (i < 0) {
            return;
        }
        List<Integer> nodes = new ArrayList<>(GraphHighlight.neighbours(d, i));
        nodes.add(i);
        fitTo(nodes);
    }

    private void fitTo(List<Integer> nodes) {
        if (nodes.isEmpty() || drawn.length < 2 * data.get().nodes().size()) {
            return;
        }
        double[] sub = new double[2 * nodes.size()];
        for (int k = 0; k < nodes.size(); k++) {
            sub[2 * k] = drawn[2 * nodes.get(k)];
            sub[2 * k + 1] = drawn[2 * nodes.get(k) + 1];
        }
        double oldScale = transform.scale();
        transform.fit(sub, canvas.getWidth(), canvas.getHeight(), GraphFrame.MAX_RADIUS + 40);
        if (nodes.size() == 1) {
            transform.zoomAt(oldScale, canvas.getWidth() / 2, canvas.getHeight() / 2, canvas.getWidth(), canvas.getHeight());
        }
        userMoved = true;
        dirty = true;
    }

    /** The current zoom relative to the scale that fits the whole graph (1 = fitted). */
    public double relativeZoom() {
        return transform.scale() / fitScale;
    }

    /** Whether the layout has stopped moving (settled or frozen). */
    public boolean isLayoutIdle() {
        GraphLayout l = layout;
        return l == null || frozen || l.isSettled();
    }

    /** Hides or shows the nodes of {@code category} (as a click on its legend entry does). */
    public void setCategoryHidden(int category, boolean hidden) {
        if (category < 0 || category >= hiddenCategories.length) {
            return;
        }
        hiddenCategories[category] = hidden;
        legend.lookupAll(".graph-legend-entry").forEach(n -> {
            if (n instanceof CheckBox c && Integer.valueOf(category).equals(c.getUserData()) && c.isSelected() == hidden) {
                c.setSelected(!hidden);
            }
        });
        TaskGraphData d = data.get();
        int sel = d.indexOfKey(selectedKey.get());
        if (sel >= 0 && hidden && d.nodes().get(sel).category() == category) {
            selectedKey.set(-1);
        }
        dirty = true;
    }

    /** Whether the nodes of {@code category} are hidden. */
    public boolean isCategoryHidden(int category) {
        return category >= 0 && category < hiddenCategories.length && hiddenCategories[category];
    }

    /** Sets the hovered node by index (-1 for none), as moving the pointer over it does. Call on the FX thread. */
    public void hover(int index) {
        if (index != hovered) {
            hovered = index;
            dirty = true;
        }
    }

    /** How every node is drawn now (hover, selection, filters, legend). Call on the FX thread. */
    public GraphHighlight.State[] highlightStates() {
        TaskGraphData d = data.get();
        return GraphHighlight.states(d, focus(d), matching(d), hiddenCategories);
    }

    /** The labels drawn in the last frame, in placement order. Call on the FX thread. */
    public List<String> placedLabels() {
        return placedLabels;
    }

    /** The tooltip text of node {@code index}: its details. */
    public String tooltipText(int index) {
        TaskGraphData d = data.get();
        return index < 0 || index >= d.nodes().size() ? "" : d.nodes().get(index).details();
    }

    /**
     * Where the node with {@code key} is drawn, in screen coordinates, or {@code null} when it is not shown yet.
     * Call on the FX thread.
     */
    public javafx.geometry.Point2D screenPositionOf(int key) {
        TaskGraphData d = data.get();
        int i = d == null ? -1 : d.indexOfKey(key);
        if (i < 0 || drawn.length < 2 * (i + 1)) {
            return null;
        }
        return canvas.localToScreen(transform.toScreenX(drawn[2 * i], canvas.getWidth()),
                transform.toScreenY(drawn[2 * i + 1], canvas.getHeight()));
    }

    /** Adds controls at the end of the toolbar (the host application's actions on the graph, e.g. export). */
    public void addToolbarItems(javafx.scene.Node... items) {
        bar.getItems().addAll(items);
    }

    /**
     * The picture shown now (zoom, pan, highlight, filters, legend, the labels that fit), as a frame to paint
     * elsewhere, e.g. into a vector file with {@link GraphPainter#paintWithLegend}. Call on the FX thread.
     */
    public GraphFrame currentFrame() {
        TaskGraphData d = data.get() == null ? TaskGraphData.EMPTY : data.get();
        int focus = focus(d);
        GraphHighlight.State[] st = GraphHighlight.states(d, focus, matching(d), hiddenCategories);
        GraphFrame.TextMeasure m = new GraphFrame.TextMeasure() {
            @Override
            public double width(String text) {
                measure.setText(text);
                return measure.getLayoutBounds().getWidth();
            }

            @Override
            public double height() {
                measure.setText("Ag");
                return measure.getLayoutBounds().getHeight();
            }
        };
        return GraphFrame.compose(d, drawn, transform, canvas.getWidth(), canvas.getHeight(), st, d.indexOfKey(selectedKey.get()), focus,
                relativeZoom() >= FULL_LABEL_ZOOM, m);
    }

    /**
     * The picture shown now with its legend to the right, as an image {@code scale} times the view's size (less when
     * that would pass 8192 pixels), drawn afresh at that size so it stays sharp. Call on the FX thread.
     */
    public WritableImage exportImage(double scale) {
        GraphFrame f = currentFrame();
        double s = Math.max(0.1, Math.min(scale, MAX_IMAGE_SIDE / Math.max(f.fullWidth(), f.fullHeight())));
        Canvas target = new Canvas(Math.ceil(f.fullWidth() * s), Math.ceil(f.fullHeight() * s));
        GraphicsContext g = target.getGraphicsContext2D();
        g.scale(s, s);
        GraphPainter.paintWithLegend(f, new FxGraphCanvas(g));
        return target.snapshot(null, null);
    }

    /** The search box (for tests and keyboard focus). */
    public TextField searchField() {
        return search;
    }

    private void reset(TaskGraphData d) {
        long gen = generation.incrementAndGet();
        GraphLayout l = new GraphLayout(d, 42);
        layout = l;
        drawn = l.positions();
        radii = GraphFrame.radii(d);
        hiddenCategories = new boolean[d.categories().size()];
        hovered = -1;
        String chosen = modelFilter.getValue();
        modelFilter.getItems().setAll(ALL);
        modelFilter.getItems().addAll(d.categories());
        modelFilter.getSelectionModel().select(modelFilter.getItems().contains(chosen) ? chosen : ALL);
        buildLegend(d);
        userMoved = false;
        dirty = true;
        startLayout(l, gen);
        updateStatus();
    }

    private void buildLegend(TaskGraphData d) {
        legend.getChildren().clear();
        Label title = new Label(GraphFrame.LEGEND_TITLE);
        title.setStyle("-fx-font-weight: bold");
        legend.getChildren().add(title);
        int[] counts = new int[d.categories().size()];
        d.nodes().forEach(n -> {
            if (n.category() >= 0) {
                counts[n.category()]++;
            }
        });
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            int category = c;
            CheckBox entry = new CheckBox(d.categories().get(c) + " (" + counts[c] + ")");
            entry.setGraphic(new Circle(6, Color.web(d.colour(c))));
            entry.setSelected(true);
            entry.setUserData(c);
            entry.setId("graph-legend-" + c);
            entry.getStyleClass().add("graph-legend-entry");
            entry.setTooltip(new Tooltip("Show or hide the tasks whose top candidate is " + d.categories().get(c)));
            entry.selectedProperty().addListener((o, a, on) -> setCategoryHidden(category, !on));
            legend.getChildren().add(entry);
        }
        legend.getChildren().add(new Label(GraphFrame.counts(d.nodes().size(), d.edges().size())));
        Label help = new Label("scroll: zoom (more labels) · drag: pan\nhover: details, neighbours\nclick: select a task\n"
                + "click a model: hide its tasks");
        help.setStyle("-fx-text-fill: #666");
        help.setWrapText(true);
        legend.getChildren().add(help);
    }

    private void startLayout(GraphLayout l, long gen) {
        if (l == null || frozen || l.isSettled()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                while (generation.get() == gen && !frozen && l.step()) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Platform.runLater(this::updateStatus);
        }, "task-graph-layout");
        t.setDaemon(true);
        t.start();
    }

    private void updateStatus() {
        GraphLayout l = layout;
        layoutStatus.setText(frozen ? "layout frozen" : l == null || l.isSettled() ? "layout settled" : "layout settling…");
    }

    private void installMouse() {
        canvas.setOnScroll(e -> {
            if (e.getDeltaY() == 0) {
                return;
            }
            transform.zoomAt(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY(), canvas.getWidth(), canvas.getHeight());
            userMoved = true;
            dirty = true;
        });
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        canvas.setOnMouseDragged(e -> {
            double dx = e.getX() - dragX;
            double dy = e.getY() - dragY;
            if (Math.abs(dx) + Math.abs(dy) > 2) {
                dragged = true;
                tip.hide();
            }
            transform.panBy(dx, dy);
            dragX = e.getX();
            dragY = e.getY();
            userMoved = true;
            dirty = true;
        });
        canvas.setOnMouseReleased(e -> {
            if (dragged || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            int hit = hitShown(e.getX(), e.getY());
            TaskGraphData d = data.get();
            selectedKey.set(hit < 0 || d == null ? -1 : d.nodes().get(hit).key());
        });
        canvas.setOnMouseMoved(e -> {
            int hit = hitShown(e.getX(), e.getY());
            if (hit != hovered) {
                hover(hit);
                if (hit < 0) {
                    tip.hide();
                } else {
                    tip.setText(tooltipText(hit));
                    tip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
                }
            }
        });
        canvas.setOnMouseExited(e -> {
            hover(-1);
            tip.hide();
        });
    }

    /** The node under a canvas point, ignoring hidden ones, or -1. */
    private int hitShown(double x, double y) {
        int hit = transform.hit(drawn, radii, x, y, canvas.getWidth(), canvas.getHeight());
        TaskGraphData d = data.get();
        return hit >= 0 && d != null && isCategoryHidden(d.nodes().get(hit).category()) ? -1 : hit;
    }

    private void frame() {
        GraphLayout l = layout;
        if (l != null && l.positions() != drawn) {
            drawn = l.positions();
            dirty = true;
            if (!userMoved) {
                transform.fit(drawn, canvas.getWidth(), canvas.getHeight(), GraphFrame.MAX_RADIUS + 30);
                fitScale = transform.scale();
            }
        }
        if (dirty) {
            dirty = false;
            draw();
        }
    }

    private int focus(TaskGraphData d) {
        return hovered >= 0 && hovered < d.nodes().size() ? hovered : d.indexOfKey(selectedKey.get());
    }

    private boolean[] matching(TaskGraphData d) {
        boolean[] on = new boolean[d.nodes().size()];
        String q = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
        String m = modelFilter.getValue();
        for (int i = 0; i < on.length; i++) {
            TaskGraphData.Node n = d.nodes().get(i);
            boolean text = q.isEmpty() || n.searchText().toLowerCase(Locale.ROOT).contains(q) || Integer.toString(n.key()).equals(q);
            boolean model = m == null || ALL.equals(m) || (n.category() >= 0 && d.categories().get(n.category()).equals(m));
            on[i] = text && model;
        }
        return on;
    }

    private void draw() {
        GraphFrame f = currentFrame();
        GraphPainter.paint(f, new FxGraphCanvas(canvas.getGraphicsContext2D()));
        placedLabels = f.labelTexts();
    }
}

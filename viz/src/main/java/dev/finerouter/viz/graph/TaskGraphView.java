package dev.finerouter.viz.graph;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
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
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

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
 * <p>The force-directed layout ({@link GraphLayout}) runs on a daemon thread until it settles; the FX thread only
 * reads its published position snapshots in an {@link AnimationTimer}. See docs/decisions/0007.
 */
public final class TaskGraphView extends BorderPane {
    private static final double MIN_RADIUS = 5;
    private static final double MAX_RADIUS = 26;
    private static final String ALL = "all models";
    /** Zoom (relative to the fitted scale) from which labels are shown in full. */
    private static final double FULL_LABEL_ZOOM = 1.8;
    private static final int SHORT_LABEL = 28;
    private static final int LONG_LABEL = 90;
    private static final Font LABEL_FONT = Font.font(11);

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
        ToolBar bar = new ToolBar(new Label("Search"), search, new Label("Model"), modelFilter, fit, fitSelection, freeze, layoutStatus);
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
        measure.setFont(LABEL_FONT);
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
        transform.fit(sub, canvas.getWidth(), canvas.getHeight(), MAX_RADIUS + 40);
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

    /** The search box (for tests and keyboard focus). */
    public TextField searchField() {
        return search;
    }

    private void reset(TaskGraphData d) {
        long gen = generation.incrementAndGet();
        GraphLayout l = new GraphLayout(d, 42);
        layout = l;
        drawn = l.positions();
        radii = new double[d.nodes().size()];
        double max = d.maxSize();
        for (int i = 0; i < radii.length; i++) {
            radii[i] = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(d.nodes().get(i).size() / max);
        }
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
        Label title = new Label("Top candidate");
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
        legend.getChildren().add(new Label(String.format(Locale.ROOT, "%d tasks, %d edges", d.nodes().size(), d.edges().size())));
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
                transform.fit(drawn, canvas.getWidth(), canvas.getHeight(), MAX_RADIUS + 30);
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
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        TaskGraphData d = data.get();
        double[] p = drawn;
        if (d == null || d.nodes().isEmpty() || p.length < 2 * d.nodes().size()) {
            g.setFill(Color.GRAY);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("No tasks yet: run the pipeline.", w / 2, h / 2);
            g.setTextAlign(TextAlignment.LEFT);
            placedLabels = List.of();
            return;
        }
        int n = d.nodes().size();
        int focus = focus(d);
        GraphHighlight.State[] st = GraphHighlight.states(d, focus, matching(d), hiddenCategories);
        double[] sx = new double[n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = transform.toScreenX(p[2 * i], w);
            sy[i] = transform.toScreenY(p[2 * i + 1], h);
        }
        boolean focused = focus >= 0 && st[focus] == GraphHighlight.State.FOCUS;
        for (TaskGraphData.Edge e : d.edges()) {
            GraphHighlight.State a = st[e.source()];
            GraphHighlight.State b = st[e.target()];
            if (a == GraphHighlight.State.HIDDEN || b == GraphHighlight.State.HIDDEN) {
                continue;
            }
            boolean lit = GraphHighlight.lit(a, b);
            boolean touches = focused && (e.source() == focus || e.target() == focus);
            double weight = Math.max(0, e.weight());
            g.setStroke(touches ? Color.gray(0.2, 0.75) : Color.gray(0.45, lit ? 0.25 + 0.4 * weight : 0.06));
            g.setLineWidth((touches ? 1.5 : 0.5) + 2 * weight);
            g.strokeLine(sx[e.source()], sy[e.source()], sx[e.target()], sy[e.target()]);
        }
        int selected = d.indexOfKey(selectedKey.get());
        // dimmed nodes first, then the rest, the focus and the selection on top
        List<Integer> order = new ArrayList<>();
        for (GraphHighlight.State pass : List.of(GraphHighlight.State.DIMMED, GraphHighlight.State.NORMAL, GraphHighlight.State.NEIGHBOUR,
                GraphHighlight.State.FOCUS)) {
            for (int i = 0; i < n; i++) {
                if (st[i] == pass && i != selected) {
                    order.add(i);
                }
            }
        }
        if (selected >= 0 && st[selected] != GraphHighlight.State.HIDDEN) {
            order.add(selected);
        }
        List<LabelPlacement.Box> obstacles = new ArrayList<>();
        for (int i : order) {
            TaskGraphData.Node node = d.nodes().get(i);
            double r = radii[i];
            Color c = Color.web(d.colour(node.category()));
            g.setFill(st[i] == GraphHighlight.State.DIMMED ? c.deriveColor(0, 0.3, 1.2, 0.22) : c);
            g.fillOval(sx[i] - r, sy[i] - r, 2 * r, 2 * r);
            g.setStroke(i == selected ? Color.BLACK : st[i] == GraphHighlight.State.FOCUS ? Color.gray(0.2) : Color.WHITE);
            g.setLineWidth(i == selected ? 3 : st[i] == GraphHighlight.State.FOCUS ? 2 : 1);
            g.strokeOval(sx[i] - r, sy[i] - r, 2 * r, 2 * r);
            obstacles.add(LabelPlacement.Box.ofCircle(sx[i], sy[i], r));
        }
        drawLabels(g, d, st, selected, focus, sx, sy, obstacles, w, h);
    }

    /** Labels by priority (selection, focus, its neighbours, then larger nodes first), placed without overlaps. */
    private void drawLabels(GraphicsContext g, TaskGraphData d, GraphHighlight.State[] st, int selected, int focus, double[] sx, double[] sy,
                            List<LabelPlacement.Box> obstacles, double w, double h) {
        int n = st.length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (st[i] != GraphHighlight.State.HIDDEN && (st[i] != GraphHighlight.State.DIMMED || i == selected)) {
                order.add(i);
            }
        }
        order.sort((a, b) -> {
            int pa = priority(a, st, selected, focus);
            int pb = priority(b, st, selected, focus);
            return pa != pb ? Integer.compare(pa, pb) : Integer.compare(d.nodes().get(b).size(), d.nodes().get(a).size());
        });
        boolean full = relativeZoom() >= FULL_LABEL_ZOOM;
        List<String> texts = new ArrayList<>();
        List<List<LabelPlacement.Box>> candidates = new ArrayList<>();
        for (int i : order) {
            String label = d.nodes().get(i).label();
            String text = shorten(label, full || i == selected || i == focus ? LONG_LABEL : SHORT_LABEL);
            measure.setText(text);
            double tw = measure.getLayoutBounds().getWidth();
            double th = measure.getLayoutBounds().getHeight();
            texts.add(text);
            candidates.add(LabelPlacement.around(sx[i], sy[i], radii[i], tw + 2, th, 3));
        }
        int[] chosen = LabelPlacement.place(candidates, obstacles, new LabelPlacement.Box(0, 0, w, h));
        g.setFont(LABEL_FONT);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        List<String> placed = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
            if (chosen[k] < 0) {
                continue;
            }
            LabelPlacement.Box b = candidates.get(k).get(chosen[k]);
            g.setStroke(Color.rgb(255, 255, 255, 0.85));
            g.setLineWidth(3);
            g.strokeText(texts.get(k), b.x() + 1, b.y());
            g.setFill(Color.gray(0.1));
            g.fillText(texts.get(k), b.x() + 1, b.y());
            placed.add(texts.get(k));
        }
        placedLabels = List.copyOf(placed);
    }

    private static int priority(int i, GraphHighlight.State[] st, int selected, int focus) {
        if (i == selected) {
            return 0;
        }
        if (i == focus) {
            return 1;
        }
        return st[i] == GraphHighlight.State.NEIGHBOUR ? 2 : 3;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

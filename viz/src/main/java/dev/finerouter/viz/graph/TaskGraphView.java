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
import javafx.scene.text.TextAlignment;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An interactive graph of tasks on a JavaFX {@link Canvas}: node size = {@link TaskGraphData.Node#size()}, colour =
 * category (legend on the right), label = short text. Scroll zooms about the pointer, dragging pans, "Fit" shows
 * everything, the search box and the category filter dim what does not match, "Freeze" stops the layout, and a
 * click selects a node ({@link #selectedKeyProperty()}, the node's {@code key}, -1 for none).
 *
 * <p>The force-directed layout ({@link GraphLayout}) runs on a daemon thread until it settles; the FX thread only
 * reads its published position snapshots in an {@link AnimationTimer}. See docs/decisions/0007.
 */
public final class TaskGraphView extends BorderPane {
    private static final double MIN_RADIUS = 5;
    private static final double MAX_RADIUS = 26;
    private static final String ALL = "all models";
    /** How many of the largest nodes are labelled when the whole graph is shown; zoom in to see all labels. */
    private static final int LABELLED_WHEN_FITTED = 12;

    private final ObjectProperty<TaskGraphData> data = new SimpleObjectProperty<>(this, "data", TaskGraphData.EMPTY);
    private final IntegerProperty selectedKey = new SimpleIntegerProperty(this, "selectedKey", -1);
    private final Canvas canvas = new Canvas();
    private final ViewTransform transform = new ViewTransform();
    private final TextField search = new TextField();
    private final ComboBox<String> modelFilter = new ComboBox<>();
    private final ToggleButton freeze = new ToggleButton("Freeze");
    private final Label layoutStatus = new Label();
    private final VBox legend = new VBox(4);
    private final AtomicLong generation = new AtomicLong();

    private volatile GraphLayout layout;
    private volatile boolean frozen;
    private double[] drawn = new double[0];
    private double[] radii = new double[0];
    private boolean userMoved;
    private double fitScale = 1;
    private boolean[] bigNodes = new boolean[0];
    private boolean dirty = true;
    private double dragX;
    private double dragY;
    private boolean dragged;

    /** An empty view; set {@link #dataProperty()} to show a graph. */
    public TaskGraphView() {
        getStyleClass().add("task-graph");
        search.setPromptText("search tasks");
        search.setId("graph-search");
        modelFilter.setId("graph-model-filter");
        modelFilter.getItems().add(ALL);
        modelFilter.getSelectionModel().select(ALL);
        Button fit = new Button("Fit");
        fit.setId("graph-fit");
        fit.setOnAction(e -> fit());
        freeze.setId("graph-freeze");
        freeze.selectedProperty().addListener((o, a, on) -> {
            frozen = on;
            if (!on) {
                startLayout(layout, generation.get());
            }
            updateStatus();
        });
        search.textProperty().addListener(o -> dirty = true);
        modelFilter.valueProperty().addListener(o -> dirty = true);
        ToolBar bar = new ToolBar(new Label("Search"), search, new Label("Model"), modelFilter, fit, freeze, layoutStatus);
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
        legendScroll.setPrefWidth(190);
        setRight(legendScroll);

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

    /** Shows every node. */
    public void fit() {
        userMoved = false;
        transform.fit(drawn, canvas.getWidth(), canvas.getHeight(), MAX_RADIUS + 30);
        fitScale = transform.scale();
        dirty = true;
    }

    /** Whether the layout has stopped moving (settled or frozen). */
    public boolean isLayoutIdle() {
        GraphLayout l = layout;
        return l == null || frozen || l.isSettled();
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
        bigNodes = new boolean[radii.length];
        Integer[] order = new Integer[radii.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(d.nodes().get(b).size(), d.nodes().get(a).size()));
        for (int i = 0; i < Math.min(LABELLED_WHEN_FITTED, order.length); i++) {
            bigNodes[order[i]] = true;
        }
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
            Label l = new Label(d.categories().get(c) + " (" + counts[c] + ")", new Circle(6, Color.web(d.colour(c))));
            HBox row = new HBox(l);
            row.setAlignment(Pos.CENTER_LEFT);
            legend.getChildren().add(row);
        }
        legend.getChildren().add(new Label(String.format(Locale.ROOT, "%d tasks, %d edges", d.nodes().size(), d.edges().size())));
        Label help = new Label("scroll: zoom · drag: pan\nclick: select a task");
        help.setStyle("-fx-text-fill: #666");
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
            int hit = transform.hit(drawn, radii, e.getX(), e.getY(), canvas.getWidth(), canvas.getHeight());
            TaskGraphData d = data.get();
            selectedKey.set(hit < 0 || d == null ? -1 : d.nodes().get(hit).key());
        });
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

    private boolean matches(TaskGraphData.Node n) {
        String q = search.getText() == null ? "" : search.getText().trim().toLowerCase(Locale.ROOT);
        boolean text = q.isEmpty() || n.searchText().toLowerCase(Locale.ROOT).contains(q)
                || Integer.toString(n.key()).equals(q);
        String m = modelFilter.getValue();
        boolean model = m == null || ALL.equals(m) || (n.category() >= 0 && data.get().categories().get(n.category()).equals(m));
        return text && model;
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
            return;
        }
        boolean[] on = new boolean[d.nodes().size()];
        for (int i = 0; i < on.length; i++) {
            on[i] = matches(d.nodes().get(i));
        }
        for (TaskGraphData.Edge e : d.edges()) {
            boolean lit = on[e.source()] && on[e.target()];
            g.setStroke(Color.gray(0.45, (lit ? 0.25 : 0.06) + (lit ? 0.4 : 0) * Math.max(0, e.weight())));
            g.setLineWidth(0.5 + 2 * Math.max(0, e.weight()));
            g.strokeLine(transform.toScreenX(p[2 * e.source()], w), transform.toScreenY(p[2 * e.source() + 1], h),
                    transform.toScreenX(p[2 * e.target()], w), transform.toScreenY(p[2 * e.target() + 1], h));
        }
        int selected = d.indexOfKey(selectedKey.get());
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.CENTER);
        boolean searching = search.getText() != null && !search.getText().isBlank();
        for (int k = 0; k < on.length; k++) {
            // the selected node last, so it is drawn on top
            int i = selected < 0 ? k : k == on.length - 1 ? selected : k >= selected ? k + 1 : k;
            TaskGraphData.Node n = d.nodes().get(i);
            double x = transform.toScreenX(p[2 * i], w);
            double y = transform.toScreenY(p[2 * i + 1], h);
            double r = radii[i];
            Color c = Color.web(d.colour(n.category()));
            g.setFill(on[i] ? c : c.deriveColor(0, 0.3, 1.2, 0.25));
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setStroke(i == selected ? Color.BLACK : Color.WHITE);
            g.setLineWidth(i == selected ? 3 : 1);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            boolean zoomedIn = transform.scale() > 2.2 * fitScale;
            boolean label = i == selected || (on[i] && (searching || zoomedIn || bigNodes[i] || on.length <= 15));
            if (label) {
                String text = shorten(n.label(), i == selected ? 60 : 32);
                g.setStroke(Color.rgb(255, 255, 255, 0.85));
                g.setLineWidth(3);
                g.strokeText(text, x + r + 3, y);
                g.setFill(on[i] ? Color.gray(0.1) : Color.gray(0.6));
                g.fillText(text, x + r + 3, y);
            }
        }
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

package dev.finerouter.viz.chart;

import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One horizontal stacked bar per router (router names on the left axis, readable however long): the share of
 * prompts it sends to each model, a series per model in the model's colour, in percent. Segments of at least
 * {@value #LABEL_MIN_PERCENT}% carry their percentage; every segment has a tooltip.
 */
public final class RoutingShareChart extends StackedBarChart<Number, String> {
    /** Smallest segment (percent) that gets a value label. */
    public static final double LABEL_MIN_PERCENT = 8;
    /**
     * Height per router bar that keeps every router label: the axis hides a tick label whose box comes within the
     * tick-label gap (2 px) of its neighbour's, and a 10.5 px label is about 13 px high.
     */
    static final double ROW_HEIGHT = 16;
    /** Height beside the bars: the share axis with its title, the chart's padding and insets. */
    static final double FRAME_HEIGHT = 80;
    /** Least height of the chart, whatever the number of routers. */
    static final double MIN_HEIGHT = 260;

    private final List<Text> valueLabels = new ArrayList<>();
    private final List<XYChart.Data<Number, String>> labelled = new ArrayList<>();
    private final Map<String, String> legendStyles = new HashMap<>();

    /** An empty chart. */
    public RoutingShareChart() {
        super(new NumberAxis(0, 100, 20), new CategoryAxis());
        getXAxis().setLabel("share of test prompts routed to each model (%)");
        getYAxis().setLabel("router");
        // small enough that one label fits per bar with a dozen routers or more (the axis hides overlapping labels)
        getYAxis().setTickLabelFont(javafx.scene.text.Font.font(10.5));
        getYAxis().setTickLabelGap(2); // also the least room the axis leaves between two labels before it hides one
        // the legend (one entry per model) on the right leaves the height to the bars, one router label each
        setLegendSide(javafx.geometry.Side.RIGHT);
        setAnimated(false);
        setCategoryGap(4); // bars of ROW_HEIGHT − 4 px: tall enough for their value labels
        setMinHeight(MIN_HEIGHT);
        setPadding(new javafx.geometry.Insets(8, 20, 8, 8));
    }

    /**
     * Shows the shares.
     *
     * @param routers bar names
     * @param models series names
     * @param colours per model, its colour as {@code #rrggbb}
     * @param share {@code share[r][m]}: fraction of router r's prompts routed to model m, in [0, 1]
     */
    public void show(List<String> routers, List<String> models, List<String> colours, double[][] share) {
        if (share.length != routers.size()) {
            throw new IllegalArgumentException(share.length + " share rows for " + routers.size() + " routers");
        }
        if (colours.size() != models.size()) {
            throw new IllegalArgumentException(colours.size() + " colours for " + models.size() + " models");
        }
        List<XYChart.Series<Number, String>> all = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            XYChart.Series<Number, String> s = new XYChart.Series<>();
            s.setName(models.get(m));
            for (int r = 0; r < routers.size(); r++) {
                if (share[r].length != models.size()) {
                    throw new IllegalArgumentException("router " + routers.get(r) + " has " + share[r].length + " shares for "
                            + models.size() + " models");
                }
                s.getData().add(new XYChart.Data<>(100 * share[r][m], routers.get(r)));
            }
            all.add(s);
        }
        // categories from the data (in router order): setting them explicitly as well leaves the axis without tick
        // labels in some layouts (JavaFX CategoryAxis)
        getData().setAll(all);
        // enough height for one label per router: with 14 routers in the workbench window two labels were hidden
        setMinHeight(Math.max(MIN_HEIGHT, FRAME_HEIGHT + ROW_HEIGHT * routers.size()));
        getPlotChildren().removeAll(valueLabels);
        valueLabels.clear();
        labelled.clear();
        legendStyles.clear();
        for (int m = 0; m < models.size(); m++) {
            String colour = colours.get(m);
            legendStyles.put(models.get(m), LegendStyles.square(colour));
            for (XYChart.Data<Number, String> d : all.get(m).getData()) {
                double pct = d.getXValue().doubleValue();
                if (d.getNode() != null) {
                    d.getNode().setStyle("-fx-bar-fill: " + colour + ";");
                    Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT, "%s → %s: %.1f%%", d.getYValue(), models.get(m), pct)));
                }
                if (pct >= LABEL_MIN_PERCENT) {
                    Text t = new Text(String.format(Locale.ROOT, "%.0f", pct));
                    t.setStyle("-fx-font-size: 10.5px; -fx-fill: " + (dark(colour) ? "white" : "#222222") + ";");
                    t.setManaged(false);
                    t.setTextOrigin(VPos.CENTER);
                    valueLabels.add(t);
                    labelled.add(d);
                }
            }
        }
        getPlotChildren().addAll(valueLabels);
        requestChartLayout();
    }

    /** The category names on the router axis, from the data (for tests). */
    public List<String> routerCategories() {
        return List.copyOf(((CategoryAxis) getYAxis()).getCategories());
    }

    /** The value labels currently drawn (for tests). */
    public List<String> visibleValueLabels() {
        return valueLabels.stream().filter(Node::isVisible).map(Text::getText).toList();
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        if (valueLabels == null) {
            return; // layout during construction
        }
        for (int i = 0; i < valueLabels.size(); i++) {
            Node bar = labelled.get(i).getNode();
            Text t = valueLabels.get(i);
            if (bar == null) {
                t.setVisible(false);
                continue;
            }
            double w = bar.getLayoutBounds().getWidth();
            double h = bar.getLayoutBounds().getHeight();
            double tw = t.getLayoutBounds().getWidth();
            t.setVisible(tw + 4 <= w && t.getLayoutBounds().getHeight() <= h + 2);
            t.relocate(bar.getLayoutX() + (w - tw) / 2, bar.getLayoutY() + h / 2 - t.getLayoutBounds().getHeight() / 2);
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        LegendStyles.apply(this, legendStyles);
    }

    /** Whether white text reads better than dark text on {@code hex} (relative luminance below 0.25). */
    static boolean dark(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double l = 0.2126 * lin((rgb >> 16) & 0xff) + 0.7152 * lin((rgb >> 8) & 0xff) + 0.0722 * lin(rgb & 0xff);
        return l < 0.25;
    }

    private static double lin(int c) {
        double v = c / 255.0;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}

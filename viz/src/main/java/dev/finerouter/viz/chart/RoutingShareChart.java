package dev.finerouter.viz.chart;

import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;

/** One stacked bar per router: the share of prompts it sends to each model (a series per model, in percent). */
public final class RoutingShareChart extends StackedBarChart<String, Number> {
    /** An empty chart. */
    public RoutingShareChart() {
        super(new CategoryAxis(), new NumberAxis(0, 100, 20));
        getYAxis().setLabel("share of prompts (%)");
        setAnimated(false);
        setCategoryGap(12);
        setMinHeight(260);
        getXAxis().setTickLabelRotation(-30);
    }

    /**
     * Shows the shares.
     *
     * @param routers bar names
     * @param models series names
     * @param share {@code share[r][m]}: fraction of router r's prompts routed to model m, in [0, 1]
     */
    public void show(List<String> routers, List<String> models, double[][] share) {
        if (share.length != routers.size()) {
            throw new IllegalArgumentException(share.length + " share rows for " + routers.size() + " routers");
        }
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(models.get(m));
            for (int r = 0; r < routers.size(); r++) {
                if (share[r].length != models.size()) {
                    throw new IllegalArgumentException("router " + routers.get(r) + " has " + share[r].length + " shares for "
                            + models.size() + " models");
                }
                s.getData().add(new XYChart.Data<>(routers.get(r), 100 * share[r][m]));
            }
            all.add(s);
        }
        ((CategoryAxis) getXAxis()).setCategories(javafx.collections.FXCollections.observableArrayList(routers));
        getData().setAll(all);
    }
}

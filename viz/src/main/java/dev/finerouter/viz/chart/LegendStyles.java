package dev.finerouter.viz.chart;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;

import java.util.Map;

/**
 * Gives chart legend entries their series' colours. JavaFX's chart CSS has eight default series colours and repeats
 * them; these charts take their colours from the caller's shared palette instead, so the legend symbols are styled
 * by entry name (the legend is rebuilt by the chart, so this runs again on every layout).
 */
final class LegendStyles {
    private LegendStyles() {
    }

    /** Sets the symbol style of every legend entry whose text is a key of {@code styles}. */
    static void apply(Parent chart, Map<String, String> styles) {
        if (styles == null || styles.isEmpty()) {
            return;
        }
        for (Node n : chart.lookupAll(".chart-legend-item")) {
            if (n instanceof Label l && l.getGraphic() != null) {
                String style = styles.get(l.getText());
                if (style != null && !style.equals(l.getGraphic().getStyle())) {
                    l.getGraphic().setStyle(style);
                }
            }
        }
    }

    /** A filled square symbol of {@code colour}. */
    static String square(String colour) {
        return "-fx-background-color: " + colour + "; -fx-background-radius: 0; -fx-padding: 5px;";
    }
}

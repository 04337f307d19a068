package dev.finerouter.viz.graph;

import javafx.scene.paint.Color;

/** Distinct colours for categories (Tableau 10 plus two), repeated when there are more. */
public final class ModelPalette {
    private static final Color[] COLORS = {
        Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#e15759"), Color.web("#76b7b2"),
        Color.web("#59a14f"), Color.web("#edc948"), Color.web("#b07aa1"), Color.web("#ff9da7"),
        Color.web("#9c755f"), Color.web("#bab0ac"), Color.web("#1f77b4"), Color.web("#8c564b"),
    };

    private ModelPalette() {
    }

    /** The colour of category {@code index}; grey for -1. */
    public static Color color(int index) {
        return index < 0 ? Color.GRAY : COLORS[index % COLORS.length];
    }
}

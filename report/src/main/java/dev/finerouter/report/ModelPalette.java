package dev.finerouter.report;

import dev.finerouter.engine.eval.ChartPalette;

import java.awt.Color;

/**
 * One colour per model, keyed by the model's index in the pool, so a model has the same colour in every chart, in
 * files and on screen: the shared {@link ChartPalette} (20 qualitative colours without repeats) as java.awt colours.
 */
final class ModelPalette {
    private ModelPalette() {
    }

    /** The colour of the model with pool index {@code index} (>= 0). */
    static Color color(int index) {
        return awt(ChartPalette.model(index));
    }

    /** A {@code #rrggbb} colour as java.awt. */
    static Color awt(String hex) {
        return new Color(ChartPalette.rgb(hex));
    }
}

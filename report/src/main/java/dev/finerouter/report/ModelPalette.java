package dev.finerouter.report;

import java.awt.Color;

/**
 * One colour per model, keyed by the model's index in the pool, so a model has the same colour in every chart. Light
 * qualitative colours (ColorBrewer Set3) so that dark labels stay readable on them and the routers' saturated colours
 * ({@link RouterStyles}) stand out against them; past twelve models the colours repeat darker.
 */
final class ModelPalette {
    private static final Color[] BASE = {
            new Color(0x8dd3c7), new Color(0xfdb462), new Color(0xbebada), new Color(0xfb8072), new Color(0x80b1d3),
            new Color(0xb3de69), new Color(0xfccde5), new Color(0xd9d9d9), new Color(0xbc80bd), new Color(0xccebc5),
            new Color(0xffed6f), new Color(0xffffb3)};

    private ModelPalette() {
    }

    /** The colour of the model with pool index {@code index} (>= 0). */
    static Color color(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("model index must be >= 0, was " + index);
        }
        Color c = BASE[index % BASE.length];
        for (int round = index / BASE.length; round > 0; round--) {
            c = c.darker();
        }
        return c;
    }
}

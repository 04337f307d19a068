package dev.finerouter.report;

import dev.finerouter.engine.eval.ChartPalette;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterResult;

import java.awt.Color;

/**
 * Router colours from the shared {@link ChartPalette} (models have theirs, {@link ModelPalette}): the same router has
 * the same colour in every chart, on screen and in files. FineRouter is crimson, the oracle black, the best single
 * model's reference mid grey; known baselines have fixed dark colours, any other router takes the next free one.
 */
final class RouterStyles {
    /** FineRouter (kind FULL). */
    static final Color FINEROUTER = ModelPalette.awt(ChartPalette.FINEROUTER);
    /** The best single model's reference. */
    static final Color BEST_SINGLE = ModelPalette.awt(ChartPalette.BEST_SINGLE);

    private RouterStyles() {
    }

    /** The colour of {@code router} among the routers of {@code report}. */
    static Color color(RouterResult router, EvaluationReport report) {
        return ModelPalette.awt(ChartPalette.router(router, report));
    }
}

package dev.finerouter.report;

import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterResult;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * Saturated colours for routers (models have light ones, {@link ModelPalette}): the same router has the same colour
 * in every chart. FineRouter is crimson, the oracle black, the best single model mid grey; known baselines have
 * fixed colours, any other router takes the next free one in report order.
 */
final class RouterStyles {
    /** FineRouter (kind FULL). */
    static final Color FINEROUTER = new Color(0xC0102A);
    /** The best single model. */
    static final Color BEST_SINGLE = new Color(0x8a8a8a);
    private static final Map<String, Color> KNOWN = Map.of(
            "Oracle", Color.BLACK,
            "kNN", new Color(0x1f77b4),
            "MF", new Color(0x2ca02c),
            "MLP", new Color(0x9467bd),
            "Random", new Color(0x8c564b),
            "Cheapest", new Color(0xa08c50));
    private static final Color[] OTHERS = {new Color(0xff7f0e), new Color(0x17becf), new Color(0xe377c2), new Color(0xbcbd22),
            new Color(0x6b4c9a), new Color(0x3b7a57)};

    private RouterStyles() {
    }

    /** The colour of {@code router}, given every router of the report in order (for the unknown ones). */
    static Color color(RouterResult router, List<RouterResult> all) {
        if (router.kind() == RouterKind.FULL) {
            return FINEROUTER;
        }
        Color known = KNOWN.get(router.name());
        if (known != null) {
            return known;
        }
        int other = 0;
        for (RouterResult r : all) {
            if (r == router) {
                break;
            }
            if (r.kind() != RouterKind.FULL && r.kind() != RouterKind.SINGLE_MODEL && !KNOWN.containsKey(r.name())) {
                other++;
            }
        }
        return OTHERS[other % OTHERS.length];
    }
}

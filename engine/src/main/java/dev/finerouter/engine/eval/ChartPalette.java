package dev.finerouter.engine.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one colour scheme of every chart, on screen (viz, JavaFX) and in files (report, java.awt), as {@code #rrggbb}
 * strings so that both toolkits decode the same value.
 *
 * <p><b>Models</b> take {@link #MODELS} by their index in the pool: 20 qualitative colours, the ten saturated hues of
 * Tableau 20 first (no grey: grey is the best single model's reference line) and then their light variants, so a
 * pool of up to 20 models never repeats a colour and the first ten are the most distinct. Models are drawn as
 * squares (points) or bar segments. <b>Routers</b> are drawn as lines, circles and diamonds in colours outside the
 * model palette: FineRouter crimson, the oracle black, known baselines dark fixed hues, any other router the next of
 * {@link #OTHER_ROUTERS} in report order.
 */
public final class ChartPalette {
    /** Model colours by pool index; past the end they repeat. */
    public static final List<String> MODELS = List.of(
            "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#8c6d31", "#7b4173",
            "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#ff9896", "#d62728");
    /** FineRouter (kind {@link RouterKind#FULL}). */
    public static final String FINEROUTER = "#c0102a";
    /** The best single model's reference (dashed line, its bar in the per-benchmark chart). */
    public static final String BEST_SINGLE = "#8a8a8a";
    /** Fixed colours of the known baselines, by router name. */
    public static final Map<String, String> KNOWN_ROUTERS = Map.of(
            "Oracle", "#000000",
            "kNN", "#08306b",
            "MF", "#00441b",
            "MLP", "#3f007d",
            "Random", "#5a3d2b",
            "Cheapest", "#6b6b00");
    /** Colours of the other routers (ablations, unknown baselines), in report order; past the end they repeat. */
    public static final List<String> OTHER_ROUTERS = List.of("#00838f", "#c2185b", "#ef6c00", "#283593", "#558b2f", "#6d4c41");

    private ChartPalette() {
    }

    /** The colour of the model with pool index {@code index} (>= 0). */
    public static String model(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("model index must be >= 0, was " + index);
        }
        return MODELS.get(index % MODELS.size());
    }

    /** The colour of {@code model} in {@code pool}; {@link #BEST_SINGLE} grey when it is not in the pool. */
    public static String model(List<String> pool, String model) {
        int i = pool.indexOf(model);
        return i < 0 ? BEST_SINGLE : model(i);
    }

    /**
     * The colour of router {@code name} of {@code kind}: FineRouter crimson, a single model its model colour, a known
     * baseline its fixed colour, any other {@link #OTHER_ROUTERS}{@code [otherIndex]}.
     *
     * @param pool the model pool (for single models)
     * @param otherIndex how many routers that are neither FineRouter, single models nor known come before this one
     */
    public static String router(String name, RouterKind kind, List<String> pool, int otherIndex) {
        if (kind == RouterKind.FULL) {
            return FINEROUTER;
        }
        if (kind == RouterKind.SINGLE_MODEL) {
            return model(pool, name);
        }
        String known = KNOWN_ROUTERS.get(name);
        return known != null ? known : OTHER_ROUTERS.get(Math.floorMod(otherIndex, OTHER_ROUTERS.size()));
    }

    /** The colour of {@code router} among every router of {@code report}, in report order (see {@link #router(String, RouterKind, List, int)}). */
    public static String router(RouterResult router, EvaluationReport report) {
        int other = 0;
        for (RouterResult r : report.results()) {
            if (r == router) {
                break;
            }
            if (isOther(r)) {
                other++;
            }
        }
        return router(router.name(), router.kind(), report.models(), other);
    }

    private static boolean isOther(RouterResult r) {
        return r.kind() != RouterKind.FULL && r.kind() != RouterKind.SINGLE_MODEL && !KNOWN_ROUTERS.containsKey(r.name());
    }

    /** {@code #rrggbb} as a packed 0xRRGGBB int (for java.awt.Color). */
    public static int rgb(String hex) {
        if (hex.length() != 7 || hex.charAt(0) != '#') {
            throw new IllegalArgumentException("not a #rrggbb colour: " + hex);
        }
        return Integer.parseInt(hex.substring(1), 16);
    }

    /** A packed 0xRRGGBB int as {@code #rrggbb}. */
    public static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }
}

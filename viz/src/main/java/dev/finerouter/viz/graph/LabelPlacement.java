package dev.finerouter.viz.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy label placement: labels in priority order (for the task graph: larger nodes first), each trying its
 * candidate positions in order and taking the first whose box stays inside the view and overlaps neither an obstacle
 * (a drawn node) nor a label placed before it; a label with no free position is left out. Pure and deterministic.
 */
public final class LabelPlacement {
    private LabelPlacement() {
    }

    /**
     * An axis-aligned box in screen pixels.
     *
     * @param x left
     * @param y top
     * @param w width, >= 0
     * @param h height, >= 0
     */
    public record Box(double x, double y, double w, double h) {
        /** Whether the interiors of the two boxes intersect (touching edges do not count). */
        public boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        /** Whether this box lies inside {@code o} (edges included). */
        public boolean inside(Box o) {
            return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h;
        }

        /** The bounding box of a circle. */
        public static Box ofCircle(double cx, double cy, double r) {
            return new Box(cx - r, cy - r, 2 * r, 2 * r);
        }
    }

    /**
     * The candidate positions of a label of size {@code w} × {@code h} beside a circle at ({@code cx}, {@code cy})
     * with radius {@code r} and a gap of {@code gap}: right, left, above, below (each centred on the circle), then
     * above and below ending at the circle's centre and starting at it (for circles near the view's sides).
     */
    public static List<Box> around(double cx, double cy, double r, double w, double h, double gap) {
        double up = cy - r - gap - h;
        double down = cy + r + gap;
        return List.of(new Box(cx + r + gap, cy - h / 2, w, h), new Box(cx - r - gap - w, cy - h / 2, w, h),
                new Box(cx - w / 2, up, w, h), new Box(cx - w / 2, down, w, h),
                new Box(cx - w, up, w, h), new Box(cx, up, w, h), new Box(cx - w, down, w, h), new Box(cx, down, w, h));
    }

    /**
     * Places the labels.
     *
     * @param candidates per label, in priority order, its candidate boxes in preference order
     * @param obstacles boxes no label may overlap (drawn nodes)
     * @param view the visible area, or {@code null} for no bound
     * @return per label the index of the chosen candidate box, or -1 when it is left out
     */
    public static int[] place(List<List<Box>> candidates, List<Box> obstacles, Box view) {
        int[] chosen = new int[candidates.size()];
        List<Box> placed = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = -1;
            List<Box> options = candidates.get(i);
            for (int c = 0; c < options.size(); c++) {
                Box b = options.get(c);
                if ((view == null || b.inside(view)) && free(b, obstacles) && free(b, placed)) {
                    chosen[i] = c;
                    placed.add(b);
                    break;
                }
            }
        }
        return chosen;
    }

    private static boolean free(Box b, List<Box> others) {
        for (Box o : others) {
            if (b.overlaps(o)) {
                return false;
            }
        }
        return true;
    }
}

package dev.finerouter.viz.graph;

/**
 * Maps layout coordinates to screen pixels (uniform scale, y up in layout space, y down on screen) and back.
 * Plain mutable state owned by the FX thread.
 */
public final class ViewTransform {
    private double centerX;
    private double centerY;
    private double scale = 1;

    /** Screen x of layout x, for a view {@code width} wide. */
    public double toScreenX(double x, double width) {
        return (x - centerX) * scale + width / 2;
    }

    /** Screen y of layout y, for a view {@code height} high. */
    public double toScreenY(double y, double height) {
        return height / 2 - (y - centerY) * scale;
    }

    /** Layout x of screen x. */
    public double toLayoutX(double sx, double width) {
        return (sx - width / 2) / scale + centerX;
    }

    /** Layout y of screen y. */
    public double toLayoutY(double sy, double height) {
        return centerY - (sy - height / 2) / scale;
    }

    /** Pixels per layout unit. */
    public double scale() {
        return scale;
    }

    /** Moves the view by a screen distance. */
    public void panBy(double dxPixels, double dyPixels) {
        centerX -= dxPixels / scale;
        centerY += dyPixels / scale;
    }

    /** Zooms by {@code factor} keeping the layout point under screen ({@code sx}, {@code sy}) fixed. */
    public void zoomAt(double factor, double sx, double sy, double width, double height) {
        double lx = toLayoutX(sx, width);
        double ly = toLayoutY(sy, height);
        scale = Math.max(1e-3, Math.min(1e6, scale * factor));
        centerX = lx - (sx - width / 2) / scale;
        centerY = ly + (sy - height / 2) / scale;
    }

    /**
     * Fits interleaved positions into a view with a margin in pixels.
     *
     * @param positions {@code x0, y0, x1, y1, …}
     */
    public void fit(double[] positions, double width, double height, double marginPixels) {
        if (positions.length == 0 || width <= 0 || height <= 0) {
            return;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < positions.length; i += 2) {
            minX = Math.min(minX, positions[i]);
            maxX = Math.max(maxX, positions[i]);
            minY = Math.min(minY, positions[i + 1]);
            maxY = Math.max(maxY, positions[i + 1]);
        }
        centerX = (minX + maxX) / 2;
        centerY = (minY + maxY) / 2;
        double w = Math.max(1e-6, maxX - minX);
        double h = Math.max(1e-6, maxY - minY);
        double usableW = Math.max(10, width - 2 * marginPixels);
        double usableH = Math.max(10, height - 2 * marginPixels);
        scale = Math.min(usableW / w, usableH / h);
        if (positions.length == 2) {
            scale = 1;
        }
    }

    /**
     * The node whose drawn circle contains the screen point, the nearest if several, or -1.
     *
     * @param positions layout positions, interleaved
     * @param radii drawn radius in pixels per node
     */
    public int hit(double[] positions, double[] radii, double sx, double sy, double width, double height) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; 2 * i + 1 < positions.length && i < radii.length; i++) {
            double dx = toScreenX(positions[2 * i], width) - sx;
            double dy = toScreenY(positions[2 * i + 1], height) - sy;
            double d = Math.sqrt(dx * dx + dy * dy);
            if (d <= radii[i] + 2 && d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}

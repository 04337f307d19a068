package dev.finerouter.app.common;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes what a node shows on screen, or any JavaFX image, as a PNG file (pixels copied into a {@code BufferedImage},
 * encoded with ImageIO, written atomically; no javafx-swing needed).
 */
public final class PngSnapshot {
    private PngSnapshot() {
    }

    /**
     * Snapshots {@code node} (on the FX thread) and writes it to {@code target}.
     *
     * @throws EngineException naming the target when it cannot be written
     */
    public static void write(Node node, Path target) throws EngineException {
        write(node.snapshot(new SnapshotParameters(), null), target);
    }

    /**
     * Writes {@code image} to {@code target}.
     *
     * @throws EngineException naming the target when it cannot be written
     */
    public static void write(Image image, Path target) throws EngineException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, w, h, argb, 0, w);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG encoder available");
            }
        });
    }
}

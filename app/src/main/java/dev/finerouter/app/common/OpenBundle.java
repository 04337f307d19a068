package dev.finerouter.app.common;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.pipeline.EmbedderSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A router bundle opened in the workbench (File → Open router bundle…): the verified bundle read by the engine's
 * {@link BundleReader} and its task centers (for the task graph). Works without the training data.
 *
 * @param bundle the bundle
 * @param centers one vector per task, by task id: its Stage-1 center when the bundle stores it, else the classifier's
 *                task vector (the embedded task summary), else null
 */
public record OpenBundle(RouterBundle bundle, List<float[]> centers) {
    public OpenBundle {
        Objects.requireNonNull(bundle, "bundle");
        centers = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(centers));
    }

    /** Reads and verifies the bundle at {@code path} (a {@code .frb} file or a bundle folder). */
    public static OpenBundle read(Path path) throws EngineException {
        RouterBundle b = BundleReader.read(path);
        List<float[]> centers = new java.util.ArrayList<>(BundleReader.taskCenters(path));
        int d = b.router().classifier().taskVectorDim();
        float[] vectors;
        try {
            vectors = b.router().classifier().parameters().values("task.vectors");
        } catch (RuntimeException e) {
            vectors = null; // a classifier without task vectors: tasks without a stored center get no edges
        }
        for (int t = 0; t < centers.size(); t++) {
            if (centers.get(t) == null && vectors != null && d > 0 && (t + 1) * d <= vectors.length) {
                centers.set(t, java.util.Arrays.copyOfRange(vectors, t * d, (t + 1) * d));
            }
        }
        return new OpenBundle(b, centers);
    }

    /** The file or folder name, for titles. */
    public String name() {
        Path f = bundle.source().getFileName();
        return f == null ? bundle.source().toString() : f.toString();
    }

    /**
     * The settings to open the bundle's encoder with: the bundled MiniLM or the recorded ONNX folder; a custom
     * encoder (e.g. a test encoder) cannot be opened by the workbench.
     */
    public EmbedderSettings encoderSettings() throws EngineException {
        BundleManifest.EncoderInfo e = bundle.manifest().encoder();
        return switch (e.kind()) {
            case BundleManifest.EncoderInfo.BUNDLED_MINILM -> new EmbedderSettings(null, e.batchSize());
            case BundleManifest.EncoderInfo.DIRECTORY -> new EmbedderSettings(Path.of(e.modelDir()), e.batchSize());
            default -> throw new EngineException("the bundle's encoder (" + e.id() + ") is not one the workbench can open",
                    "route with the CLI's --encoder-dir, or export a bundle trained with the bundled or a folder encoder", null);
        };
    }
}

package dev.finerouter.engine.service;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.pipeline.Encoders;

import java.nio.file.Path;

/** Opens the sentence encoder a bundle's manifest names, and checks it is exactly that encoder (model hash included). */
public final class EncoderResolver {
    private EncoderResolver() {
    }

    /**
     * Opens the manifest's encoder. The caller closes it.
     *
     * @param encoder the manifest's encoder entry
     * @param modelDirOverride a model folder to use instead of the recorded one (e.g. the bundle moved machines), or {@code null}
     * @throws EngineException when the encoder cannot be opened or its id differs from the manifest's
     */
    public static Embedder open(BundleManifest.EncoderInfo encoder, Path modelDirOverride) throws EngineException {
        Path dir;
        boolean int8 = false;
        switch (encoder.kind()) {
            case BundleManifest.EncoderInfo.BUNDLED_MINILM -> dir = modelDirOverride;
            case BundleManifest.EncoderInfo.BUNDLED_MINILM_INT8 -> {
                dir = modelDirOverride;
                int8 = dir == null;
            }
            case BundleManifest.EncoderInfo.DIRECTORY -> dir = modelDirOverride != null ? modelDirOverride : Path.of(encoder.modelDir());
            default -> {
                if (modelDirOverride == null) {
                    throw new EngineException("the bundle's encoder (" + encoder.id() + ") is not one FineRouter can open by itself",
                            "pass --encoder-dir with the ONNX model folder it was trained with", null);
                }
                dir = modelDirOverride;
            }
        }
        Embedder e = Encoders.open(new EmbedderSettings(dir, encoder.batchSize(), int8), null);
        if (!e.id().equals(encoder.id())) {
            String actual = e.id();
            e.close();
            throw new EngineException("the encoder " + (dir == null ? "bundled with this FineRouter" : "in " + dir) + " is " + actual
                    + ", but the bundle was trained with " + encoder.id(),
                    "use the FineRouter version or --encoder-dir the bundle was trained with, or train and export again", null);
        }
        return e;
    }
}

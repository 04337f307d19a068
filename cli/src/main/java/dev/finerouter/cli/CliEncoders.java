package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.service.EncoderResolver;

import java.nio.file.Path;

/** How commands open a bundle's encoder; tests swap in a small deterministic encoder. */
final class CliEncoders {
    /** Opens an encoder for a manifest entry (and an optional model folder override). */
    @FunctionalInterface
    interface Opener {
        Embedder open(BundleManifest.EncoderInfo encoder, Path modelDirOverride) throws EngineException;
    }

    /** The opener in use: {@link EncoderResolver#open} outside tests. */
    static volatile Opener opener = EncoderResolver::open;

    private CliEncoders() {
    }

    static Embedder open(BundleManifest.EncoderInfo encoder, Path modelDirOverride) throws EngineException {
        return opener.open(encoder, modelDirOverride);
    }
}

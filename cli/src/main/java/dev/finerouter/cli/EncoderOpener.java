package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.service.EncoderResolver;

import java.nio.file.Path;

/**
 * How the commands open a bundle's encoder. The CLI is given one when it is made ({@link
 * FineRouterCli#run(String[], java.io.PrintWriter, java.io.PrintWriter, EncoderOpener)}); outside tests it is {@link
 * EncoderResolver#open}, and tests pass a small deterministic encoder instead.
 */
@FunctionalInterface
public interface EncoderOpener {
    /**
     * Opens the encoder a manifest names. The caller closes it.
     *
     * @param encoder the manifest's encoder entry
     * @param modelDirOverride a model folder to use instead of the recorded one, or {@code null}
     * @throws EngineException when the encoder cannot be opened or is not the manifest's
     */
    Embedder open(BundleManifest.EncoderInfo encoder, Path modelDirOverride) throws EngineException;
}

package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.embed.Embedder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * {@code --encoder-dir} of the commands that open a trained bundle's encoder (route, serve, calibrate, replay, bundle
 * accept, bench serve-soak), and the one way they open it: the CLI's {@link EncoderOpener} with this folder.
 */
final class BundleEncoderOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--encoder-dir", paramLabel = "DIR", description = "ONNX encoder folder, when the bundle's is not where it was.")
    Path dir;

    /** Opens the encoder {@code encoder} names, from {@code --encoder-dir} when given. The caller closes it. */
    Embedder open(BundleManifest.EncoderInfo encoder) throws EngineException {
        return FineRouterCli.encoders(mixee).open(encoder, dir);
    }
}

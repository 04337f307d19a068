package dev.finerouter.engine.bundle;

import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A verified bundle, opened: its manifest and the router it holds.
 *
 * @param source where it was read from (a folder or a {@code .frb} file)
 * @param manifest the manifest (already checked)
 * @param router the router, ready for embedded prompts of the manifest's encoder
 */
public record RouterBundle(Path source, BundleManifest manifest, TrainedRouter router) {
    public RouterBundle {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(router, "router");
    }

    /** The policy recorded as default. */
    public RoutingPolicy defaultPolicy() {
        return manifest.defaultPolicy();
    }
}

package dev.finerouter.engine.service;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.GoldenBundle;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The golden test bundle routed with the trigram encoder, for tests that need real decisions. */
public final class GoldenRouting {
    /** The engine's golden bundle (src/test/resources/golden-bundle/bundle). */
    public static final Path GOLDEN = GoldenBundle.DIR.resolve("bundle");

    private GoldenRouting() {
    }

    public static RouterBundle bundle() {
        try {
            return BundleReader.read(GOLDEN);
        } catch (EngineException e) {
            throw new UncheckedIOException(new java.io.IOException(e));
        }
    }

    public static BundleManifest manifest() {
        return bundle().manifest();
    }

    public static ModelPool pool() {
        return bundle().router().pool();
    }

    /** The golden bundle's decision for a text under the paper's policy. */
    public static PromptDecision decision(String text) {
        try {
            return new RouterService(bundle(), new TrigramEmbedder()).route(List.of(text), RoutingPolicy.PAPER).get(0);
        } catch (EngineException e) {
            throw new UncheckedIOException(new java.io.IOException(e));
        }
    }
}

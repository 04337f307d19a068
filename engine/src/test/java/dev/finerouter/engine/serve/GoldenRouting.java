package dev.finerouter.engine.serve;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;

import java.io.UncheckedIOException;
import java.util.List;

/** The golden test bundle routed with the trigram encoder, for tests that need real decisions. */
final class GoldenRouting {
    private GoldenRouting() {
    }

    static RouterBundle bundle() {
        try {
            return BundleReader.read(RoutingServerTest.GOLDEN);
        } catch (EngineException e) {
            throw new UncheckedIOException(new java.io.IOException(e));
        }
    }

    static BundleManifest manifest() {
        return bundle().manifest();
    }

    static ModelPool pool() {
        return bundle().router().pool();
    }

    /** The golden bundle's decision for a text under the paper's policy. */
    static PromptDecision decision(String text) {
        try {
            return new RouterService(bundle(), new TrigramEmbedder()).route(List.of(text), RoutingPolicy.PAPER).get(0);
        } catch (EngineException e) {
            throw new UncheckedIOException(new java.io.IOException(e));
        }
    }
}

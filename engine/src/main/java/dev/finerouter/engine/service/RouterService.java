package dev.finerouter.engine.service;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Routes prompt texts with a bundle: embeds them with the bundle's encoder (in batches of {@link #BATCH}) and asks the
 * bundle's router. The embedder is not owned: whoever opened it closes it. Thread-safe.
 *
 * <p>Concurrent calls of {@link #route(List, RoutingPolicy)} with at most {@link #BATCH} prompts (the server's
 * requests) are micro-batched ({@link MicroBatcher}): requests that arrive while a batch is running are embedded and
 * routed together in the next one, each under its own policy, with the decisions each would get alone. Nothing is set
 * up per request: the router's heads are plain arrays built once per bundle.
 */
public final class RouterService {
    /** Prompts embedded and routed per call of the networks. */
    public static final int BATCH = 256;
    /** Requests that may wait for a batch; beyond that a request runs on its own. */
    static final int QUEUE = 1024;

    private final RouterBundle bundle;
    private final Embedder embedder;
    private final MicroBatcher batcher;

    /**
     * @param bundle the opened bundle
     * @param embedder an encoder whose id and dimension match the bundle's manifest
     * @throws EngineException when the encoder is not the one the bundle was trained with
     */
    public RouterService(RouterBundle bundle, Embedder embedder) throws EngineException {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        String expected = bundle.manifest().encoder().id();
        if (!expected.equals(embedder.id())) {
            throw new EngineException("the encoder " + embedder.id() + " is not the one " + bundle.source() + " was trained with (" + expected + ")",
                    "route with the encoder named in the bundle's manifest (same model file), or train and export again", null);
        }
        if (embedder.dimension() != bundle.manifest().encoder().dimension()) {
            throw new EngineException("the encoder gives " + embedder.dimension() + "-d vectors, the bundle expects "
                    + bundle.manifest().encoder().dimension(), "use the bundle's encoder", null);
        }
        this.batcher = new MicroBatcher(this::routeBatch, BATCH, QUEUE);
    }

    /**
     * Routes prompts.
     *
     * @param texts prompt texts
     * @param policy α, tolerance, budget
     * @return one decision per text, in order
     */
    public List<PromptDecision> route(List<String> texts, RoutingPolicy policy) throws EngineException {
        Objects.requireNonNull(policy, "policy");
        if (texts.isEmpty()) {
            return List.of();
        }
        if (texts.size() <= BATCH) {
            return batcher.route(texts, policy);
        }
        return route(texts, policy, StageContext.silent(bundle.manifest().seed()));
    }

    /** One micro-batch: all texts embedded together, one pass of the heads, each text decided under its own policy. */
    private List<PromptDecision> routeBatch(List<String> texts, List<RoutingPolicy> policies) throws EngineException {
        TrainedRouter router = bundle.router();
        Embeddings e = embedder.embed(texts, StageContext.silent(bundle.manifest().seed()));
        TrainedRouter.Predictions p = router.predict(e.data(), texts.size());
        List<PromptDecision> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(router.decide(p, i, router.costs(texts.get(i)), policies.get(i)));
        }
        return out;
    }

    /** Requests waiting for a micro-batch now. */
    int queuedRequests() {
        return batcher.queued();
    }

    /** Batches run, requests and prompts routed in them, since this service was made (for benchmarks and tests). */
    public long[] batchCounts() {
        return new long[] {batcher.batches(), batcher.batchedRequests(), batcher.batchedPrompts()};
    }

    /**
     * As {@link #route(List, RoutingPolicy)}, reporting progress after each batch of {@value #BATCH} and stopping with a
     * {@link dev.finerouter.engine.stage.CancelledException} between batches when {@code ctx} is cancelled.
     */
    public List<PromptDecision> route(List<String> texts, RoutingPolicy policy, StageContext ctx) throws EngineException {
        Objects.requireNonNull(policy, "policy");
        List<PromptDecision> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            ctx.checkCancelled();
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            Embeddings e = embedder.embed(batch, StageContext.silent(bundle.manifest().seed()));
            out.addAll(bundle.router().route(e.data(), batch, policy));
            ctx.progress(out.size() / (double) texts.size(), "routed " + out.size() + " of " + texts.size() + " prompts");
        }
        return out;
    }

    /** The bundle. */
    public RouterBundle bundle() {
        return bundle;
    }

    /** The encoder. */
    public Embedder embedder() {
        return embedder;
    }

    /** The bundle's default policy. */
    public RoutingPolicy defaultPolicy() {
        return bundle.defaultPolicy();
    }

    /**
     * The bundle's default policy with the given overrides.
     *
     * @param alpha α or {@code null}
     * @param tolerance tolerance or {@code null}
     * @param maxCost budget per call or {@code null} (keep the default)
     * @throws IllegalArgumentException when a value is out of range
     */
    public RoutingPolicy policy(Double alpha, Double tolerance, Double maxCost) {
        RoutingPolicy d = defaultPolicy();
        return new RoutingPolicy(alpha == null ? d.alpha() : alpha, tolerance == null ? d.tolerance() : tolerance,
                maxCost == null ? d.maxCostPerCall() : maxCost);
    }
}

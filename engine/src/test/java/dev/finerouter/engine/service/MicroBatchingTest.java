package dev.finerouter.engine.service;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent requests to {@link RouterService} are routed in shared batches (one embedder call for many requests) and
 * every request gets exactly the decisions of the unbatched path, under its own policy; a failing request in a batch
 * fails alone.
 */
class MicroBatchingTest {
    private static final List<RoutingPolicy> POLICIES = List.of(RoutingPolicy.PAPER, new RoutingPolicy(0.5, 1.0, null),
            new RoutingPolicy(1.0, 0.0, 0.001), new RoutingPolicy(0.0, 0.2, null));

    /** The trigram encoder; the text "GATE" blocks until released, "FAIL" throws; counts calls. */
    static final class GatedEmbedder implements Embedder {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        private final TrigramEmbedder inner = new TrigramEmbedder();

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public Embeddings embed(List<String> texts, StageContext ctx) throws EngineException {
            calls.incrementAndGet();
            if (texts.contains("FAIL")) {
                throw new EngineException("cannot embed FAIL", null);
            }
            if (texts.contains("GATE")) {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.embed(texts, ctx);
        }

        @Override
        public void close() {
        }
    }

    private static List<String> texts(int request) {
        String[] kinds = {"Solve for x: %d x + 3 = 20", "Write a Python function that sorts %d lists", "Write a short poem about %d cats",
                "What is the capital of country number %d?"};
        List<String> t = new ArrayList<>();
        for (int i = 0; i <= request % 3; i++) {
            t.add(String.format(kinds[(request + i) % kinds.length], request * 7 + i));
        }
        return t;
    }

    private static void awaitQueued(RouterService s, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (s.queuedRequests() < n) {
            assertTrue(System.nanoTime() < deadline, "only " + s.queuedRequests() + " of " + n + " requests queued");
            Thread.sleep(5);
        }
    }

    @Test
    void concurrentRequestsShareABatchAndGetTheUnbatchedDecisions() throws Exception {
        RouterBundle bundle = GoldenRouting.bundle();
        GatedEmbedder embedder = new GatedEmbedder();
        RouterService service = new RouterService(bundle, embedder);
        RouterService reference = new RouterService(bundle, new TrigramEmbedder());
        int requests = 24;
        ExecutorService pool = Executors.newFixedThreadPool(requests + 1);
        try {
            Future<List<PromptDecision>> gate = pool.submit(() -> service.route(List.of("GATE"), RoutingPolicy.PAPER));
            assertTrue(embedder.entered.await(20, TimeUnit.SECONDS), "the first request never reached the encoder");
            List<Future<List<PromptDecision>>> futures = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                int request = r;
                futures.add(pool.submit(() -> service.route(texts(request), POLICIES.get(request % POLICIES.size()))));
            }
            awaitQueued(service, requests);
            embedder.release.countDown();
            gate.get(20, TimeUnit.SECONDS);
            for (int r = 0; r < requests; r++) {
                List<PromptDecision> batched = futures.get(r).get(20, TimeUnit.SECONDS);
                List<PromptDecision> alone = reference.route(texts(r), POLICIES.get(r % POLICIES.size()), StageContext.silent(1));
                assertEquals(alone, batched, "request " + r);
            }
        } finally {
            pool.shutdownNow();
        }
        long[] counts = service.batchCounts();
        assertEquals(2, counts[0], "the gated request alone, then all the others together");
        assertEquals(requests + 1, counts[1]);
        assertEquals(2, embedder.calls.get(), "one encoder call per batch");
    }

    @Test
    void aFailingRequestFailsAloneAndTheOthersAreStillAnswered() throws Exception {
        GatedEmbedder embedder = new GatedEmbedder();
        RouterService service = new RouterService(GoldenRouting.bundle(), embedder);
        RouterService reference = new RouterService(GoldenRouting.bundle(), new TrigramEmbedder());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<List<PromptDecision>> gate = pool.submit(() -> service.route(List.of("GATE"), RoutingPolicy.PAPER));
            assertTrue(embedder.entered.await(20, TimeUnit.SECONDS));
            Future<List<PromptDecision>> good1 = pool.submit(() -> service.route(texts(1), RoutingPolicy.PAPER));
            Future<List<PromptDecision>> bad = pool.submit(() -> service.route(List.of("ok", "FAIL"), RoutingPolicy.PAPER));
            Future<List<PromptDecision>> good2 = pool.submit(() -> service.route(texts(2), RoutingPolicy.PAPER));
            awaitQueued(service, 3);
            embedder.release.countDown();
            gate.get(20, TimeUnit.SECONDS);
            assertEquals(reference.route(texts(1), RoutingPolicy.PAPER, StageContext.silent(1)), good1.get(20, TimeUnit.SECONDS));
            assertEquals(reference.route(texts(2), RoutingPolicy.PAPER, StageContext.silent(1)), good2.get(20, TimeUnit.SECONDS));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> bad.get(20, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof EngineException, "cause " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoneRequestIsRoutedAtOnce() throws Exception {
        GatedEmbedder embedder = new GatedEmbedder();
        RouterService service = new RouterService(GoldenRouting.bundle(), embedder);
        RouterService reference = new RouterService(GoldenRouting.bundle(), new TrigramEmbedder());
        for (int r = 0; r < 5; r++) {
            assertEquals(reference.route(texts(r), RoutingPolicy.PAPER, StageContext.silent(1)), service.route(texts(r), RoutingPolicy.PAPER));
        }
        assertEquals(5, service.batchCounts()[0]);
        assertEquals(List.of(), service.route(List.of(), RoutingPolicy.PAPER));
    }
}

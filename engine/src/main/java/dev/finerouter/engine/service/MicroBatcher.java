package dev.finerouter.engine.service;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Combines concurrent small routing requests into one call of the encoder and the heads, without a thread of its own
 * (flat combining): a request joins a bounded queue; whichever caller gets the lock drains up to {@code maxPrompts}
 * queued prompts, runs them as one batch and hands every request its decisions; the others park until theirs are done
 * (or the lock is free and they run the next batch themselves). There is no timer: a batch holds what arrived while the
 * previous one ran, so a lone request waits for nothing and under load batches form by themselves.
 *
 * <p>Every request keeps its own policy, and each prompt's decision depends only on its own embedding and head outputs
 * (which do not depend on the other rows, see {@link dev.finerouter.engine.route.TrainedRouter#predict}), so a batched
 * decision is the decision the prompt would get alone — exactly, with an encoder that embeds each text independently of
 * its batch. (A padded ONNX batch can differ from a lone run in the last float bits, as the {@code route} command's
 * batches of 256 always could.) When a batch fails, its requests are run one by one so that each gets its own answer
 * or error. When the queue is full a request runs on its own.
 */
final class MicroBatcher {
    /** Runs one batch: texts, and the policy of each text. */
    @FunctionalInterface
    interface BatchRouter {
        List<PromptDecision> route(List<String> texts, List<RoutingPolicy> policies) throws EngineException;
    }

    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final BatchRouter router;
    private final int maxPrompts;
    private final ArrayBlockingQueue<Job> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedRequests = new AtomicLong();
    private final AtomicLong batchedPrompts = new AtomicLong();

    /** One request waiting for its decisions. */
    private static final class Job {
        final List<String> texts;
        final RoutingPolicy policy;
        final Thread caller = Thread.currentThread();
        volatile boolean done;
        List<PromptDecision> result;
        EngineException error;
        RuntimeException failure;

        Job(List<String> texts, RoutingPolicy policy) {
            this.texts = texts;
            this.policy = policy;
        }

        void finish(List<PromptDecision> r, EngineException e, RuntimeException f) {
            result = r;
            error = e;
            failure = f;
            done = true;
            LockSupport.unpark(caller);
        }
    }

    /**
     * @param router runs a batch
     * @param maxPrompts most prompts per batch (≥ 1); a request is never split
     * @param queueCapacity most requests waiting (≥ 1)
     */
    MicroBatcher(BatchRouter router, int maxPrompts, int queueCapacity) {
        this.router = Objects.requireNonNull(router, "router");
        if (maxPrompts < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("maxPrompts and queueCapacity must be >= 1");
        }
        this.maxPrompts = maxPrompts;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Routes one request's texts under its policy, batched with whatever other requests are waiting. */
    List<PromptDecision> route(List<String> texts, RoutingPolicy policy) throws EngineException {
        Job job = new Job(List.copyOf(texts), policy);
        if (!queue.offer(job)) {
            return router.route(job.texts, policiesOf(job));
        }
        boolean interrupted = false;
        while (!job.done) {
            if (lock.tryLock()) {
                try {
                    while (!job.done) {
                        runBatch();
                    }
                } finally {
                    lock.unlock();
                }
                Job next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller); // hand the lock on to a waiting request
                }
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (job.error != null) {
            throw job.error;
        }
        if (job.failure != null) {
            throw job.failure;
        }
        return job.result;
    }

    private void runBatch() {
        List<Job> jobs = new ArrayList<>();
        int prompts = 0;
        Job head;
        while ((head = queue.peek()) != null && (jobs.isEmpty() || prompts + head.texts.size() <= maxPrompts)) {
            jobs.add(queue.poll());
            prompts += head.texts.size();
        }
        if (jobs.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(prompts);
        List<RoutingPolicy> policies = new ArrayList<>(prompts);
        for (Job j : jobs) {
            texts.addAll(j.texts);
            policies.addAll(policiesOf(j));
        }
        try {
            runBatch(jobs, texts, policies, prompts);
        } finally {
            for (Job j : jobs) { // never leave a caller waiting, whatever was thrown
                if (!j.done) {
                    j.finish(null, null, new IllegalStateException("the routing batch failed"));
                }
            }
        }
    }

    private void runBatch(List<Job> jobs, List<String> texts, List<RoutingPolicy> policies, int prompts) {
        List<PromptDecision> all;
        try {
            all = router.route(texts, policies);
        } catch (EngineException | RuntimeException e) {
            if (jobs.size() == 1) {
                finishWith(jobs.get(0), e);
                return;
            }
            for (Job j : jobs) { // one request's bad input must not fail the others
                try {
                    j.finish(router.route(j.texts, policiesOf(j)), null, null);
                } catch (EngineException | RuntimeException single) {
                    finishWith(j, single);
                }
            }
            return;
        }
        batches.incrementAndGet();
        batchedRequests.addAndGet(jobs.size());
        batchedPrompts.addAndGet(prompts);
        int offset = 0;
        for (Job j : jobs) {
            j.finish(List.copyOf(all.subList(offset, offset + j.texts.size())), null, null);
            offset += j.texts.size();
        }
    }

    private static void finishWith(Job j, Exception e) {
        if (e instanceof EngineException ee) {
            j.finish(null, ee, null);
        } else {
            j.finish(null, null, (RuntimeException) e);
        }
    }

    private static List<RoutingPolicy> policiesOf(Job j) {
        List<RoutingPolicy> p = new ArrayList<>(j.texts.size());
        for (int i = 0; i < j.texts.size(); i++) {
            p.add(j.policy);
        }
        return p;
    }

    /** Requests waiting in the queue now. */
    int queued() {
        return queue.size();
    }

    /** Batches run so far. */
    long batches() {
        return batches.get();
    }

    /** Requests answered from batches so far. */
    long batchedRequests() {
        return batchedRequests.get();
    }

    /** Prompts routed in batches so far. */
    long batchedPrompts() {
        return batchedPrompts.get();
    }
}

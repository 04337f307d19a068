package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs n independent remote jobs with at most a given number in flight, handing each result to a sink on the
 * calling thread as soon as it is ready. On cancellation or on the first failure, no new job starts, running ones
 * are interrupted, and the method returns (by throwing) once the workers have stopped.
 */
final class BoundedParallel {
    private static final long POLL_MS = 50;
    private static final long STOP_WAIT_SECONDS = 10;

    private BoundedParallel() {
    }

    /** One job. */
    @FunctionalInterface
    interface Job<T> {
        T run(int index) throws EngineException;
    }

    /** Receives results on the calling thread. */
    @FunctionalInterface
    interface Sink<T> {
        void accept(int index, T value) throws EngineException;
    }

    private record Result<T>(int index, T value) {
    }

    static <T> void run(int n, int maxConcurrency, String what, StageContext ctx, Job<T> job, Sink<T> sink) throws EngineException {
        if (n == 0) {
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxConcurrency, n), r -> {
            Thread t = new Thread(r, what + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Result<T>> done = new ExecutorCompletionService<>(pool);
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                done.submit(() -> stop.get() || ctx.isCancelled() ? null : new Result<>(index, job.run(index)));
            }
            int received = 0;
            while (received < n) {
                ctx.checkCancelled();
                Future<Result<T>> f = done.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                received++;
                Result<T> r = get(f);
                if (r == null) {
                    throw new CancelledException();
                }
                sink.accept(r.index, r.value);
                ctx.progress((double) received / n, what + " " + received + "/" + n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            stop.set(true);
            pool.shutdownNow();
            try {
                // workers are daemons; one stuck in I/O that ignores interrupts ends on its request timeout
                pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T get(Future<T> f) throws EngineException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof EngineException ee) {
                throw ee;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}

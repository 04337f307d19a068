package dev.finerouter.app.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BackgroundTasksTest {
    @Test
    void workRunsOnAWorkerThreadAndTheOutcomeOnTheUiExecutor() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> workThread = new AtomicReference<>();
        CompletableFuture<String> delivered = new CompletableFuture<>();
        BackgroundTasks tasks = BackgroundTasks.of(r -> new Thread(r, "test-worker").start(), Runnable::run);
        tasks.run(ctx -> {
            workThread.set(Thread.currentThread());
            return "done";
        }, delivered::complete, delivered::completeExceptionally);
        assertEquals("done", delivered.get(10, TimeUnit.SECONDS));
        assertNotEquals(caller, workThread.get());
        assertEquals("test-worker", workThread.get().getName());
    }

    @Test
    void shutdownCancelsRunningWorkAndWaitsForItToUnwind() throws Exception {
        // the work runs until cancelled (as an embedding does between batches), then takes 300 ms to close what it opened
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        BackgroundTasks tasks = BackgroundTasks.owning(java.util.concurrent.Executors.newSingleThreadExecutor(), Runnable::run);
        BackgroundTask<String> task = tasks.run(ctx -> {
            started.countDown();
            try {
                while (!ctx.isCancelled()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                return "cancelled";
            } finally {
                long until = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < until) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // ignores the interrupt, like native code
                }
                closed.set(true);
            }
        }, v -> { }, e -> { });
        assertEquals(true, started.await(10, TimeUnit.SECONDS));
        tasks.shutdown();
        assertEquals(true, task.isCancelled(), "the running task was cancelled");
        assertEquals(true, closed.get(), "shutdown returned only after the work had closed what it opened");
    }

    @Test
    void failuresReachTheFailureCallback() throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        BackgroundTasks.direct().run(ctx -> {
            throw new IllegalArgumentException("bad input");
        }, v -> failed.complete(null), failed::complete);
        assertEquals("bad input", failed.get(1, TimeUnit.SECONDS).getMessage());
    }
}

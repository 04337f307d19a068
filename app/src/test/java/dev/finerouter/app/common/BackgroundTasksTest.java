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
    void failuresReachTheFailureCallback() throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        BackgroundTasks.direct().run(ctx -> {
            throw new IllegalArgumentException("bad input");
        }, v -> failed.complete(null), failed::complete);
        assertEquals("bad input", failed.get(1, TimeUnit.SECONDS).getMessage());
    }
}

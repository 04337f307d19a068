package dev.finerouter.app.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Background tasks for view-model tests without a toolkit that still run the work on its own thread: each task gets a
 * worker thread, and the UI executor is a queue the test thread drains (it plays the FX thread).
 */
public final class ThreadedTasks {
    private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final BackgroundTasks tasks = BackgroundTasks.of(r -> {
        Thread t = new Thread(r, "test-worker-" + workers.size());
        t.setDaemon(true);
        synchronized (workers) {
            workers.add(t);
        }
        t.start();
    }, ui::add);

    /** The executors to hand to a view model. */
    public BackgroundTasks tasks() {
        return tasks;
    }

    /** Runs UI actions as they come until {@code done} holds; fails after {@code seconds}. */
    public void drainUntil(BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not done within " + seconds + " s");
            }
            Runnable r = ui.poll(20, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** Waits until every worker thread has ended (the engine work stopped), then runs what they posted. */
    public void awaitWorkers(int seconds) throws InterruptedException {
        List<Thread> all;
        synchronized (workers) {
            all = List.copyOf(workers);
        }
        for (Thread t : all) {
            t.join(TimeUnit.SECONDS.toMillis(seconds));
            assertFalse(t.isAlive(), t.getName() + " still runs " + seconds + " s after the cancel");
        }
        Runnable r;
        while ((r = ui.poll()) != null) {
            r.run();
        }
    }
}

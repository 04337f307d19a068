package dev.finerouter.app.common;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one background-task type: outcomes, cancellation, progress on the UI executor. */
class BackgroundTaskTest {
    /** Records every outcome callback. */
    private static final class Outcomes {
        final List<String> calls = new ArrayList<>();

        <T> BackgroundTask<T> wire(BackgroundTask<T> t) {
            return t.onSuccess(v -> calls.add("success:" + v)).onFailure(e -> calls.add("failure:" + e.getMessage()))
                    .onCancelled(() -> calls.add("cancelled"));
        }
    }

    /** A queue standing in for a thread: runs what was handed to it when told. */
    private static final class Held implements java.util.concurrent.Executor {
        final List<Runnable> queue = new ArrayList<>();

        @Override
        public void execute(Runnable r) {
            queue.add(r);
        }

        void runAll() {
            while (!queue.isEmpty()) {
                queue.remove(0).run();
            }
        }
    }

    @Test
    void successDeliversTheResultOnceAndStopsRunning() {
        Outcomes o = new Outcomes();
        Held ui = new Held();
        BackgroundTasks tasks = BackgroundTasks.of(Runnable::run, ui);
        BackgroundTask<String> t = o.wire(BackgroundTask.of(7, ctx -> "seed " + ctx.seed())).executeWith(tasks);
        assertTrue(t.runningProperty().get());
        assertEquals(1, tasks.activeCountProperty().get(), "the worker is counted until its end reaches the UI executor");
        assertEquals(List.of(), o.calls, "the outcome waits for the UI executor");
        ui.runAll();
        assertEquals(List.of("success:seed 7"), o.calls);
        assertFalse(t.runningProperty().get());
        assertEquals(0, tasks.activeCountProperty().get());
        t.cancel();
        assertEquals(List.of("success:seed 7"), o.calls, "cancel after the outcome does nothing");
    }

    @Test
    void failureIsReportedAsFailure() {
        Outcomes o = new Outcomes();
        o.wire(BackgroundTask.of(ctx -> {
            throw new EngineException("broken", "fix it", null);
        })).executeWith(BackgroundTasks.direct());
        assertEquals(List.of("failure:broken"), o.calls);
    }

    @Test
    void aCancelledExceptionFromTheWorkIsReportedAsCancelledNotAsFailure() {
        Outcomes o = new Outcomes();
        o.wire(BackgroundTask.of(ctx -> {
            throw new RuntimeException("wrapped", new CancelledException());
        })).executeWith(BackgroundTasks.direct());
        assertEquals(List.of("cancelled"), o.calls);
    }

    @Test
    void cancelBeforeStartNeverRunsTheWork() {
        Outcomes o = new Outcomes();
        AtomicBoolean ran = new AtomicBoolean();
        Held worker = new Held();
        BackgroundTask<String> t = o.wire(BackgroundTask.of(ctx -> {
            ran.set(true);
            return "x";
        }));
        t.cancel();
        assertTrue(t.isCancelled());
        assertEquals(List.of(), o.calls);
        t.executeWith(BackgroundTasks.of(worker, Runnable::run));
        worker.runAll();
        assertFalse(ran.get());
        assertEquals(List.of("cancelled"), o.calls);
        assertFalse(t.runningProperty().get());
    }

    @Test
    void cancelMidWorkDeliversCancelledAtOnceStopsTheWorkAndDropsWhatComesLater() throws Exception {
        Outcomes o = new Outcomes();
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger loops = new AtomicInteger();
        Held ui = new Held();
        BackgroundTasks tasks = BackgroundTasks.of(r -> new Thread(r, "test-worker").start(), ui);
        List<String> late = new ArrayList<>();
        BackgroundTask<String> t = o.wire(BackgroundTask.<String>of(ctx -> {
            try {
                while (true) {
                    loops.incrementAndGet();
                    ctx.progress(0.5, "looping");
                    working.countDown();
                    ctx.checkCancelled();
                    Thread.sleep(1);
                }
            } finally {
                ctx.log("late line");
                ctx.onUi(() -> late.add("late action"));
                stopped.countDown();
            }
        })).onLog(late::add).executeWith(tasks);
        assertTrue(working.await(10, TimeUnit.SECONDS));
        t.cancel();
        assertEquals(List.of("cancelled"), o.calls, "cancel delivers at once");
        assertFalse(t.runningProperty().get());
        assertTrue(stopped.await(10, TimeUnit.SECONDS), "the work stops at its next check");
        synchronized (this) {
            wait(50); // let the worker post what it posts after stopping
        }
        ui.runAll();
        assertEquals(List.of("cancelled"), o.calls, "exactly one outcome");
        assertEquals(List.of(), late, "a cancelled task's late log lines and UI actions are dropped");
        assertEquals(0, tasks.activeCountProperty().get(), "the worker is no longer counted once it stopped");
    }

    @Test
    void workThatIgnoresCancelHasItsResultDropped() {
        Outcomes o2 = new Outcomes();
        Held ui = new Held();
        BackgroundTask<String> t2 = o2.wire(BackgroundTask.of(ctx -> "finished anyway"))
                .executeWith(BackgroundTasks.of(Runnable::run, ui));
        t2.cancel(); // the result is already posted but not delivered
        ui.runAll();
        assertEquals(List.of("cancelled"), o2.calls, "after cancel() no success is delivered");
        assertTrue(t2.isCancelled());
    }

    @Test
    void progressAndMessageChangeOnTheUiExecutorCoalesced() throws Exception {
        Held ui = new Held();
        Held worker = new Held();
        List<String> seen = new ArrayList<>();
        BackgroundTask<String> t = BackgroundTask.of(ctx -> {
            ctx.progress(0.1, "one");
            ctx.progress(0.2, "two");
            ctx.progress(0.3, null);
            return "ok";
        }).onProgress((f, m) -> seen.add(f + " " + m)).executeWith(BackgroundTasks.of(worker, ui));
        assertEquals(BackgroundTask.INDETERMINATE, t.progressProperty().get());
        worker.runAll();
        assertEquals(BackgroundTask.INDETERMINATE, t.progressProperty().get(), "nothing changes off the UI executor");
        assertEquals("", t.messageProperty().get());
        assertEquals(2, ui.queue.size(), "three reports coalesced into one post, then the outcome");
        ui.queue.remove(0).run();
        assertEquals(0.3, t.progressProperty().get(), 1e-12);
        assertEquals("two", t.messageProperty().get(), "a null message keeps the last one");
        assertEquals(List.of("0.3 null"), seen);
        ui.runAll();
        assertFalse(t.runningProperty().get());
    }

    @Test
    void progressFromADirectTaskIsClampedAndReportedInOrder() {
        List<Double> seen = new ArrayList<>();
        BackgroundTask<Void> t = BackgroundTask.<Void>of(ctx -> {
            ctx.progress(-3, "a");
            ctx.progress(0.5, "b");
            ctx.progress(Double.NaN, "c");
            ctx.progress(7, "d");
            return null;
        }).onProgress((f, m) -> seen.add(f)).executeWith(BackgroundTasks.direct());
        assertEquals(List.of(0.0, 0.5, 0.0, 1.0), seen);
        assertEquals("d", t.messageProperty().get());
    }

    @Test
    void aTaskRunsOnce() {
        BackgroundTask<String> t = BackgroundTask.of(ctx -> "x").executeWith(BackgroundTasks.direct());
        assertThrows(IllegalStateException.class, () -> t.executeWith(BackgroundTasks.direct()));
    }

    @Test
    void withSeedKeepsProgressAndCancellation() {
        AtomicBoolean before = new AtomicBoolean(true);
        AtomicBoolean after = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<BackgroundTask<Long>> self = new java.util.concurrent.atomic.AtomicReference<>();
        Held worker = new Held();
        List<Double> seen = new ArrayList<>();
        BackgroundTask<Long> t = BackgroundTask.of(1, ctx -> {
            var other = ctx.withSeed(99);
            other.progress(0.4, "other");
            before.set(other.isCancelled());
            self.get().cancel();
            after.set(other.isCancelled());
            other.progress(0.8, "late");
            return other.seed();
        }).onProgress((f, m) -> seen.add(f));
        self.set(t);
        t.executeWith(BackgroundTasks.of(worker, Runnable::run));
        worker.runAll();
        assertFalse(before.get());
        assertTrue(after.get(), "the reseeded context sees the cancellation");
        assertEquals(List.of(0.4), seen, "progress goes through; reports after the outcome are dropped");
        BackgroundTask<Long> u = BackgroundTask.of(1, ctx -> ctx.withSeed(99).seed());
        List<Long> got = new ArrayList<>();
        u.onSuccess(got::add).executeWith(BackgroundTasks.direct());
        assertEquals(List.of(99L), got);
    }
}

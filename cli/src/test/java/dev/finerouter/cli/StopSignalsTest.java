package dev.finerouter.cli;

import dev.finerouter.engine.stage.CancelledException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real signals raised in this JVM, only while a handler of the test is installed (a SIGINT without one would end the
 * test run). A JVM started with SIGINT ignored (a background job of a script, as `mvn … &` is) never receives it, and
 * the JVM then leaves it ignored instead of taking a handler: these tests raise SIGTERM there, which StopSignals
 * handles the same way.
 */
class StopSignalsTest {
    private static final sun.misc.Signal INT = stopSignal();

    /** SIGINT, or SIGTERM when this JVM was started with SIGINT ignored. */
    private static sun.misc.Signal stopSignal() {
        sun.misc.Signal interrupt = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, s -> { });
        sun.misc.Signal.handle(interrupt, previous);
        return previous == sun.misc.SignalHandler.SIG_IGN ? new sun.misc.Signal("TERM") : interrupt;
    }

    @Test
    void theFirstSignalRunsTheFirstActionTheNextOnesTheSecondAndCloseRestoresThePreviousHandler() throws Exception {
        sun.misc.SignalHandler guard = s -> { };
        sun.misc.SignalHandler original = sun.misc.Signal.handle(INT, guard);
        try {
            CountDownLatch first = new CountDownLatch(1);
            CountDownLatch second = new CountDownLatch(2);
            AtomicInteger firstRuns = new AtomicInteger();
            try (StopSignals ignored = StopSignals.install(() -> {
                firstRuns.incrementAndGet();
                first.countDown();
            }, second::countDown)) {
                sun.misc.Signal.raise(INT);
                assertTrue(first.await(10, TimeUnit.SECONDS), "the first SIGINT reached the first action");
                sun.misc.Signal.raise(INT);
                sun.misc.Signal.raise(INT);
                assertTrue(second.await(10, TimeUnit.SECONDS), "later ones reached the second action");
                assertEquals(1, firstRuns.get(), "the first action ran once");
            }
            assertSame(guard, sun.misc.Signal.handle(INT, guard), "close put the previous handler back");
        } finally {
            sun.misc.Signal.handle(INT, original);
        }
    }

    @Test
    void ctrlCCancelsTheRunningWorkWhichThenEndsWithCancelledException() {
        sun.misc.SignalHandler original = sun.misc.Signal.handle(INT, s -> { });
        try {
            StringWriter log = new StringWriter();
            ConsoleProgress progress = new ConsoleProgress(new PrintWriter(log, true), 42);
            assertThrows(CancelledException.class, () -> progress.runCancellable(() -> {
                sun.misc.Signal.raise(INT);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    progress.checkCancelled(); // as every stage does between steps
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
                return null;
            }));
            assertTrue(log.toString().contains("cancelling: stopping at the next step (Ctrl-C again quits at once)"), log.toString());
            assertEquals(130, FineRouterCli.CANCELLED);
        } finally {
            sun.misc.Signal.handle(INT, original);
        }
    }
}

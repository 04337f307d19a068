package dev.finerouter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM delivered to the command instead of starting the JVM's shutdown, while the command runs.
 *
 * <p>Why not a shutdown hook: the JVM runs every shutdown hook at once, and ONNX Runtime registers one that frees its
 * native environment. A Ctrl-C while a prompt was being embedded therefore freed the environment under the running
 * session and crashed the JVM (SIGSEGV in libonnxruntime, an {@code hs_err_pid*.log} left in the working folder),
 * instead of cancelling. With these handlers the first signal only asks the work to stop ({@code onFirst}: cancel at the
 * next check, drain the server); the command then closes its sessions and returns, and the hooks run after that. A
 * second signal quits at once ({@code onSecond}, by default {@link Runtime#halt} with exit code 130, no hooks).
 *
 * <p>Where a signal cannot be handled (a platform without SIGTERM, or a JVM started with {@code -Xrs}) the first
 * action runs from a shutdown hook instead, as before. A JVM started with SIGINT ignored (a background job of a
 * script) keeps ignoring it, as its parent asked; SIGTERM still stops it this way. {@link #close} puts the previous
 * handlers back.
 */
final class StopSignals implements AutoCloseable {
    /** Exit code after an interrupt, as a shell reports a process ended by SIGINT (128 + 2). */
    static final int INTERRUPTED = 130;
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final List<Restore> restores = new ArrayList<>();
    private Thread hook;

    /** A signal whose previous handler is put back on close. */
    private record Restore(sun.misc.Signal signal, sun.misc.SignalHandler previous) {
    }

    private StopSignals() {
    }

    /** Installs handlers that run {@code onFirst} on the first signal and halt the JVM on the next. */
    static StopSignals install(Runnable onFirst) {
        return install(onFirst, () -> Runtime.getRuntime().halt(INTERRUPTED));
    }

    /**
     * Installs handlers: the first SIGINT or SIGTERM runs {@code onFirst}, any later one {@code onSecond} (on the JVM's
     * signal thread).
     */
    static StopSignals install(Runnable onFirst, Runnable onSecond) {
        StopSignals s = new StopSignals();
        AtomicInteger received = new AtomicInteger();
        boolean everyHandled = true;
        for (String name : SIGNALS) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, ignored -> {
                    if (received.getAndIncrement() == 0) {
                        onFirst.run();
                    } else {
                        onSecond.run();
                    }
                });
                s.restores.add(new Restore(signal, previous));
            } catch (IllegalArgumentException unavailable) { // no such signal here, or the JVM runs with -Xrs
                everyHandled = false;
            }
        }
        if (!everyHandled) {
            s.hook = new Thread(() -> {
                if (received.getAndIncrement() == 0) {
                    onFirst.run();
                }
            }, "finerouter-stop");
            Runtime.getRuntime().addShutdownHook(s.hook);
        }
        return s;
    }

    /** Puts the previous handlers back (and removes the fallback hook, unless the JVM is already shutting down). */
    @Override
    public void close() {
        for (Restore r : restores) {
            sun.misc.Signal.handle(r.signal(), r.previous());
        }
        restores.clear();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
            hook = null;
        }
    }
}

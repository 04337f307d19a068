package dev.finerouter.engine.train;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import dev.finerouter.engine.EngineException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Access to DJL's PyTorch engine, started offline (no downloads, no usage telemetry). */
final class TorchEngine {
    static final String NAME = "PyTorch";

    private TorchEngine() {
    }

    /**
     * The PyTorch engine. The first start in a fresh DJL cache unpacks the natives (a few seconds). Also turns
     * PyTorch's grad mode off on the calling thread: grad mode is thread-local, DJL turns it off only on the thread that
     * started the engine, and a {@code GradientCollector} restores the mode it found, so without this a second thread
     * (a workbench worker after a first training elsewhere) trains with grad mode on and the in-place optimiser step
     * fails ("a leaf Variable that requires grad is being used in an in-place operation"). Never call it inside a
     * collector block.
     *
     * @throws EngineException when the native library cannot be loaded
     */
    static Engine get() throws EngineException {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        announceFirstStart();
        try {
            Engine engine = Engine.getEngine(NAME);
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            return engine;
        } catch (RuntimeException | LinkageError e) {
            throw new EngineException("cannot start the PyTorch engine: " + e.getMessage(),
                    "the PyTorch natives are unpacked into the DJL cache (DJL_CACHE_DIR, default ~/.djl.ai); check it is writable",
                    e);
        }
    }

    private static boolean announced;

    /**
     * Tells the user (on stderr, once) when the PyTorch natives are about to be unpacked into an empty DJL cache:
     * about 432 MB and a few seconds, which would otherwise look like a hang.
     */
    private static synchronized void announceFirstStart() {
        if (announced) {
            return;
        }
        announced = true;
        try {
            Path cache = Utils.getEngineCacheDir("pytorch");
            if (!Files.isDirectory(cache)) {
                System.err.println("finerouter: first start: unpacking the PyTorch native library (about 430 MB) into "
                        + cache + "; this takes a few seconds and happens once (set DJL_CACHE_DIR to move it)");
            }
        } catch (RuntimeException e) {
            // only a message: never stop the engine from starting
        }
    }

    /** Seeds PyTorch's own generator (our initialisation and shuffles use java.util.Random with the same seed). */
    static void seed(long seed) throws EngineException {
        get().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}

package dev.finerouter.app.common;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.pipeline.Encoders;
import dev.finerouter.engine.stage.StageContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The one owner of the workbench's sentence encoder and the on-disk embedding cache it locks. The embedding cache
 * allows one user per folder (a file lock), and the pipeline runs open their own encoder on it: so the playground
 * borrows the encoder from here ({@link #embed}), every pipeline run goes through {@link #whileCacheHeld} (which
 * closes the borrowed encoder first and, while the run holds the cache, lets {@link #embed} use an uncached encoder
 * instead), and a router change {@link #close}s it. Thread-safe; all methods may block and run on worker threads.
 */
public final class SharedEncoder implements AutoCloseable {
    private Embedder open;
    private EmbedderSettings openSettings;
    private Path openCache;
    private int holders;
    private int opened;

    /** Creates an owner with nothing open. */
    public SharedEncoder() {
    }

    /**
     * Embeds {@code texts} with the encoder {@code settings} names, cached under {@code cacheDir} (re-opening when
     * either changed). While a pipeline run holds the cache, a temporary uncached encoder is used, so the result is
     * the same and the run is not disturbed.
     *
     * @param expectedId the router's encoder id; a different encoder is an error
     * @return the vectors, row-major
     */
    public synchronized float[] embed(EmbedderSettings settings, Path cacheDir, String expectedId, List<String> texts)
            throws EngineException {
        Objects.requireNonNull(settings, "settings");
        if (holders > 0) {
            try (Embedder uncached = Encoders.open(settings, null)) {
                check(uncached, expectedId);
                return uncached.embed(texts, StageContext.silent(0)).data();
            }
        }
        if (open != null && (!settings.equals(openSettings) || !Objects.equals(cacheDir, openCache))) {
            closeOpen();
        }
        if (open == null) {
            open = Encoders.open(settings, cacheDir);
            openSettings = settings;
            openCache = cacheDir;
            opened++;
        }
        check(open, expectedId);
        return open.embed(texts, StageContext.silent(0)).data();
    }

    private static void check(Embedder e, String expectedId) throws EngineException {
        if (expectedId != null && !e.id().equals(expectedId)) {
            throw new EngineException("the encoder " + e.id() + " is not the router's " + expectedId, "retrain the router", null);
        }
    }

    /**
     * Runs {@code work} (a pipeline run that opens its own encoder on the cache folder) with the shared encoder
     * closed, so the cache's lock is free; {@link #embed} calls meanwhile use an uncached encoder.
     */
    public <T> T whileCacheHeld(Callable<T> work) throws Exception {
        synchronized (this) {
            closeOpen();
            holders++;
        }
        try {
            return work.call();
        } finally {
            synchronized (this) {
                holders--;
            }
        }
    }

    /** Whether an encoder is open (and holds its cache). */
    public synchronized boolean isOpen() {
        return open != null;
    }

    /** How many times an encoder was opened (for tests). */
    public synchronized int openCount() {
        return opened;
    }

    /** Closes the encoder, releasing the cache; the next {@link #embed} opens it again. */
    @Override
    public synchronized void close() {
        closeOpen();
    }

    private void closeOpen() {
        if (open != null) {
            try {
                open.close();
            } finally {
                open = null;
                openSettings = null;
                openCache = null;
            }
        }
    }
}

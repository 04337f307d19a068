package dev.finerouter.engine.embed;

import dev.finerouter.engine.EngineException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * An on-disk cache of embedding vectors keyed by (embedder id, SHA-256 of the text's UTF-8 bytes), so that embedding
 * the same texts again costs nothing.
 *
 * <h2>Layout</h2>
 * One folder per embedder id under the cache root, named after the id (sanitised, plus a short hash of the full id):
 * <ul>
 *   <li>{@code vectors.f32}: the vectors, row-major little-endian float32, {@code dimension} floats per row, append
 *       only, read through memory maps ({@link FileChannel#map}).</li>
 *   <li>{@code index.bin}: a header (magic {@code FRECIDX1}, version, dimension, the full embedder id, CRC) followed by
 *       one fixed-size record per row of {@code vectors.f32}: the 32-byte text hash, a CRC32C of the row's vector bytes
 *       and a CRC32C of the record itself. Append only; a later record for the same hash supersedes an earlier one.</li>
 *   <li>{@code .lock}: held with a {@link FileLock} while the cache is open, so two processes never write at once.</li>
 * </ul>
 *
 * <h2>Crash safety</h2>
 * {@link #put} appends the vectors and forces them to disk <em>before</em> appending and forcing the index records,
 * so every index record points at durable floats. On open, floats beyond the last index record (an interrupted put)
 * are cut off, and a torn last index record is dropped. Anything else that does not add up (bad header, a corrupt
 * record followed by valid ones, an index longer than the float file) is corruption: depending on {@link Recovery} the
 * folder is emptied and rebuilt (the cache only ever saves work) or an {@link EngineException} names the file. A
 * vector whose bytes no longer match their CRC is treated as a miss and re-embedded.
 *
 * <h2>Thread-safety</h2>
 * All methods are synchronised on the instance, so one instance may be shared between threads. Only one instance per
 * folder may be open in the whole machine at a time (enforced with a file lock); a second open fails with an
 * {@link EngineException}.
 */
public final class EmbeddingCache implements AutoCloseable {
    /** What {@link #open} does when the files are corrupt. */
    public enum Recovery {
        /** Delete the cached vectors and start empty; {@link #recoveryNote()} says what happened. */
        REBUILD,
        /** Throw an {@link EngineException} naming the corrupt file and leave it untouched. */
        FAIL
    }

    static final String INDEX_FILE = "index.bin";
    static final String VECTORS_FILE = "vectors.f32";
    static final String LOCK_FILE = ".lock";
    private static final byte[] MAGIC = "FRECIDX1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    static final int RECORD_BYTES = 32 + 4 + 4;
    /** Rows per memory-mapped region, so that a region stays well under 2 GiB. */
    private final int rowsPerRegion;

    private final Path dir;
    private final String embedderId;
    private final int dimension;
    private final int rowBytes;
    private final FileChannel vectorFile;
    private final FileChannel indexFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long headerBytes;
    private final Map<Key, Integer> rowsByKey = new HashMap<>();
    private final List<MappedByteBuffer> regions = new ArrayList<>();
    private final List<Integer> vectorCrcs = new ArrayList<>();
    private String recoveryNote;
    private int rows;
    private boolean closed;

    private EmbeddingCache(Path dir, String embedderId, int dimension, FileChannel lockChannel, FileLock lock,
                           FileChannel vectors, FileChannel index, long headerBytes, String recoveryNote) {
        this.dir = dir;
        this.embedderId = embedderId;
        this.dimension = dimension;
        this.rowBytes = dimension * Float.BYTES;
        this.rowsPerRegion = Math.max(1, (1 << 30) / rowBytes);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.vectorFile = vectors;
        this.indexFile = index;
        this.headerBytes = headerBytes;
        this.recoveryNote = recoveryNote;
    }

    /**
     * Opens (creating if needed) the cache of one embedder under {@code root}.
     *
     * @param root the cache root, e.g. {@code .finerouter-cache/embeddings}
     * @param embedderId {@link Embedder#id()}
     * @param dimension {@link Embedder#dimension()}
     * @param recovery what to do with corrupt files
     * @throws EngineException when the folder cannot be used, is locked by another process, or (with
     *     {@link Recovery#FAIL}) is corrupt
     */
    public static EmbeddingCache open(Path root, String embedderId, int dimension, Recovery recovery) throws EngineException {
        Objects.requireNonNull(embedderId, "embedderId");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        Path dir = root.resolve(folderName(embedderId));
        FileChannel lockChannel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new EngineException("the embedding cache " + dir + " is in use by another process or instance",
                        "close the other run, or use another cache folder", null);
            }
            String note = null;
            EmbeddingCache cache;
            try {
                cache = load(dir, embedderId, dimension, lockChannel, lock);
            } catch (CorruptCacheException e) {
                if (recovery == Recovery.FAIL) {
                    throw new EngineException("the embedding cache is corrupt: " + e.getMessage(),
                            "delete the folder " + dir + " (it only holds cached vectors) and run again", null);
                }
                note = "embedding cache " + dir + " was corrupt (" + e.getMessage() + "); rebuilt empty";
                Files.deleteIfExists(dir.resolve(INDEX_FILE));
                Files.deleteIfExists(dir.resolve(VECTORS_FILE));
                try {
                    cache = load(dir, embedderId, dimension, lockChannel, lock);
                } catch (CorruptCacheException again) {
                    throw new IllegalStateException("fresh cache reported corrupt", again);
                }
            }
            cache.recoveryNote = note;
            lockChannel = null;
            return cache;
        } catch (IOException e) {
            throw new EngineException("cannot open the embedding cache " + dir + ": " + e.getMessage(),
                    "check the folder is writable", e);
        } finally {
            if (lockChannel != null) {
                try {
                    lockChannel.close(); // also releases the lock
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    private static EmbeddingCache load(Path dir, String embedderId, int dimension, FileChannel lockChannel, FileLock lock)
            throws IOException, CorruptCacheException {
        Path indexPath = dir.resolve(INDEX_FILE);
        Path vectorsPath = dir.resolve(VECTORS_FILE);
        byte[] header = header(embedderId, dimension);
        if (!Files.exists(indexPath)) {
            // No index: nothing is committed. Start both files from scratch.
            try (FileChannel v = FileChannel.open(vectorsPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                v.truncate(0);
            }
            AtomicHeader.write(indexPath, header);
        }
        FileChannel index = FileChannel.open(indexPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel vectors = FileChannel.open(vectorsPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        boolean ok = false;
        try {
            long indexSize = index.size();
            if (indexSize < header.length) {
                throw new CorruptCacheException(indexPath + " is truncated inside its header");
            }
            ByteBuffer h = ByteBuffer.allocate(header.length);
            readFully(index, h, 0);
            if (!Arrays.equals(h.array(), header)) {
                byte[] got = h.array();
                if (!Arrays.equals(Arrays.copyOf(got, MAGIC.length), MAGIC)) {
                    throw new CorruptCacheException(indexPath + " is not an embedding cache index (bad magic)");
                }
                throw new CorruptCacheException(indexPath + " has a damaged header or belongs to another embedder/dimension");
            }
            EmbeddingCache cache = new EmbeddingCache(dir, embedderId, dimension, lockChannel, lock, vectors, index, header.length, null);
            long recordCount = (indexSize - header.length) / RECORD_BYTES;
            if (recordCount > Integer.MAX_VALUE / RECORD_BYTES) {
                throw new CorruptCacheException(indexPath + " lists " + recordCount + " rows, more than a cache can hold");
            }
            int records = (int) recordCount;
            ByteBuffer all = ByteBuffer.allocate(records * RECORD_BYTES);
            readFully(index, all, header.length);
            all.flip();
            int valid = records;
            CRC32C crc = new CRC32C();
            byte[] hash = new byte[32];
            for (int r = 0; r < records; r++) {
                all.get(hash);
                int vcrc = all.getInt();
                int rcrc = all.getInt();
                if (rcrc != recordCrc(crc, hash, vcrc, r)) {
                    if (r == records - 1) {
                        valid = r; // torn last record of an interrupted put
                        break;
                    }
                    throw new CorruptCacheException(indexPath + " record " + r + " of " + records + " fails its checksum");
                }
                cache.rowsByKey.put(new Key(hash), r);
                cache.vectorCrcs.add(vcrc);
            }
            long vectorRows = vectors.size() / cache.rowBytes;
            if (vectorRows < valid) {
                throw new CorruptCacheException(vectorsPath + " holds " + vectorRows + " vectors but the index lists " + valid);
            }
            // Drop uncommitted tails: partial index record(s) and vectors written by an interrupted put.
            index.truncate(header.length + (long) valid * RECORD_BYTES);
            vectors.truncate((long) valid * cache.rowBytes);
            cache.rows = valid;
            cache.remap();
            ok = true;
            return cache;
        } finally {
            if (!ok) {
                index.close();
                vectors.close();
            }
        }
    }

    /** The folder holding this embedder's files. */
    public Path directory() {
        return dir;
    }

    /** The embedder id this cache belongs to. */
    public String embedderId() {
        return embedderId;
    }

    /** The vector length. */
    public int dimension() {
        return dimension;
    }

    /** The number of distinct texts cached. */
    public synchronized int size() {
        return rowsByKey.size();
    }

    /** What was repaired when opening, or {@code null} when the files were sound. */
    public String recoveryNote() {
        return recoveryNote;
    }

    /** The cache key of a text: the SHA-256 of its UTF-8 bytes. */
    public static byte[] textKey(String text) {
        return OnnxSentenceEmbedder.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Copies the cached vector of a text key into {@code dst[offset, offset + dimension)}.
     *
     * @return {@code false} on a miss (including a cached vector whose bytes fail their checksum)
     */
    public synchronized boolean get(byte[] key, float[] dst, int offset) {
        ensureOpen();
        Integer row = rowsByKey.get(new Key(key));
        if (row == null) {
            return false;
        }
        ByteBuffer region = regions.get(row / rowsPerRegion).duplicate().order(ByteOrder.LITTLE_ENDIAN);
        region.position((row % rowsPerRegion) * rowBytes).limit((row % rowsPerRegion) * rowBytes + rowBytes);
        CRC32C crc = new CRC32C();
        crc.update(region.duplicate());
        if ((int) crc.getValue() != vectorCrcs.get(row)) {
            rowsByKey.remove(new Key(key));
            return false;
        }
        region.asFloatBuffer().get(dst, offset, dimension);
        return true;
    }

    /** Whether a text key is cached (without verifying the vector's checksum). */
    public synchronized boolean contains(byte[] key) {
        ensureOpen();
        return rowsByKey.containsKey(new Key(key));
    }

    /**
     * Appends vectors: row {@code i} of {@code vectors} under {@code keys.get(i)}. Keys already cached are skipped.
     * Durable when this method returns.
     *
     * @throws EngineException when writing fails (disk full, ...)
     */
    public synchronized void put(List<byte[]> keys, Embeddings vectors) throws EngineException {
        ensureOpen();
        if (vectors.dimension() != dimension || vectors.rows() != keys.size()) {
            throw new IllegalArgumentException("expected " + keys.size() + " x " + dimension + " vectors, got "
                    + vectors.rows() + " x " + vectors.dimension());
        }
        List<Integer> fresh = new ArrayList<>();
        Map<Key, Boolean> seen = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Key k = new Key(keys.get(i));
            if (!rowsByKey.containsKey(k) && seen.put(k, Boolean.TRUE) == null) {
                fresh.add(i);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        int n = fresh.size();
        ByteBuffer floats = ByteBuffer.allocate(n * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer recs = ByteBuffer.allocate(n * RECORD_BYTES);
        int[] crcs = new int[n];
        CRC32C crc = new CRC32C();
        float[] data = vectors.data();
        for (int j = 0; j < n; j++) {
            int src = fresh.get(j);
            int start = floats.position();
            floats.asFloatBuffer().put(data, src * dimension, dimension);
            floats.position(start + rowBytes);
            crc.reset();
            crc.update(floats.array(), start, rowBytes);
            crcs[j] = (int) crc.getValue();
            byte[] hash = keys.get(src);
            recs.put(hash).putInt(crcs[j]).putInt(recordCrc(crc, hash, crcs[j], rows + j));
        }
        floats.flip();
        recs.flip();
        try {
            writeFully(vectorFile, floats, (long) rows * rowBytes);
            vectorFile.force(false);
            writeFully(indexFile, recs, headerBytes + (long) rows * RECORD_BYTES);
            indexFile.force(false);
        } catch (IOException e) {
            try {
                // Leave the files as they were committed; a failed truncate is repaired on the next open.
                indexFile.truncate(headerBytes + (long) rows * RECORD_BYTES);
                vectorFile.truncate((long) rows * rowBytes);
            } catch (IOException ignored) {
                // repaired on next open
            }
            throw new EngineException("cannot write to the embedding cache " + dir + ": " + e.getMessage(),
                    "check free disk space", e);
        }
        for (int j = 0; j < n; j++) {
            rowsByKey.put(new Key(keys.get(fresh.get(j))), rows + j);
            vectorCrcs.add(crcs[j]);
        }
        rows += n;
        try {
            remap();
        } catch (IOException e) {
            throw new EngineException("cannot map the embedding cache " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Maps the committed rows: full regions stay mapped, the last (partial) region is mapped again. */
    private void remap() throws IOException {
        int needed = (rows + rowsPerRegion - 1) / rowsPerRegion;
        long fullRegion = (long) rowsPerRegion * rowBytes;
        // Drop the last region unless it is full; full regions never change.
        while (regions.size() > needed
                || (!regions.isEmpty() && regions.get(regions.size() - 1).capacity() < fullRegion)) {
            regions.remove(regions.size() - 1);
        }
        for (int r = regions.size(); r < needed; r++) {
            long start = (long) r * fullRegion;
            long end = Math.min((long) rows * rowBytes, start + fullRegion);
            regions.add(vectorFile.map(FileChannel.MapMode.READ_ONLY, start, end - start));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        regions.clear();
        for (AutoCloseable c : new AutoCloseable[] {indexFile, vectorFile, lockChannel}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing useful to do on close
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedding cache is closed");
        }
    }

    /** The folder name for an embedder id: readable, file-system safe and unique. */
    static String folderName(String embedderId) {
        String safe = embedderId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(0, 60);
        }
        byte[] h = OnnxSentenceEmbedder.sha256().digest(embedderId.getBytes(StandardCharsets.UTF_8));
        return safe + "-" + HexFormat.of().formatHex(h, 0, 6);
    }

    private static byte[] header(String embedderId, int dimension) {
        byte[] id = embedderId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + 4 + 4 + id.length + 4);
        b.put(MAGIC).putInt(VERSION).putInt(dimension).putInt(id.length).put(id);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static int recordCrc(CRC32C crc, byte[] hash, int vectorCrc, int row) {
        crc.reset();
        crc.update(hash);
        crc.update(ByteBuffer.allocate(8).putInt(vectorCrc).putInt(row).array());
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        while (dst.hasRemaining()) {
            int r = ch.read(dst, pos);
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += r;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer src, long pos) throws IOException {
        while (src.hasRemaining()) {
            pos += ch.write(src, pos);
        }
    }

    /** A 32-byte SHA-256 as a hash-map key. */
    private record Key(long a, long b, long c, long d) {
        Key(byte[] h) {
            this(ByteBuffer.wrap(check(h)).getLong(0), ByteBuffer.wrap(h).getLong(8), ByteBuffer.wrap(h).getLong(16),
                    ByteBuffer.wrap(h).getLong(24));
        }

        private static byte[] check(byte[] h) {
            if (h.length != 32) {
                throw new IllegalArgumentException("a key is a 32-byte SHA-256, got " + h.length + " bytes");
            }
            return h;
        }
    }

    /** The files do not add up. */
    private static final class CorruptCacheException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptCacheException(String message) {
            super(message);
        }
    }

    /** Writes a fresh index header atomically (so a crash never leaves a half header behind). */
    private static final class AtomicHeader {
        static void write(Path indexPath, byte[] header) throws IOException {
            try {
                dev.finerouter.engine.io.AtomicFiles.write(indexPath, out -> out.write(header));
            } catch (EngineException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

}

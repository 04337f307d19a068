package dev.finerouter.engine.embed;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingCacheTest {
    private static final String ID = "counting:v1/dim16";
    private static final int DIM = 16;
    private static final StageContext CTX = StageContext.silent(1);

    @TempDir
    Path root;

    private static List<String> texts(int n, String prefix) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add(prefix + " text number " + i);
        }
        return t;
    }

    private CachedEmbedder open(CountingEmbedder inner) throws EngineException {
        return new CachedEmbedder(inner, EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.REBUILD), 7);
    }

    private Path dir() {
        return root.resolve(EmbeddingCache.folderName(ID));
    }

    @Test
    void hitsDoNotReachTheInnerEmbedder() throws EngineException {
        CountingEmbedder inner = new CountingEmbedder(ID, DIM);
        try (CachedEmbedder cached = open(inner)) {
            List<String> t = texts(20, "a");
            Embeddings first = cached.embed(t, CTX);
            assertEquals(20, inner.texts.get());
            assertEquals(3, inner.calls.get(), "chunks of 7");
            Embeddings second = cached.embed(t, CTX);
            assertEquals(20, inner.texts.get(), "all hits");
            assertArrayEquals(first.data(), second.data());
            assertArrayEquals(new CountingEmbedder(ID, DIM).embed(t, CTX).data(), first.data(), "same as uncached");

            List<String> mixed = new ArrayList<>(texts(5, "b"));
            mixed.addAll(t.subList(0, 5));
            mixed.add("b text number 0"); // duplicate within the call
            Embeddings m = cached.embed(mixed, CTX);
            assertEquals(25, inner.texts.get(), "only the 5 new distinct texts are embedded");
            assertArrayEquals(first.row(0), m.row(5));
            assertArrayEquals(m.row(0), m.row(10));
            assertEquals(25, cached.cache().size());
        }
    }

    @Test
    void survivesReopen() throws EngineException {
        List<String> t = texts(30, "x");
        Embeddings before;
        try (CachedEmbedder cached = open(new CountingEmbedder(ID, DIM))) {
            before = cached.embed(t, CTX);
        }
        CountingEmbedder inner = new CountingEmbedder(ID, DIM);
        try (CachedEmbedder cached = open(inner)) {
            assertNull(cached.cache().recoveryNote());
            assertEquals(30, cached.cache().size());
            assertArrayEquals(before.data(), cached.embed(t, CTX).data());
            assertEquals(0, inner.calls.get());
            cached.embed(texts(3, "y"), CTX); // appending after reopen works
        }
        try (EmbeddingCache cache = EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL)) {
            assertEquals(33, cache.size());
        }
    }

    @Test
    void otherEmbedderIdsUseOtherFolders() throws EngineException {
        try (CachedEmbedder a = open(new CountingEmbedder(ID, DIM))) {
            a.embed(texts(3, "a"), CTX);
        }
        CountingEmbedder other = new CountingEmbedder("counting:v2/dim16", DIM);
        try (CachedEmbedder b = CachedEmbedder.open(other, root)) {
            b.embed(texts(3, "a"), CTX);
            assertEquals(3, other.texts.get());
            assertNotEquals(dir(), b.cache().directory());
        }
    }

    @Test
    void corruptRecordIsRebuiltOrReported() throws Exception {
        try (CachedEmbedder cached = open(new CountingEmbedder(ID, DIM))) {
            cached.embed(texts(10, "c"), CTX);
        }
        Path index = dir().resolve(EmbeddingCache.INDEX_FILE);
        long recordsStart = Files.size(index) - 10L * EmbeddingCache.RECORD_BYTES;
        flipByte(index, recordsStart + 3L * EmbeddingCache.RECORD_BYTES + 5);

        EngineException e = assertThrows(EngineException.class,
                () -> EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL));
        assertTrue(e.getMessage().contains(index.toString()), e.getMessage());
        assertTrue(e.hint().contains(dir().toString()), e.hint());

        CountingEmbedder inner = new CountingEmbedder(ID, DIM);
        List<String> logged = new ArrayList<>();
        try (CachedEmbedder cached = open(inner)) {
            assertTrue(cached.cache().recoveryNote().contains("corrupt"), cached.cache().recoveryNote());
            assertEquals(0, cached.cache().size());
            cached.embed(texts(10, "c"), StageContext.of(1, (f, m) -> { }, logged::add, new AtomicBoolean()));
            assertEquals(10, inner.texts.get());
        }
        assertTrue(logged.get(0).contains("rebuilt"), logged.toString());
        try (EmbeddingCache cache = EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL)) {
            assertEquals(10, cache.size());
        }
    }

    @Test
    void truncatedHeaderIsDetected() throws Exception {
        try (CachedEmbedder cached = open(new CountingEmbedder(ID, DIM))) {
            cached.embed(texts(4, "h"), CTX);
        }
        Path index = dir().resolve(EmbeddingCache.INDEX_FILE);
        truncate(index, 10);
        EngineException e = assertThrows(EngineException.class,
                () -> EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        try (EmbeddingCache cache = EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.REBUILD)) {
            assertEquals(0, cache.size());
            assertTrue(cache.recoveryNote() != null);
        }
    }

    @Test
    void tornLastRecordAndUncommittedVectorsAreDroppedQuietly() throws Exception {
        try (CachedEmbedder cached = open(new CountingEmbedder(ID, DIM))) {
            cached.embed(texts(6, "t"), CTX);
        }
        Path index = dir().resolve(EmbeddingCache.INDEX_FILE);
        Path vectors = dir().resolve(EmbeddingCache.VECTORS_FILE);
        truncate(index, Files.size(index) - 11); // a crash while appending the last record
        Files.write(vectors, new byte[100], StandardOpenOption.APPEND); // vectors of a put whose index never landed

        CountingEmbedder inner = new CountingEmbedder(ID, DIM);
        try (CachedEmbedder cached = open(inner)) {
            assertNull(cached.cache().recoveryNote(), "an interrupted put is normal, not corruption");
            assertEquals(5, cached.cache().size());
            assertEquals(5L * DIM * Float.BYTES, Files.size(vectors));
            Embeddings e = cached.embed(texts(6, "t"), CTX);
            assertEquals(1, inner.texts.get(), "only the lost row is embedded again");
            assertArrayEquals(new CountingEmbedder(ID, DIM).embed(texts(6, "t"), CTX).data(), e.data());
        }
    }

    @Test
    void missingVectorsAreCorruption() throws Exception {
        try (CachedEmbedder cached = open(new CountingEmbedder(ID, DIM))) {
            cached.embed(texts(6, "m"), CTX);
        }
        truncate(dir().resolve(EmbeddingCache.VECTORS_FILE), 2L * DIM * Float.BYTES);
        EngineException e = assertThrows(EngineException.class,
                () -> EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL));
        assertTrue(e.getMessage().contains("holds 2 vectors but the index lists 6"), e.getMessage());
    }

    @Test
    void damagedVectorIsAMissAndReembedded() throws Exception {
        List<String> t = texts(4, "d");
        try (CachedEmbedder cached = open(new CountingEmbedder(ID, DIM))) {
            cached.embed(t, CTX);
        }
        flipByte(dir().resolve(EmbeddingCache.VECTORS_FILE), 2L * DIM * Float.BYTES + 3);
        CountingEmbedder inner = new CountingEmbedder(ID, DIM);
        try (CachedEmbedder cached = open(inner)) {
            Embeddings e = cached.embed(t, CTX);
            assertEquals(1, inner.texts.get());
            assertArrayEquals(new CountingEmbedder(ID, DIM).embed(t, CTX).data(), e.data());
        }
        CountingEmbedder again = new CountingEmbedder(ID, DIM);
        try (CachedEmbedder cached = open(again)) {
            cached.embed(t, CTX);
            assertEquals(0, again.texts.get(), "the re-embedded row superseded the damaged one");
        }
    }

    @Test
    void wrongDimensionIsCorruption() throws Exception {
        try (EmbeddingCache cache = EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL)) {
            assertEquals(0, cache.size());
        }
        // same folder name, different dimension in the header
        EngineException e = assertThrows(EngineException.class,
                () -> EmbeddingCache.open(root, ID, 8, EmbeddingCache.Recovery.FAIL));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void secondOpenOfTheSameFolderIsRefused() throws Exception {
        try (EmbeddingCache cache = EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL)) {
            EngineException e = assertThrows(EngineException.class,
                    () -> EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertEquals(0, cache.size());
        }
        EmbeddingCache.open(root, ID, DIM, EmbeddingCache.Recovery.FAIL).close(); // lock released on close
    }

    @Test
    void cancellationKeepsFinishedChunks() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        CountingEmbedder inner = new CountingEmbedder(ID, DIM) {
            @Override
            public Embeddings embed(List<String> batch, StageContext ctx) throws EngineException {
                Embeddings e = super.embed(batch, ctx);
                cancel.set(true); // the user presses cancel during the first chunk
                return e;
            }
        };
        List<String> t = texts(20, "k");
        try (CachedEmbedder cached = open(inner)) {
            assertThrows(CancelledException.class,
                    () -> cached.embed(t, StageContext.of(1, (f, m) -> { }, l -> { }, cancel)));
            assertEquals(7, cached.cache().size(), "the first chunk was stored");
        }
        CountingEmbedder resumed = new CountingEmbedder(ID, DIM);
        try (CachedEmbedder cached = open(resumed)) {
            cached.embed(t, CTX);
            assertEquals(13, resumed.texts.get());
        }
    }

    @Test
    void progressIsMonotoneAndEndsAtOne() throws EngineException {
        List<Double> seen = new ArrayList<>();
        try (CachedEmbedder cached = open(new CountingEmbedder(ID, DIM))) {
            cached.embed(texts(20, "p"), StageContext.of(1, (f, m) -> seen.add(f), l -> { }, new AtomicBoolean()));
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), seen.toString());
        }
        assertEquals(1.0, seen.get(seen.size() - 1));
    }

    private static void flipByte(Path file, long pos) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            b.rewind();
            ch.write(b, pos);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}

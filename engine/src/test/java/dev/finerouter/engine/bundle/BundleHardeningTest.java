package dev.finerouter.engine.bundle;

import dev.finerouter.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17: zip entries checked against their declared sizes before inflating; staging leftovers of killed exports removed. */
class BundleHardeningTest {
    @TempDir
    Path tmp;

    /** A one-entry deflated zip whose central directory declares {@code declaredSize} for {@code content}. */
    private static byte[] zipDeclaring(byte[] content, long declaredSize) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(BundleJson.MANIFEST));
            zip.write(content);
            zip.closeEntry();
        }
        byte[] b = bytes.toByteArray();
        int cen = -1;
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2) {
                cen = i;
                break;
            }
        }
        assertTrue(cen > 0, "central directory found");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(cen + 24, (int) declaredSize); // uncompressed size (unsigned 32 bits)
        return b;
    }

    @Test
    void aZipBombIsRefusedFromItsDeclaredSizeBeforeInflating() throws Exception {
        byte[] z = zipDeclaring("{}".repeat(500).getBytes(), 3_000_000_000L);
        // garble the deflated data: inflating it would fail with another message, so the refusal below came first
        int local = 30 + BundleJson.MANIFEST.length();
        for (int i = local; i < local + 8; i++) {
            z[i] = (byte) 0xFF;
        }
        Path bomb = Files.write(tmp.resolve("bomb.frb"), z);
        long t0 = System.nanoTime();
        EngineException e = assertThrows(EngineException.class, () -> BundleReader.read(bomb));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains(BundleJson.MANIFEST + " in " + bomb + " declares 3000000000 bytes; a bundle file may have at most "
                + BundleReader.MAX_ENTRY_BYTES), e.getMessage());
        assertTrue(e.getMessage().contains("refused before unpacking"), e.getMessage());
        assertTrue(ms < 5_000, "refused in " + ms + " ms");
    }

    @Test
    void anEntryThatInflatesBeyondItsDeclaredSizeIsRefused() throws Exception {
        Path lying = Files.write(tmp.resolve("lying.frb"), zipDeclaring("x".repeat(100_000).getBytes(), 10));
        EngineException e = assertThrows(EngineException.class, () -> BundleReader.read(lying));
        assertTrue(e.getMessage().contains("unpacks to more than the 10 bytes its central directory declares"), e.getMessage());
    }

    @Test
    void stagingLeftoversOfAKilledExportAreRemovedAtTheNextWrite() throws Exception {
        RouterBundle golden = BundleReader.read(BundleTest.GOLDEN);
        Path target = tmp.resolve("router.frb");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Path staging = Files.createDirectories(tmp.resolve(".router.frb.k3x9q2ab1c0d.tmp").resolve("classifier"));
        Files.writeString(staging.resolve("weights.params"), "half written");
        Path zipTmp = Files.writeString(tmp.resolve(".router.frb.7zz.tmp"), "half a zip");
        Path fresh = Files.createDirectories(tmp.resolve(".router.frb.abc.tmp")); // modified now: maybe another process's export
        List<Path> keep = List.of(
                Files.createDirectories(tmp.resolve(".router.frb.abc.old")),
                Files.createDirectories(tmp.resolve(".other.frb.abc.tmp")),
                Files.createDirectories(tmp.resolve(".router.frb.ABC.tmp")),
                Files.createDirectories(tmp.resolve(".router.frb.abc.tmp.keep")),
                Files.createDirectories(tmp.resolve("router.frb.abc.tmp")),
                Files.createDirectories(tmp.resolve(".router.frb..tmp")));
        for (Path p : List.of(staging.resolve("weights.params"), staging, staging.getParent(), zipTmp)) {
            Files.setLastModifiedTime(p, old);
        }
        for (Path p : keep) {
            Files.setLastModifiedTime(p, old);
        }

        BundleWriter.write(golden.router(), GoldenBundle.metadata(golden.router()), target);

        assertFalse(Files.exists(staging.getParent()), "the old staging folder is gone");
        assertFalse(Files.exists(zipTmp), "the old zip temporary is gone");
        assertTrue(Files.exists(fresh), "a staging folder modified after this process started is left alone");
        for (Path p : keep) {
            assertTrue(Files.exists(p), p + " does not match the staging pattern exactly and is kept");
        }
        assertEquals(BundleReader.read(target).manifest().files(), BundleReader.read(BundleTest.GOLDEN).manifest().files());
    }
}

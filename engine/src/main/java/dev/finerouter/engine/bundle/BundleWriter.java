package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.EngineVersion;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a router bundle atomically: as a folder, or — when the target's name ends in {@value #ZIP_SUFFIX} — as the
 * same files in one zip. Everything is first written to a hidden temporary sibling of the target and then moved into
 * place, so readers never see half a bundle and a failure leaves any previous bundle untouched. Every file except the
 * manifest is deterministic (same router ⇒ same bytes); zip entries are sorted and carry a fixed time.
 *
 * <p>A run killed during an export leaves its hidden staging folder (or zip temporary) {@code .NAME.<random>.tmp} beside
 * the target. The next write to the same target removes such leftovers — only names of exactly that pattern, never
 * symbolic links, and only when nothing in them was modified after this process started (so a concurrent export by a
 * running process is left alone).
 */
public final class BundleWriter {
    /** File name suffix of single-file bundles. */
    public static final String ZIP_SUFFIX = ".frb";
    private static final long ZIP_ENTRY_TIME = 315532800000L + 86_400_000L; // 1980-01-02, DOS-time safe
    private static final SecureRandom RANDOM = new SecureRandom();

    private BundleWriter() {
    }

    /**
     * Exports a pipeline run: its router with every setting, the data fingerprint, centers and fused rankings.
     *
     * @param result the trained pipeline
     * @param defaultPolicy the routing policy to record as default
     * @param target a folder, or a file ending in {@value #ZIP_SUFFIX}
     * @return the manifest written
     */
    public static BundleManifest write(TrainingResult result, RoutingPolicy defaultPolicy, Path target) throws EngineException {
        return write(result.router(), BundleMetadata.of(result, defaultPolicy, Instant.now()), target);
    }

    /**
     * Writes a router with its metadata.
     *
     * @param router the router
     * @param metadata provenance and settings
     * @param target a folder, or a file ending in {@value #ZIP_SUFFIX}
     * @return the manifest written
     * @throws EngineException when the target cannot be written or exists and is not a bundle
     */
    public static BundleManifest write(TrainedRouter router, BundleMetadata metadata, Path target) throws EngineException {
        return staged(target, staging -> {
            router.classifier().save(staging.resolve(BundleJson.CLASSIFIER));
            router.estimator().save(staging.resolve(BundleJson.ESTIMATOR));
            Files.write(staging.resolve(BundleJson.TASKS), BundleJson.tasks(router.tasks(), router.pool(), metadata.taskDetails()));
            Files.write(staging.resolve(BundleJson.OTHERS), BundleJson.others(router.othersMedianScore()));
            if (router.rule() != null) {
                BundleRule.write(router.rule(), staging);
            }
            Map<String, String> hashes = new TreeMap<>();
            for (Map.Entry<String, Path> f : listFiles(staging).entrySet()) {
                hashes.put(f.getKey(), BundleJson.sha256(Files.readAllBytes(f.getValue())));
            }
            BundleManifest manifest = manifest(router, metadata, hashes);
            ObjectNode json = BundleJson.MAPPER.valueToTree(manifest);
            Files.write(staging.resolve(BundleJson.MANIFEST), BundleJson.bytes(json));
            return manifest;
        });
    }

    /**
     * Writes a copy of a bundle whose default policy comes from a calibration: every file byte for byte, and a new
     * manifest with {@code policy} as {@code defaultPolicy} and the {@code calibration} record. The source is read
     * and verified first, so {@code target} may be the source itself (replaced atomically).
     *
     * @param source the bundle to copy (folder or {@code .frb})
     * @param policy the calibrated default policy
     * @param calibration the target and its dev/test outcome
     * @param target a folder, or a file ending in {@value #ZIP_SUFFIX}
     * @return the manifest written
     * @throws EngineException when the source is not a valid bundle or the target cannot be written
     */
    public static BundleManifest writeCalibrated(Path source, RoutingPolicy policy, BundleCalibration calibration, Path target)
            throws EngineException {
        Map<String, byte[]> files = BundleReader.readFiles(source);
        BundleManifest old = BundleVerifier.verify(files, source.toString());
        BundleManifest manifest = old.calibrated(policy, calibration, EngineVersion.get(), Instant.now().toString());
        return staged(target, staging -> {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (!f.getKey().equals(BundleJson.MANIFEST)) {
                    Path out = staging.resolve(f.getKey());
                    Files.createDirectories(out.getParent());
                    Files.write(out, f.getValue());
                }
            }
            Files.write(staging.resolve(BundleJson.MANIFEST), BundleJson.bytes(BundleJson.MAPPER.valueToTree(manifest)));
            return manifest;
        });
    }

    /** Fills a fresh staging folder with a bundle's files and returns its manifest. */
    @FunctionalInterface
    private interface StagingFiller {
        BundleManifest fill(Path staging) throws IOException, EngineException;
    }

    /**
     * Writes a bundle through a staging folder beside {@code target}: {@code filler} writes every file into it, then the
     * folder replaces the target folder, or is zipped into the {@code .frb} file, atomically; the staging folder is
     * removed whatever happens.
     */
    private static BundleManifest staged(Path target, StagingFiller filler) throws EngineException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        boolean zip = absolute.getFileName().toString().endsWith(ZIP_SUFFIX);
        checkTarget(absolute, zip);
        if (Files.isDirectory(parent)) {
            removeLeftoverStaging(parent, absolute.getFileName().toString());
        }
        Path staging = parent.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            Files.createDirectories(parent);
            Files.createDirectory(staging);
            BundleManifest manifest = filler.fill(staging);
            if (zip) {
                writeZip(staging, absolute);
            } else {
                replaceDirectory(staging, absolute);
                staging = null;
            }
            return manifest;
        } catch (IOException e) {
            throw new EngineException("cannot write the bundle " + target + ": " + e, "check the folder exists and is writable", e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /**
     * Removes the staging folders and zip temporaries of interrupted exports to {@code parent/name}: entries named
     * {@code .name.<1-13 of [0-9a-z]>.tmp} (what {@link #staged} and {@link #writeZip} create), not symbolic links, whose
     * newest modification is older than this process. Best effort.
     *
     * @return how many were removed
     */
    static int removeLeftoverStaging(Path parent, String name) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("\\." + java.util.regex.Pattern.quote(name) + "\\.[0-9a-z]{1,13}\\.tmp");
        Instant started = processStart();
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) {
                if (!pattern.matcher(p.getFileName().toString()).matches() || Files.isSymbolicLink(p)) {
                    continue;
                }
                if (newestModification(p).isBefore(started)) {
                    deleteTree(p);
                    removed += Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? 0 : 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover hidden temporary is harmless, and the export itself goes on
        }
        return removed;
    }

    private static Instant newestModification(Path root) throws IOException {
        Instant newest = Instant.EPOCH;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Instant t = Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant();
                if (t.isAfter(newest)) {
                    newest = t;
                }
            }
        }
        return newest;
    }

    private static Instant processStart() {
        return ProcessHandle.current().info().startInstant()
                .orElseGet(() -> Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    private static BundleManifest manifest(TrainedRouter router, BundleMetadata m, Map<String, String> hashes) {
        EmbedderSettings e = m.embedder();
        String kind = e == null ? BundleManifest.EncoderInfo.CUSTOM
                : e.modelDir() != null ? BundleManifest.EncoderInfo.DIRECTORY
                : e.int8() ? BundleManifest.EncoderInfo.BUNDLED_MINILM_INT8 : BundleManifest.EncoderInfo.BUNDLED_MINILM;
        BundleManifest.EncoderInfo encoder = new BundleManifest.EncoderInfo(router.encoderId(), kind,
                e == null || e.modelDir() == null ? null : e.modelDir().toAbsolutePath().toString(),
                router.classifier().inputDim(), e == null ? EmbedderSettings.BUNDLED.batchSize() : e.batchSize());
        return new BundleManifest(BundleManifest.FORMAT, BundleManifest.FORMAT_VERSION, EngineVersion.get(), m.createdAt().toString(),
                m.seed(), m.data(), router.pool().models(), encoder, m.describerId(), router.costModel(), m.defaultPolicy(),
                m.hyperparameters(), hashes);
    }

    /**
     * Checks, without writing anything, that {@code target} can take a bundle: a {@value #ZIP_SUFFIX} path must not be
     * a folder, a folder path must not be a file nor a non-empty folder that is not a bundle. Commands call it before
     * long work so a wrong path fails at once.
     *
     * @throws EngineException naming the path and the problem
     */
    public static void checkTarget(Path target) throws EngineException {
        Path absolute = target.toAbsolutePath().normalize();
        checkTarget(absolute, absolute.getFileName() != null && absolute.getFileName().toString().endsWith(ZIP_SUFFIX));
    }

    private static void checkTarget(Path target, boolean zip) throws EngineException {
        if (!Files.exists(target)) {
            return;
        }
        if (zip) {
            if (!Files.isRegularFile(target)) {
                throw new EngineException(target + " exists and is not a file", "choose another --bundle path", null);
            }
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new EngineException(target + " exists and is not a folder", "choose another --bundle path, or end it in .frb for a zip", null);
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent() && !Files.exists(target.resolve(BundleJson.MANIFEST))) {
                throw new EngineException(target + " exists and is not a router bundle; refusing to replace it",
                        "choose an empty or new folder", null);
            }
        } catch (IOException e) {
            throw new EngineException("cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    /** Relative path with '/' → file, sorted. */
    static Map<String, Path> listFiles(Path root) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".") && !rel.contains("/.")) { // hidden temporaries of AtomicFiles never count
                    out.put(rel, p);
                }
            }
        }
        return out;
    }

    private static void writeZip(Path staging, Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(channel);
                ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
                List<Map.Entry<String, Path>> entries = listFiles(staging).entrySet().stream()
                        .sorted(Comparator.comparing((Map.Entry<String, Path> en) -> !en.getKey().equals(BundleJson.MANIFEST))
                                .thenComparing(Map.Entry::getKey))
                        .toList();
                for (Map.Entry<String, Path> en : entries) {
                    ZipEntry entry = new ZipEntry(en.getKey());
                    entry.setTime(ZIP_ENTRY_TIME);
                    if (isBinaryFloats(en.getKey())) {
                        storeUncompressed(entry, en.getValue());
                    }
                    zip.putNextEntry(entry);
                    Files.copy(en.getValue(), zip);
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
                channel.force(true);
            }
            move(tmp, target);
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Weights and vectors ({@code .params}, {@code .f32}): raw floats, which deflate shrinks by 7–9% at ≈ 25 MB/s on
     * these cores — most of the export time of a large bundle (62 s of a 1.4 GB bundle at 280k prompts). They are
     * stored; JSON entries are still deflated. Readers see the same entries and bytes either way.
     */
    static boolean isBinaryFloats(String name) {
        return name.endsWith(".params") || name.endsWith(".f32");
    }

    /** Marks {@code entry} as stored: a stored zip entry needs its size and CRC-32 before its bytes. */
    private static void storeUncompressed(ZipEntry entry, Path file) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, r);
                size += r;
            }
        }
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc.getValue());
    }

    private static void replaceDirectory(Path staging, Path target) throws IOException {
        if (!Files.exists(target)) {
            move(staging, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".old");
        move(target, old);
        try {
            move(staging, target);
        } catch (IOException e) {
            move(old, target); // put the previous bundle back
            throw e;
        }
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a hidden temporary folder is harmless
        }
    }
}

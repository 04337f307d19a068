package dev.finerouter.engine.bundle;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.PathHints;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.train.QualityEstimator;
import dev.finerouter.engine.train.TaskClassifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens a router bundle (folder or {@code .frb} zip): reads every file, {@linkplain BundleVerifier verifies} format,
 * version and checksums, then loads the classifier and estimator from the verified bytes. Refuses tampered, truncated
 * and incompatible bundles with an {@link EngineException} that names the file.
 */
public final class BundleReader {
    /** Upper bound on a bundle's total size: far above any real router, low enough to refuse zip bombs. */
    static final long MAX_TOTAL_BYTES = 2L << 30;
    /**
     * Upper bound on one file of a {@code .frb} zip (1 GiB; a real bundle's largest file, the estimator, is tens of MB).
     * Checked on the size the zip's central directory declares, before anything is inflated.
     */
    public static final long MAX_ENTRY_BYTES = 1L << 30;
    private static final int MAX_FILES = 10_000;

    private BundleReader() {
    }

    /**
     * The Stage-1 center embedding of every task of a bundle (tasks.json {@code center}), in task order; an entry is
     * {@code null} when the bundle does not store that task's center (bundles written without discovery details, or
     * tasks added by {@code bundle accept} before centers were recorded).
     *
     * @param path a bundle folder or {@code .frb} file
     * @throws EngineException when the bundle is missing, damaged or tampered with
     */
    public static List<float[]> taskCenters(Path path) throws EngineException {
        return taskDetails(path).stream().map(BundleMetadata.TaskDetail::center).toList();
    }

    /**
     * The optional per-task details of a bundle (tasks.json {@code center} and {@code fusedRanking}, the ranking as
     * pool indices), in task order; either part is {@code null} when the bundle does not store it for that task.
     * What a new version of the bundle copies so that nothing it stored is lost.
     *
     * @param path a bundle folder or {@code .frb} file
     * @throws EngineException when the bundle is missing, damaged or tampered with, or names a model not in its pool
     */
    public static List<BundleMetadata.TaskDetail> taskDetails(Path path) throws EngineException {
        Map<String, byte[]> files = readFiles(path);
        String where = path.toString();
        BundleManifest manifest = BundleVerifier.verify(files, where);
        List<String> pool = manifest.models().stream().map(dev.finerouter.engine.model.ModelSpec::name).toList();
        List<BundleMetadata.TaskDetail> details = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode task : BundleJson.parse(files.get(BundleJson.TASKS), BundleJson.TASKS, where).path("tasks")) {
            com.fasterxml.jackson.databind.JsonNode c = task.path("center");
            float[] center = null;
            if (c.isArray() && !c.isEmpty()) {
                center = new float[c.size()];
                for (int i = 0; i < center.length; i++) {
                    if (!c.get(i).isNumber()) {
                        throw BundleJson.bad(BundleJson.TASKS, where, "task " + details.size() + " has a non-numeric center");
                    }
                    center[i] = c.get(i).floatValue();
                }
            }
            com.fasterxml.jackson.databind.JsonNode r = task.path("fusedRanking");
            int[] ranking = null;
            if (r.isArray()) {
                ranking = new int[r.size()];
                for (int i = 0; i < ranking.length; i++) {
                    ranking[i] = pool.indexOf(r.get(i).asText());
                    if (ranking[i] < 0) {
                        throw BundleJson.bad(BundleJson.TASKS, where, "task " + details.size() + " ranks " + r.get(i) + ", not in the pool");
                    }
                }
            }
            details.add(new BundleMetadata.TaskDetail(center, ranking));
        }
        return details;
    }

    /**
     * Reads and verifies a bundle.
     *
     * @param path a bundle folder or {@code .frb} file
     * @return the manifest and the router
     * @throws EngineException when the bundle is missing, damaged, tampered with or of another format version
     */
    public static RouterBundle read(Path path) throws EngineException {
        Map<String, byte[]> files = readFiles(path);
        String where = path.toString();
        BundleManifest manifest = BundleVerifier.verify(files, where);
        ModelPool pool;
        try {
            pool = manifest.pool();
        } catch (IllegalArgumentException e) {
            throw BundleJson.bad(BundleJson.MANIFEST, where, "has an invalid model pool: " + e.getMessage());
        }
        List<RouterTask> tasks = BundleJson.readTasks(BundleJson.parse(files.get(BundleJson.TASKS), BundleJson.TASKS, where), pool, where);
        float[] others = BundleJson.readFloats(BundleJson.parse(files.get(BundleJson.OTHERS), BundleJson.OTHERS, where).path("medianScore"),
                pool.size(), BundleJson.OTHERS, where);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("finerouter-bundle");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getKey().startsWith(BundleJson.CLASSIFIER + "/") || f.getKey().startsWith(BundleJson.ESTIMATOR + "/")) {
                    Path out = tmp.resolve(f.getKey());
                    Files.createDirectories(out.getParent());
                    Files.write(out, f.getValue());
                }
            }
            TaskClassifier classifier = TaskClassifier.load(tmp.resolve(BundleJson.CLASSIFIER));
            QualityEstimator estimator = QualityEstimator.load(tmp.resolve(BundleJson.ESTIMATOR));
            if (classifier.inputDim() != manifest.encoder().dimension() || estimator.inputDim() != manifest.encoder().dimension()) {
                throw BundleJson.bad(BundleJson.MANIFEST, where, "says the encoder has dimension " + manifest.encoder().dimension()
                        + " but the networks take " + classifier.inputDim());
            }
            RobustRule rule = BundleRule.read(files, tasks.size(), pool.size(), manifest.encoder().dimension(), where);
            TrainedRouter router = new TrainedRouter(pool, tasks, others, classifier, estimator, manifest.encoder().id(), manifest.costModel(),
                    rule);
            return new RouterBundle(path, manifest, router);
        } catch (IOException e) {
            throw new EngineException("cannot unpack " + path + ": " + e.getMessage(), "check there is space in the temporary folder", e);
        } catch (IllegalArgumentException e) {
            throw new EngineException(path + " is inconsistent: " + e.getMessage(), "the bundle is damaged or was edited; export it again", e);
        } finally {
            if (tmp != null) {
                BundleWriter.deleteTree(tmp);
            }
        }
    }

    private static EngineException unreadable(Path path, IOException e) {
        if (PathHints.isPermission(e)) {
            return new EngineException("cannot read the bundle " + path + ": permission denied", PathHints.permissionHint(path), e);
        }
        return new EngineException("cannot read the bundle " + path + ": " + e.getMessage(), "check the bundle is intact; "
                + "'finerouter bundle verify' checks it", e);
    }

    /** Every file of a bundle folder or zip: relative path with {@code /} → bytes. */
    static Map<String, byte[]> readFiles(Path path) throws EngineException {
        if (Files.isDirectory(path)) {
            try {
                Map<String, byte[]> out = new TreeMap<>();
                long total = 0;
                for (Map.Entry<String, Path> f : BundleWriter.listFiles(path).entrySet()) {
                    total += Files.size(f.getValue());
                    if (total > MAX_TOTAL_BYTES || out.size() >= MAX_FILES) {
                        throw new EngineException(path + " is too large to be a router bundle", "check the path", null);
                    }
                    out.put(f.getKey(), Files.readAllBytes(f.getValue()));
                }
                return out;
            } catch (IOException e) {
                throw unreadable(path, e);
            }
        }
        if (!Files.isRegularFile(path)) {
            String near = PathHints.nearby(path);
            throw new EngineException("no bundle at " + path + ": it does not exist", "pass a bundle folder or .frb file written by "
                    + "'finerouter train --bundle' (by default out/run/router.frb)" + (near.isEmpty() ? "" : "; " + near), null);
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Map<String, byte[]> out = new TreeMap<>();
            // First the central directory: names, count and declared sizes, before a single byte is inflated.
            List<ZipEntry> files = new java.util.ArrayList<>();
            long declaredTotal = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                if (name.startsWith("/") || name.contains("\\") || name.contains("..") || name.isBlank()) {
                    throw new EngineException(path + " contains an unsafe entry name '" + name + "'", "do not open this file", null);
                }
                if (files.size() >= MAX_FILES) {
                    throw new EngineException(path + " has too many entries to be a router bundle", "check the path", null);
                }
                long size = e.getSize();
                if (size < 0 || size > MAX_ENTRY_BYTES) {
                    throw new EngineException(name + " in " + path + " declares " + (size < 0 ? "no size" : size + " bytes")
                            + "; a bundle file may have at most " + MAX_ENTRY_BYTES + " bytes (refused before unpacking: a zip bomb or not a bundle)",
                            "do not open this file; export the bundle again", null);
                }
                declaredTotal += size;
                if (declaredTotal > MAX_TOTAL_BYTES) {
                    throw new EngineException(path + " declares more than " + MAX_TOTAL_BYTES + " bytes in total; too large to be a router bundle "
                            + "(refused before unpacking)", "do not open this file; export the bundle again", null);
                }
                files.add(e);
            }
            for (ZipEntry e : files) {
                String name = e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    int declared = (int) e.getSize();
                    byte[] b = in.readNBytes(declared + 1); // never more than declared: a lying size cannot inflate further
                    if (b.length != declared) {
                        throw new EngineException(name + " in " + path + " unpacks to " + (b.length > declared ? "more than" : "only " + b.length
                                + " of") + " the " + declared + " bytes its central directory declares: the file is corrupt or crafted",
                                "do not open this file; export the bundle again", null);
                    }
                    out.put(name, b);
                } catch (ZipException | java.io.EOFException ex) {
                    throw new EngineException(name + " in " + path + " cannot be unpacked (" + ex.getMessage() + "): the file is truncated or corrupt",
                            "copy or export the bundle again", ex);
                }
            }
            return out;
        } catch (ZipException e) {
            throw new EngineException(path + " is not a readable .frb bundle (" + e.getMessage() + "); it is truncated or not a zip",
                    "copy or export the bundle again", e);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }
}

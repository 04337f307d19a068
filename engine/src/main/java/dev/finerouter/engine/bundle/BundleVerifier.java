package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finerouter.engine.EngineException;

import java.util.List;
import java.util.Map;

/**
 * Checks a bundle's raw files before anything is loaded: the manifest's format and version, and that the files are
 * exactly those the manifest lists, each with its SHA-256. Every refusal names the offending file.
 */
public final class BundleVerifier {
    /** Files every version-1 bundle has besides the manifest. */
    static final List<String> REQUIRED = List.of(BundleJson.TASKS, BundleJson.OTHERS, BundleJson.CLASSIFIER + "/classifier.json",
            BundleJson.CLASSIFIER + "/classifier.params", BundleJson.ESTIMATOR + "/estimator.json", BundleJson.ESTIMATOR + "/estimator.params");

    private BundleVerifier() {
    }

    /**
     * Verifies raw bundle files.
     *
     * @param files relative path → content, including {@code manifest.json}
     * @param where the bundle's location, for messages
     * @return the parsed manifest
     * @throws EngineException naming the file when the format is unknown or incompatible, a file is missing, extra,
     *                         or does not match its SHA-256
     */
    public static BundleManifest verify(Map<String, byte[]> files, String where) throws EngineException {
        byte[] raw = files.get(BundleJson.MANIFEST);
        if (raw == null) {
            throw new EngineException(where + " is not a router bundle: it has no " + BundleJson.MANIFEST,
                    "export one with 'finerouter train --bundle PATH'", null);
        }
        JsonNode node = BundleJson.parse(raw, BundleJson.MANIFEST, where);
        String format = node.path("format").asText("");
        if (!BundleManifest.FORMAT.equals(format)) {
            throw new EngineException(BundleJson.MANIFEST + " in " + where + " is not a router bundle manifest (format '" + format + "')",
                    "export one with 'finerouter train --bundle PATH'", null);
        }
        int version = node.path("formatVersion").asInt(-1);
        String engine = node.path("engineVersion").asText("unknown");
        if (version > BundleManifest.FORMAT_VERSION) {
            throw new EngineException(where + " has bundle format version " + version + " (written by FineRouter " + engine
                    + "); this FineRouter reads version " + BundleManifest.FORMAT_VERSION, "upgrade FineRouter to open it", null);
        }
        if (version != BundleManifest.FORMAT_VERSION) {
            throw new EngineException(where + " has bundle format version " + version + " (written by FineRouter " + engine
                    + "); this FineRouter reads version " + BundleManifest.FORMAT_VERSION, "train and export the router again", null);
        }
        BundleManifest manifest;
        try {
            manifest = BundleJson.MAPPER.treeToValue(node, BundleManifest.class);
        } catch (Exception e) {
            throw new EngineException(BundleJson.MANIFEST + " in " + where + " is incomplete: " + rootMessage(e),
                    "the bundle is damaged or was edited; export it again", e);
        }
        for (String required : REQUIRED) {
            if (!manifest.files().containsKey(required)) {
                throw new EngineException(BundleJson.MANIFEST + " in " + where + " does not list " + required,
                        "the bundle is damaged or was edited; export it again", null);
            }
        }
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            byte[] content = files.get(e.getKey());
            if (content == null) {
                throw new EngineException(e.getKey() + " is missing from " + where, "the bundle is incomplete; copy or export it again", null);
            }
            String actual = BundleJson.sha256(content);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new EngineException(e.getKey() + " in " + where + " was modified or is corrupt (SHA-256 " + actual.substring(0, 12)
                        + "…, manifest says " + abbreviate(e.getValue()) + ")", "the bundle was tampered with or damaged; export it again", null);
            }
        }
        for (String name : files.keySet()) {
            if (!name.equals(BundleJson.MANIFEST) && !manifest.files().containsKey(name)) {
                throw new EngineException(name + " in " + where + " is not listed in the manifest",
                        "remove the file, or export the bundle again", null);
            }
        }
        return manifest;
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.toString() : m.lines().findFirst().orElse(m);
    }
}

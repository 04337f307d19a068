package dev.finerouter.app.preferences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The workbench's persisted settings ({@link java.util.prefs}): LLM endpoint for task descriptions, cache folder,
 * seed, recent datasets and the window's bounds. Tests pass their own node.
 */
public final class WorkbenchPreferences {
    /** How many recent datasets are kept. */
    public static final int MAX_RECENT = 8;
    /** Default seed of pipeline runs. */
    public static final long DEFAULT_SEED = 42;

    private static final String LLM_URL = "llm.url";
    private static final String LLM_MODEL = "llm.model";
    private static final String LLM_KEY_ENV = "llm.keyEnv";
    private static final String CACHE_DIR = "cache.dir";
    private static final String SEED = "seed";
    private static final String RECENT = "recent";
    private static final String WINDOW = "window";
    private static final String RECENT_BUNDLES = "recentBundles";
    private static final String DARK = "view.dark";
    private static final String PIPELINE = "pipeline.";

    private final Preferences node;

    /** Settings stored under {@code node}. */
    public WorkbenchPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's settings for this application. */
    public static WorkbenchPreferences user() {
        return new WorkbenchPreferences(Preferences.userRoot().node("dev/finerouter/workbench"));
    }

    /** The default cache folder, {@code ~/.cache/finerouter}. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "finerouter");
    }

    /** OpenAI-compatible endpoint URL for task descriptions; blank = offline describer. */
    public String llmUrl() {
        return node.get(LLM_URL, "");
    }

    /** Model name at the endpoint. */
    public String llmModel() {
        return node.get(LLM_MODEL, "");
    }

    /** Name of the environment variable holding the API key (never the key). */
    public String llmKeyEnv() {
        return node.get(LLM_KEY_ENV, "");
    }

    /** Cache folder of pipeline stages. */
    public Path cacheDir() {
        String s = node.get(CACHE_DIR, "");
        return s.isBlank() ? defaultCacheDir() : Path.of(s);
    }

    /** Seed of pipeline runs. */
    public long seed() {
        return node.getLong(SEED, DEFAULT_SEED);
    }

    /** Stores the LLM endpoint settings (blank values clear them). */
    public void setLlm(String url, String model, String keyEnv) {
        node.put(LLM_URL, url == null ? "" : url.trim());
        node.put(LLM_MODEL, model == null ? "" : model.trim());
        node.put(LLM_KEY_ENV, keyEnv == null ? "" : keyEnv.trim());
        flush();
    }

    /** Stores the cache folder ({@code null} = default). */
    public void setCacheDir(Path dir) {
        node.put(CACHE_DIR, dir == null ? "" : dir.toString());
        flush();
    }

    /** Stores the seed. */
    public void setSeed(long seed) {
        node.putLong(SEED, seed);
        flush();
    }

    /** Recent datasets, newest first. */
    public List<Path> recentFiles() {
        return paths(RECENT);
    }

    /** Recent router bundles (files or folders), newest first. */
    public List<Path> recentBundles() {
        return paths(RECENT_BUNDLES);
    }

    /** Puts {@code path} first among the recent router bundles. */
    public void addRecentBundle(Path path) {
        addPath(RECENT_BUNDLES, path);
    }

    /** Whether the dark theme is on. */
    public boolean darkMode() {
        return node.getBoolean(DARK, false);
    }

    /** Turns the dark theme on or off. */
    public void setDarkMode(boolean dark) {
        node.putBoolean(DARK, dark);
        flush();
    }

    /** A pipeline setting ({@code k}, {@code tau}, …) as last chosen, or {@code fallback}. */
    public double pipelineSetting(String name, double fallback) {
        return node.getDouble(PIPELINE + name, fallback);
    }

    /** Stores a pipeline setting. */
    public void setPipelineSetting(String name, double value) {
        node.putDouble(PIPELINE + name, value);
        flush();
    }

    private List<Path> paths(String key) {
        List<Path> out = new ArrayList<>();
        for (String s : node.get(key, "").split("\n")) {
            if (!s.isBlank()) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** Puts {@code path} first among the recent datasets. */
    public void addRecent(Path path) {
        addPath(RECENT, path);
    }

    private void addPath(String key, Path path) {
        List<Path> recent = paths(key);
        Path p = path.toAbsolutePath().normalize();
        recent.remove(p);
        recent.add(0, p);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_RECENT, recent.size()); i++) {
            sb.append(recent.get(i)).append('\n');
        }
        node.put(key, sb.toString());
        flush();
    }

    /** The window's last bounds {x, y, width, height}, or {@code null}. */
    public double[] windowBounds() {
        String[] parts = node.get(WINDOW, "").split(",");
        if (parts.length != 4) {
            return null;
        }
        try {
            double[] b = new double[4];
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i]);
            }
            return b[2] >= 200 && b[3] >= 150 ? b : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Stores the window's bounds. */
    public void setWindowBounds(double x, double y, double width, double height) {
        node.put(WINDOW, x + "," + y + "," + width + "," + height);
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience: an unwritable store must not break the workbench.
        }
    }
}

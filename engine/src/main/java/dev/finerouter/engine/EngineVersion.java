package dev.finerouter.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, as stamped by the build; recorded in every output and bundle. */
public final class EngineVersion {
    private static final String VERSION = load();

    private EngineVersion() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} when not built by Maven. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("/dev/finerouter/engine/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

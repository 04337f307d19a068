package dev.finerouter.engine.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Prints the engine version (from the build) and the Java runtime. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** The engine version, as built by Maven. */
    public static String engineVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/finerouter/engine/version.properties")) {
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

    @Override
    public String[] getVersion() {
        return new String[] {
            "finerouter " + engineVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}

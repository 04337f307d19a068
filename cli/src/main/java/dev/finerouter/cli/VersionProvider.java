package dev.finerouter.cli;

import dev.finerouter.engine.EngineVersion;
import picocli.CommandLine;

/** Prints the engine version (from the build) and the Java runtime. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "finerouter " + EngineVersion.get(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}

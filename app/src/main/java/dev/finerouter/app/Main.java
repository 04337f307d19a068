package dev.finerouter.app;

import dev.finerouter.cli.FineRouterCli;

import java.util.Map;

/**
 * Entry point of the {@code finerouter} launcher. With arguments it runs the CLI (cli module) and never loads a JavaFX
 * class (so it works on headless servers); without arguments it opens the workbench, after checking that there is a
 * display to open it on. Deliberately not a JavaFX {@code Application}.
 */
public final class Main {
    /** Printed (with exit code 1) when the workbench is asked for but there is no display. */
    public static final String NO_DISPLAY = "no display: use the CLI, or run under xvfb-run";

    private Main() {
    }

    /** Runs the CLI with {@code args}, or the workbench when there are none. */
    public static void main(String[] args) {
        applyOfflineDefaults();
        if (args.length > 0) {
            FineRouterCli.main(args);
            return;
        }
        String problem = displayProblem(System.getenv(), System.getProperty("os.name", ""));
        if (problem != null) {
            System.err.println("finerouter: " + problem);
            System.exit(1);
        }
        GuiLauncher.launch();
    }

    /**
     * Makes DJL offline and silent even when started without the launcher's environment (a jpackage launcher cannot
     * set environment variables). DJL reads {@code DJL_OFFLINE} from the environment or {@code ai.djl.offline} as a
     * system property, and {@code OPT_OUT_TRACKING} from either; explicit settings are kept.
     */
    static void applyOfflineDefaults() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /**
     * Why the workbench cannot open, or {@code null} when it can. On Linux and other X11/Wayland systems a display
     * is needed ({@code DISPLAY} or {@code WAYLAND_DISPLAY}); Windows and macOS always have one.
     */
    static String displayProblem(Map<String, String> env, String osName) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return null;
        }
        boolean x11 = env.get("DISPLAY") != null && !env.get("DISPLAY").isBlank();
        boolean wayland = env.get("WAYLAND_DISPLAY") != null && !env.get("WAYLAND_DISPLAY").isBlank();
        return x11 || wayland ? null : NO_DISPLAY;
    }
}

package dev.finerouter.cli;

import ai.onnxruntime.OrtEnvironment;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.train.DeviceChoice;
import dev.finerouter.engine.train.DeviceSelector;
import dev.finerouter.engine.train.TrainingDevice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The checks behind {@code finerouter doctor}. Pure Java: JavaFX is looked up by class name and never initialised,
 * so the doctor runs on headless servers. The environment and home folder are passed in, so tests can vary them.
 */
public final class Doctor {
    /** How a check came out: {@link #FAIL} means FineRouter cannot work; {@link #WARN} means part of it cannot. */
    public enum Status { OK, WARN, FAIL }

    /** One line of the report. */
    public record Check(Status status, String name, String detail, String hint) {
    }

    /** A JavaFX class that is on the class path exactly when JavaFX (graphics) is; only its name is used. */
    static final String JAVAFX_PROBE = "javafx.application.Platform";

    private final Map<String, String> env;
    private final Path home;
    private final Path finerouterCache;
    private final boolean loadNatives;

    /**
     * @param env             the environment variables (normally {@code System.getenv()})
     * @param home            the user's home folder
     * @param finerouterCache FineRouter's stage cache folder (the {@code --cache-dir} of discover/train)
     * @param loadNatives     whether to start PyTorch and ONNX Runtime (slow on the first start, which unpacks natives)
     */
    public Doctor(Map<String, String> env, Path home, Path finerouterCache, boolean loadNatives) {
        this.env = env;
        this.home = home;
        this.finerouterCache = finerouterCache;
        this.loadNatives = loadNatives;
    }

    /** Runs every check, in report order. */
    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.add(javafx());
        checks.add(display());
        Path djlCache = djlCacheDir();
        if (loadNatives) {
            checks.add(djl(djlCache));
            checks.add(onnx());
        } else {
            checks.add(new Check(Status.WARN, "djl", "not checked (--quick)", "run 'finerouter doctor' without --quick"));
            checks.add(new Check(Status.WARN, "onnxruntime", "not checked (--quick)", "run 'finerouter doctor' without --quick"));
        }
        checks.add(directory("djl cache", djlCache, Status.FAIL,
                "the PyTorch natives (≈430 MB) are unpacked here on first start: set DJL_CACHE_DIR to a writable folder"));
        checks.add(directory("finerouter cache", finerouterCache, Status.WARN,
                "discover/train store stage results here: pass --cache-dir DIR (a writable folder) or --no-cache"));
        checks.add(directory("workbench cache", home.resolve(".cache").resolve("finerouter"), Status.WARN,
                "the workbench's default stage cache: choose another folder in its preferences"));
        checks.add(directory("javafx cache", home.resolve(".openjfx").resolve("cache"), Status.WARN,
                "JavaFX unpacks its native libraries here: the workbench needs a writable HOME (the CLI does not)"));
        return checks;
    }

    /** 0 unless a required check failed. */
    public static int exitCode(List<Check> checks) {
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL) ? FineRouterCli.BAD_INPUT : FineRouterCli.OK;
    }

    /** One line per check ({@code OK   name  detail}), plus an indented hint line under each WARN and FAIL. */
    public static List<String> format(List<Check> checks) {
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Check c : checks) {
            lines.add(String.format(Locale.ROOT, "%-4s %-" + width + "s  %s", c.status(), c.name(), c.detail()));
            if (c.status() != Status.OK && c.hint() != null) {
                lines.add(" ".repeat(5) + "hint: " + c.hint());
            }
        }
        return lines;
    }

    Check java() {
        int feature = Runtime.version().feature();
        String detail = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")";
        return feature >= 17 ? new Check(Status.OK, "java", detail, null)
                : new Check(Status.FAIL, "java", detail, "FineRouter needs Java 17 or newer");
    }

    Check javafx() {
        try {
            // initialize=false: loads nothing of the toolkit, starts no thread, needs no display.
            Class<?> probe = Class.forName(JAVAFX_PROBE, false, Doctor.class.getClassLoader());
            String version = probe.getPackage() == null ? null : probe.getPackage().getImplementationVersion();
            return new Check(Status.OK, "javafx", "available" + (version == null ? "" : " (" + version + ")"), null);
        } catch (ClassNotFoundException | LinkageError e) {
            return new Check(Status.WARN, "javafx", "not on the class path: the workbench cannot open (the CLI works)",
                    "run the finerouter launcher or app image, which bundle JavaFX");
        }
    }

    Check display() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return new Check(Status.OK, "display", System.getProperty("os.name"), null);
        }
        String x11 = env.get("DISPLAY");
        String wayland = env.get("WAYLAND_DISPLAY");
        if (x11 != null && !x11.isBlank()) {
            return new Check(Status.OK, "display", "DISPLAY=" + x11, null);
        }
        if (wayland != null && !wayland.isBlank()) {
            return new Check(Status.OK, "display", "WAYLAND_DISPLAY=" + wayland, null);
        }
        return new Check(Status.WARN, "display", "none (DISPLAY and WAYLAND_DISPLAY unset): the CLI works, the workbench cannot open",
                "use the CLI, or run the workbench under 'xvfb-run -a finerouter'");
    }

    Check djl(Path djlCache) {
        boolean firstStart = !Files.isDirectory(djlCache.resolve("pytorch"));
        try {
            String engine = DeviceSelector.engineDescription();
            TrainingDevice device = DeviceSelector.select(DeviceChoice.AUTO);
            String detail = engine + ", device " + device.description()
                    + (firstStart ? " (natives unpacked now, on this first start)" : "");
            return new Check(Status.OK, "djl", detail, null);
        } catch (EngineException | RuntimeException | LinkageError e) {
            return new Check(Status.FAIL, "djl", "PyTorch does not start: " + e.getMessage(),
                    "the natives are unpacked into " + djlCache + " (DJL_CACHE_DIR): make it writable, with ≈500 MB free");
        }
    }

    Check onnx() {
        try {
            OrtEnvironment ort = OrtEnvironment.getEnvironment();
            return new Check(Status.OK, "onnxruntime", ort.getVersion() + ", providers " + OrtEnvironment.getAvailableProviders(), null);
        } catch (RuntimeException | LinkageError e) {
            return new Check(Status.FAIL, "onnxruntime", "does not load: " + e,
                    "ONNX Runtime unpacks its native library into java.io.tmpdir: check it is writable and not mounted noexec");
        }
    }

    /** DJL's cache: {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai} (as DJL resolves it). */
    Path djlCacheDir() {
        String dir = env.get("DJL_CACHE_DIR");
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty("DJL_CACHE_DIR");
        }
        return dir == null || dir.isBlank() ? home.resolve(".djl.ai") : Path.of(dir);
    }

    static Check directory(String name, Path dir, Status ifNotWritable, String hint) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            String detail = abs + " (" + humanSize(sizeOf(abs)) + ")";
            return Files.isWritable(abs) ? new Check(Status.OK, name, detail, null)
                    : new Check(ifNotWritable, name, detail + ", not writable", hint);
        }
        Path parent = abs.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return new Check(Status.OK, name, abs + " (not created yet)", null);
        }
        return new Check(ifNotWritable, name, abs + " (cannot be created)", hint);
    }

    static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}

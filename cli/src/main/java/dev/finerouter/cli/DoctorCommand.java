package dev.finerouter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code finerouter doctor}: checks the installation and prints one OK/WARN/FAIL line per item with a fix hint. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the installation: Java, JavaFX, display, DJL engine and device, ONNX Runtime, cache folders.",
                "Exit code 0 unless something required fails (Java, PyTorch, ONNX Runtime, the DJL cache)."})
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--cache-dir", defaultValue = Stage1Options.DEFAULT_CACHE_DIR, paramLabel = "DIR",
            description = "FineRouter's stage cache to check (default: ${DEFAULT-VALUE}, as for discover/train).")
    Path cacheDir;
    @Option(names = "--quick", description = "Do not start PyTorch and ONNX Runtime (skips their checks).")
    boolean quick;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Doctor doctor = new Doctor(System.getenv(), Path.of(System.getProperty("user.home")), cacheDir, !quick);
        List<Doctor.Check> checks = doctor.run();
        Doctor.format(checks).forEach(out::println);
        out.flush();
        return Doctor.exitCode(checks);
    }
}

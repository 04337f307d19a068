package dev.finerouter.installers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the launcher of the app image that {@code -Ppackage} just built (target/dist/finerouter). Tag slow: it needs
 * the image (a jlink runtime and jpackage), so it runs only in {@code mvn -Ppackage -pl installers -am verify}.
 */
@Tag("slow")
class AppImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("finerouter.image", "target/dist/finerouter"));

    record Run(int code, String out) {
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        Path launcher = IMAGE.resolve("bin").resolve("finerouter");
        assertTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // Prove the image finds its own sample, not the one a developer's environment points at.
        pb.environment().remove("FINEROUTER_SAMPLE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
        return new Run(p.exitValue(), out);
    }

    @Test
    void versionRunsFromTheBundledRuntime() throws Exception {
        Run r = launch("--version");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("finerouter 0.1.0"), r.out());
        assertTrue(r.out().contains("Java 17"), r.out());
        assertTrue(Files.isDirectory(IMAGE.resolve("lib").resolve("runtime")), "bundled runtime");
    }

    @Test
    void doctorFindsJavaFxPyTorchAndOnnxRuntimeInTheImage() throws Exception {
        Run r = launch("doctor", "--cache-dir", IMAGE.getParent().resolve("doctor-cache").toString());
        assertEquals(0, r.code(), r.out());
        String text = r.out();
        assertTrue(text.contains("OK   java"), text);
        assertTrue(text.contains("OK   javafx"), "JavaFX is bundled:\n" + text);
        assertTrue(text.matches("(?s).*OK +djl +PyTorch .*"), text);
        assertTrue(text.matches("(?s).*OK +onnxruntime +1\\..*"), text);
        assertTrue(text.contains("djl cache") && text.contains("javafx cache"), text);
    }

    @Test
    void theBundledSampleIsTheDefaultDataset() throws Exception {
        assertTrue(Files.isRegularFile(IMAGE.resolve("lib/app/sample/routing.jsonl")), "sample copied into the image");
        Run r = launch("data", "stats");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("prompts ×"), r.out());
    }
}

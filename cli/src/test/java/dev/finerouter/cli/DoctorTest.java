package dev.finerouter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoctorTest {
    @TempDir
    Path dir;

    @Test
    void doctorPrintsEveryCheckAndExitsZeroOnAWorkingInstall() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(new String[] {"doctor", "--cache-dir", dir.resolve("c").toString()},
                new PrintWriter(out), new PrintWriter(err));
        String text = out.toString();
        assertEquals(0, code, text + err);
        for (String name : List.of("java", "javafx", "display", "djl", "onnxruntime", "djl cache", "finerouter cache", "workbench cache", "javafx cache")) {
            assertTrue(text.matches("(?s)(.*\\n)?(OK|WARN|FAIL) +" + name + " .*"), name + " missing in\n" + text);
        }
        assertTrue(text.matches("(?s)(.*\\n)?OK +djl +PyTorch \\S+, device (cpu|gpu).*"), text);
        assertTrue(text.matches("(?s)(.*\\n)?OK +onnxruntime +1\\.\\S+, providers .*CPU.*"), text);
        assertTrue(text.contains("(not created yet)"), text);
        // The engine has no JavaFX on its class path: reported as a warning with a hint, not a failure.
        assertTrue(text.contains("WARN javafx"), text);
        assertTrue(text.contains("     hint: "), text);
    }

    @Test
    void anUnwritableDjlCacheFailsWithAHintAndExitCodeOne() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Doctor doctor = new Doctor(Map.of("DJL_CACHE_DIR", file.resolve("djl").toString()), dir, dir.resolve("c"), false);
        List<Doctor.Check> checks = doctor.run();
        assertEquals(1, Doctor.exitCode(checks));
        List<String> lines = Doctor.format(checks);
        int i = indexOf(lines, "FAIL djl cache");
        assertTrue(i >= 0, String.join("\n", lines));
        assertTrue(lines.get(i + 1).contains("hint: ") && lines.get(i + 1).contains("DJL_CACHE_DIR"), lines.get(i + 1));
        assertTrue(String.join("\n", lines).contains("WARN display"), "no DISPLAY in this environment map");
    }

    @Test
    void displayAndCacheSizesComeFromTheEnvironmentAndTheFolders() throws Exception {
        Path djl = Files.createDirectories(dir.resolve("djl"));
        Files.write(djl.resolve("blob"), new byte[2048]);
        Doctor doctor = new Doctor(Map.of("DJL_CACHE_DIR", djl.toString(), "DISPLAY", ":99"), dir, dir.resolve("c"), false);
        String text = String.join("\n", Doctor.format(doctor.run()));
        assertTrue(text.contains("OK   display") && text.contains("DISPLAY=:99"), text);
        assertTrue(text.contains(djl.toAbsolutePath() + " (2.0 KB)"), text);
        assertFalse(text.contains("FAIL"), text);
        assertEquals("1.5 MB", Doctor.humanSize(1536 * 1024));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}

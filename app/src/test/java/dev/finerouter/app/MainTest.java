package dev.finerouter.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @Test
    void needsADisplayOnLinuxOnly() {
        assertEquals(Main.NO_DISPLAY, Main.displayProblem(Map.of(), "Linux"));
        assertEquals(Main.NO_DISPLAY, Main.displayProblem(Map.of("DISPLAY", " "), "Linux"));
        assertNull(Main.displayProblem(Map.of("DISPLAY", ":0"), "Linux"));
        assertNull(Main.displayProblem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"));
        assertNull(Main.displayProblem(Map.of(), "Windows 11"));
    }

    @Test
    void cliArgumentsRunTheEngineCliWithoutLoadingJavaFx() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-verbose:class", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out.length() > 2000 ? out.substring(out.length() - 2000) : out);
        assertTrue(out.contains("dev.finerouter.cli.FineRouterCli"), "the CLI ran");
        assertFalse(out.contains("javafx."), "no JavaFX class loaded");
    }
}

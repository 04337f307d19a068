package dev.finerouter.engine.bundle;

import dev.finerouter.engine.route.RoutingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing a calibrated copy of a bundle: same files, new default policy, calibration in the manifest. */
class CalibratedBundleTest {
    private static final RoutingPolicy CALIBRATED = new RoutingPolicy(0.7, 0.35, null);
    private static final BundleCalibration CALIBRATION = new BundleCalibration("max-share", "at most 30.0% of calls to coder-xl",
            "coder-xl", 0.3, false, true, false,
            new BundleCalibration.Outcome(10, 0.61, 2.5, Map.of("coder-xl", 0.3)),
            new BundleCalibration.Outcome(12, null, 2.75, Map.of("coder-xl", 0.35)), "2026-01-02T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void oldBundlesHaveNoCalibration() throws Exception {
        assertNull(BundleReader.read(BundleTest.GOLDEN).manifest().calibration());
        assertFalse(Files.readString(BundleTest.GOLDEN.resolve("manifest.json")).contains("calibration"));
    }

    @Test
    void calibratedCopyKeepsEveryFileAndStoresPolicyAndCalibration() throws Exception {
        Path out = tmp.resolve("calibrated.frb");
        BundleWriter.writeCalibrated(BundleTest.GOLDEN, CALIBRATED, CALIBRATION, out);
        RouterBundle back = BundleReader.read(out);
        assertEquals(CALIBRATED, back.defaultPolicy());
        assertEquals(CALIBRATION, back.manifest().calibration());
        assertNull(back.manifest().calibration().test().qual(), "unknown Qual stays null");
        Map<String, byte[]> original = BundleReader.readFiles(BundleTest.GOLDEN);
        Map<String, byte[]> copy = BundleReader.readFiles(out);
        assertEquals(original.keySet(), copy.keySet());
        for (String f : original.keySet()) {
            if (!f.equals("manifest.json")) {
                assertArrayEquals(original.get(f), copy.get(f), f);
            }
        }
        String manifest = new String(copy.get("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"calibration\""), manifest);
        assertEquals(BundleReader.read(BundleTest.GOLDEN).manifest().files(), back.manifest().files());
    }

    @Test
    void calibratingInPlaceReplacesAFolderBundle() throws Exception {
        Path copy = tmp.resolve("copy");
        BundleWriter.writeCalibrated(BundleTest.GOLDEN, RoutingPolicy.PAPER, CALIBRATION, copy);
        BundleWriter.writeCalibrated(copy, CALIBRATED, CALIBRATION, copy);
        assertEquals(CALIBRATED, BundleReader.read(copy).defaultPolicy());
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(copy), s.toList(), "no temporaries left behind");
        }
    }
}

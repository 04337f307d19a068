package dev.finerouter.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {
    private static final String[] FILES = {"routing.jsonl", "models.json", "README.md"};

    @Test
    void sameSeedGivesByteIdenticalFiles(@TempDir Path tmp) throws Exception {
        GeneratorConfig config = GeneratorConfig.of(7, 600);
        GenerateSample.write(config, tmp.resolve("a"));
        GenerateSample.write(config, tmp.resolve("b"));
        for (String f : FILES) {
            assertEquals(sha256(tmp.resolve("a").resolve(f)), sha256(tmp.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void differentSeedGivesDifferentData(@TempDir Path tmp) throws Exception {
        GenerateSample.write(GeneratorConfig.of(1, 600), tmp.resolve("a"));
        GenerateSample.write(GeneratorConfig.of(2, 600), tmp.resolve("b"));
        assertNotEquals(sha256(tmp.resolve("a/routing.jsonl")), sha256(tmp.resolve("b/routing.jsonl")));
    }

    @Test
    void fingerprintIsTheHashOfTheConfigDescription() {
        GeneratorConfig config = GeneratorConfig.of(3, 50);
        assertEquals(SyntheticDatasetGenerator.sha256Hex(config.describe()), SyntheticDatasetGenerator.generate(config).fingerprint());
        assertNotEquals(SyntheticDatasetGenerator.generate(GeneratorConfig.of(4, 50)).fingerprint(),
                SyntheticDatasetGenerator.generate(config).fingerprint());
    }

    /** Guards determinism across code changes: a change to the output must come with a regenerated sample. */
    @Test
    void checkedInSampleEqualsAFreshGeneration(@TempDir Path tmp) throws Exception {
        Path checkedIn = Path.of("sample");
        assertTrue(Files.isRegularFile(checkedIn.resolve("routing.jsonl")), "run the tests from the sample-data module");
        GenerateSample.write(GeneratorConfig.of(42, 3000), tmp);
        for (String f : FILES) {
            assertEquals(sha256(checkedIn.resolve(f)), sha256(tmp.resolve(f)),
                    f + " differs from a fresh generation; regenerate the sample (see sample-data/sample/README.md)");
        }
        assertTrue(Files.size(checkedIn.resolve("routing.jsonl")) < 1_500_000, "sample must stay under ~1.5 MB");
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

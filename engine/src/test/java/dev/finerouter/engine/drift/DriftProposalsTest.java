package dev.finerouter.engine.drift;

import dev.finerouter.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** proposals.json is read back exactly; bad files and unknown ids are named. */
class DriftProposalsTest {
    @TempDir
    Path tmp;

    static DriftProposals sample() {
        Map<String, Double> cand = new LinkedHashMap<>();
        cand.put("polyglot", 0.75);
        cand.put("atlas", 0.5);
        Map<String, Double> med = new LinkedHashMap<>();
        med.put("polyglot", 0.9);
        med.put("atlas", Double.NaN);
        DriftProposal p = new DriftProposal("drift-1", "Translate into German", 32, List.of("Translate: hello", "Translate: bye"), cand, med,
                new float[]{0.6f, 0.8f}, "Write short poems", 0.25, "Others", 0.5, "translate-de", 1.0);
        DriftProposal q = new DriftProposal("drift-2", "Regex | tasks", 6, List.of(), Map.of("atlas", 1.0), Map.of("atlas", 0.5),
                new float[]{1f, 0f}, "(none)", -2, "Others", 1.0, null, Double.NaN);
        return new DriftProposals("abc123", "router.frb", 100, 40, 3, 0.8, List.of(p, q), List.of("Math (10 prompts) ≈ Solve equations (cos 0.91)"));
    }

    @Test
    void writesAndReadsBackEveryField() throws Exception {
        sample().write(tmp);
        DriftProposals back = DriftProposals.read(tmp.resolve("proposals.json"));
        assertEquals("abc123", back.bundleId());
        assertEquals(100, back.logPrompts());
        assertEquals(40, back.trueScored());
        assertEquals(List.of("Math (10 prompts) ≈ Solve equations (cos 0.91)"), back.known());
        DriftProposal p = back.get("drift-1");
        assertEquals(List.of("polyglot", "atlas"), List.copyOf(p.candidates().keySet()), "fused-rank order kept");
        assertEquals(0.75, p.candidates().get("polyglot"));
        assertTrue(Double.isNaN(p.medianScores().get("atlas")));
        assertArrayEquals(new float[]{0.6f, 0.8f}, p.center());
        assertEquals("translate-de", p.knownLabel());
        assertNull(back.get("drift-2").knownLabel());
        assertTrue(Files.readString(tmp.resolve("proposals.md")).contains("| drift-2 | 6 | Regex \\| tasks |"));
    }

    @Test
    void anUnknownIdIsNamedWithTheKnownOnes() {
        EngineException e = assertThrows(EngineException.class, () -> sample().get("drift-9"));
        assertEquals("no proposal 'drift-9'; the file has [drift-1, drift-2]", e.getMessage());
    }

    @Test
    void aFileWithoutCenterNamesTheField() throws Exception {
        Path f = tmp.resolve("proposals.json");
        Files.writeString(f, sample().toJson().replaceFirst("\"center\" : \\[[^\\]]*\\]", "\"center\" : []"));
        EngineException e = assertThrows(EngineException.class, () -> DriftProposals.read(f));
        assertEquals(f + ": field 'proposals[0].center': missing or empty", e.getMessage());
    }

    @Test
    void anotherJsonFileIsRefused() throws Exception {
        Path f = tmp.resolve("x.json");
        Files.writeString(f, "{\"format\":\"something\"}");
        EngineException e = assertThrows(EngineException.class, () -> DriftProposals.read(f));
        assertTrue(e.getMessage().contains("field 'format'"), e.getMessage());
    }

    @Test
    void aProposalNeedsACandidate() {
        assertThrows(IllegalArgumentException.class, () -> new DriftProposal("d", "s", 1, List.of(), Map.of(), Map.of(), new float[]{1}, "n", 0,
                "Others", 1, null, Double.NaN));
    }
}

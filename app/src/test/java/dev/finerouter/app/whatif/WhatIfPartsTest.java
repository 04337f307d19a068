package dev.finerouter.app.whatif;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The what-if building blocks that need no trained router: settings, grids, CSV, variant files, comparisons. */
class WhatIfPartsTest {
    @TempDir
    Path dir;

    @Test
    void paperSettingsAndWhichChangesNeedRetraining() {
        TuningSettings p = TuningSettings.PAPER;
        assertEquals(new TuningSettings(0.5, 0, 0.8, 0.4, 5, 3), p);
        assertFalse(p.withAlpha(1).withTolerance(1).withDelta(0.9).changesTasks(p));
        assertTrue(p.withTau(0.5).changesTasks(p));
        assertTrue(p.withLevels(1).changesTasks(p));
        assertFalse(p.withTau(0.5).changesGraph(p));
        assertTrue(p.withK(6).changesGraph(p));
        assertThrows(IllegalArgumentException.class, () -> p.withDelta(0));
        assertThrows(IllegalArgumentException.class, () -> p.withAlpha(1.5));
        assertThrows(IllegalArgumentException.class, () -> p.withK(0));
    }

    @Test
    void gridIsEvenAndIncludesBothEnds() {
        assertArrayEquals(new double[]{0, 0.25, 0.5, 0.75, 1}, Sweep.grid(Sweep.Knob.ALPHA, 0, 1, 5));
        assertArrayEquals(new double[]{0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, Sweep.grid(Sweep.Knob.DELTA, 0.5, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid(Sweep.Knob.ALPHA, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid(Sweep.Knob.ALPHA, 0.5, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> Sweep.grid(Sweep.Knob.DELTA, 0, 1, 3));
    }

    @Test
    void sweepCsvHasAHeaderAndLeavesUnknownValuesEmpty() throws Exception {
        Sweep s = new Sweep(Sweep.Knob.TOLERANCE, WhatIfMetric.COST_PER_PROMPT, Split.TEST,
                List.of(new Sweep.Point(0, 0.5), new Sweep.Point(1, Double.NaN)));
        assertEquals("tolerance,cost per prompt\n0.0,0.5\n1.0,\n", s.toCsv());
        Path f = dir.resolve("out/sweep.csv");
        s.writeCsv(f);
        assertEquals(s.toCsv(), Files.readString(f));
    }

    @Test
    void variantStoreSavesReplacesDeletesAndPersists() throws Exception {
        Path f = dir.resolve(VariantStore.FILE_NAME);
        VariantStore store = VariantStore.open(f);
        assertTrue(store.list().isEmpty());
        Variant a = new Variant("a", TuningSettings.PAPER, "test", Map.of("Qual", 0.75));
        Variant b = new Variant(" b ", TuningSettings.PAPER.withTolerance(0.3), "dev", Map.of("Qual", 0.5, "cost per prompt", 0.01));
        store.save(a);
        store.save(b);
        assertEquals("b", b.name());
        assertEquals(List.of(a, b), VariantStore.open(f).list());
        Variant a2 = new Variant("a", TuningSettings.PAPER.withAlpha(1), "test", Map.of());
        store.save(a2);
        assertEquals(List.of(a2, b), VariantStore.open(f).list());
        store.delete("a");
        assertEquals(List.of(b), VariantStore.open(f).list());
        assertEquals(0.01, VariantStore.open(f).get("b").metric("cost per prompt"));
        assertTrue(Double.isNaN(b.metric("Ave")));
        assertThrows(IllegalArgumentException.class, () -> new Variant("  ", TuningSettings.PAPER, "test", Map.of()));
    }

    @Test
    void aBrokenVariantFileIsReportedWithFileAndLine() throws Exception {
        Path f = dir.resolve(VariantStore.FILE_NAME);
        Files.writeString(f, "[\n  {\"name\": \"x\",\n  oops }\n]\n");
        EngineException e = assertThrows(EngineException.class, () -> VariantStore.open(f));
        assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
    }

    @Test
    void comparisonListsSettingsThenMetricsWithDeltaAMinusB() {
        Map<String, Double> ma = new LinkedHashMap<>();
        ma.put("Qual", 0.7);
        ma.put("share m1", 0.25);
        Map<String, Double> mb = new LinkedHashMap<>();
        mb.put("Qual", 0.6);
        mb.put("Ave", 0.5);
        Variant a = new Variant("a", TuningSettings.PAPER.withTolerance(0.2), "test", ma);
        Variant b = new Variant("b", TuningSettings.PAPER, "test", mb);
        List<MetricRow> rows = MetricRow.compare(a, b);
        assertEquals(List.of("α", "λ", "δ", "τ", "k", "ℓ", "Qual", "share m1", "Ave"), rows.stream().map(MetricRow::name).toList());
        assertEquals(0.2, rows.get(1).delta(), 1e-12);
        assertEquals(0.1, rows.get(6).delta(), 1e-12);
        assertEquals(WhatIfMetric.Kind.SHARE, rows.get(7).kind());
        assertTrue(Double.isNaN(rows.get(8).current()));
    }
}

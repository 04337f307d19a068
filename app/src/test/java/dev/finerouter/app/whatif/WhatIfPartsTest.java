package dev.finerouter.app.whatif;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.whatif.TuningSettings;
import dev.finerouter.engine.whatif.WhatIfMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench's what-if parts that need no trained router: variant files and comparisons (settings, grids and CSV
 * are the engine's, tested in {@code engine.whatif.SettingsAndSweepTest}).
 */
class WhatIfPartsTest {
    @TempDir
    Path dir;

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

    @Test
    void aCancelledCalibrationStopsAtItsNextDevEvaluation() {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger evaluated = new java.util.concurrent.atomic.AtomicInteger();
        dev.finerouter.engine.calibrate.PolicyEvaluator devSplit = policy -> {
            if (evaluated.incrementAndGet() == 5) {
                cancelled.set(true);
            }
            return null;
        };
        dev.finerouter.engine.calibrate.PolicyEvaluator stoppable = CalibrationViewModel.stoppable(devSplit,
                dev.finerouter.engine.stage.StageContext.of(1, (f, m) -> { }, line -> { }, cancelled));
        for (int i = 0; i < 5; i++) {
            stoppable.evaluate(dev.finerouter.engine.route.RoutingPolicy.PAPER);
        }
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> stoppable.evaluate(dev.finerouter.engine.route.RoutingPolicy.PAPER));
        org.junit.jupiter.api.Assertions.assertInstanceOf(dev.finerouter.engine.stage.CancelledException.class, e.getCause());
        org.junit.jupiter.api.Assertions.assertEquals(5, evaluated.get(), "no evaluation after the cancel");
    }
}

package dev.finerouter.engine.eval;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChartPaletteTest {
    @Test
    void twentyModelsNeverShareAColourAndRoutersStayOutsideTheModelPalette() {
        Set<String> models = new HashSet<>();
        IntStream.range(0, 20).forEach(i -> models.add(ChartPalette.model(i)));
        assertEquals(20, models.size());
        assertEquals(ChartPalette.model(0), ChartPalette.model(20), "past 20 the palette repeats");
        assertFalse(models.contains(ChartPalette.FINEROUTER));
        assertFalse(models.contains(ChartPalette.BEST_SINGLE));
        ChartPalette.KNOWN_ROUTERS.values().forEach(c -> assertFalse(models.contains(c), c));
        ChartPalette.OTHER_ROUTERS.forEach(c -> assertFalse(models.contains(c), c));
        assertThrows(IllegalArgumentException.class, () -> ChartPalette.model(-1));
    }

    @Test
    void routersByKindAndName() {
        List<String> pool = List.of("a", "b", "c");
        assertEquals(ChartPalette.FINEROUTER, ChartPalette.router("FineRouter (α = 0.5)", RouterKind.FULL, pool, 0));
        assertEquals(ChartPalette.model(2), ChartPalette.router("c", RouterKind.SINGLE_MODEL, pool, 0));
        assertEquals("#08306b", ChartPalette.router("kNN", RouterKind.BASELINE, pool, 3));
        assertEquals(ChartPalette.OTHER_ROUTERS.get(1), ChartPalette.router("Stage 1 only", RouterKind.ABLATION, pool, 1));
        assertEquals(0x1f77b4, ChartPalette.rgb("#1f77b4"));
        assertEquals("#1f77b4", ChartPalette.hex(0x1f77b4));
    }
}

package dev.finerouter.engine.eval;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChartLinksTest {
    private final Path dir = Path.of("/r/run");

    @Test
    void pngWithItsSvgBecomesOneImageLine() {
        String md = ChartLinks.markdown(dir, List.of(dir.resolve("charts/cost-quality.png"), dir.resolve("charts/cost-quality.svg")));
        assertEquals("\n## Charts\n\n![cost-quality](charts/cost-quality.png) ([SVG](charts/cost-quality.svg))\n", md);
    }

    @Test
    void pngWithoutSvgHasNoSvgLink() {
        assertEquals("\n## Charts\n\n![a](charts/a.png)\n\n![b](charts/b.png)\n",
                ChartLinks.markdown(dir, List.of(dir.resolve("charts/a.png"), dir.resolve("charts/b.png"))));
    }

    @Test
    void noPngNoSection() {
        assertEquals("", ChartLinks.markdown(dir, List.of()));
        assertEquals("", ChartLinks.markdown(dir, List.of(dir.resolve("charts/a.svg"))));
    }

    @Test
    void withChartsAddsTheSectionOnceAndReplacesIt() {
        List<Path> first = List.of(dir.resolve("charts/a.png"));
        String once = ChartLinks.withCharts("# Report\n\n## Notes\n\n- n\n", dir, first);
        assertEquals("# Report\n\n## Notes\n\n- n\n\n## Charts\n\n![a](charts/a.png)\n", once);
        assertEquals(once, ChartLinks.withCharts(once, dir, first));
        assertEquals("# Report\n\n## Notes\n\n- n\n\n## Charts\n\n![b](charts/b.png)\n",
                ChartLinks.withCharts(once, dir, List.of(dir.resolve("charts/b.png"))));
        assertEquals("# Report\n\n## Notes\n\n- n\n", ChartLinks.withCharts(once, dir, List.of()));
    }

    @Test
    void keepChartsCarriesTheOldSectionOverOrNothing() {
        String old = "# Old\n\ntext\n\n## Charts\n\n![a](charts/a.png)\n";
        assertEquals("# New\n\n## Charts\n\n![a](charts/a.png)\n", ChartLinks.keepCharts("# New\n", old));
        assertEquals("# New\n", ChartLinks.keepCharts("# New\n", "# Old without charts\n"));
    }
}

package dev.finerouter.report;

import dev.finerouter.engine.eval.CostQualityCurve;
import dev.finerouter.engine.eval.CurvePoint;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.model.CostModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationChartsTest {
    /** The priced toy, rendered once for the tests that only read its files. */
    @TempDir
    static Path pricedDir;
    private static List<Path> pricedFiles;

    @TempDir
    Path dir;

    @BeforeAll
    static void renderPricedOnce() throws Exception {
        pricedFiles = EvaluationCharts.write(Reports.priced(), pricedDir);
    }

    private static String svgText(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The SVG's DOCTYPE names the W3C DTD: parse offline.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        return doc.getDocumentElement().getTextContent();
    }

    @Test
    void writesPngAndSvgOfEveryChartInOrder() throws Exception {
        Path d = pricedDir;
        assertEquals(List.of(d.resolve("cost-quality.png"), d.resolve("cost-quality.svg"), d.resolve("routing-share.png"),
                d.resolve("routing-share.svg"), d.resolve("per-benchmark.png"), d.resolve("per-benchmark.svg")), pricedFiles);
        for (Path f : pricedFiles) {
            assertTrue(Files.size(f) > 1000, f + " has content");
        }
    }

    @Test
    void pngsDecodeAtTheDefaultSize() throws Exception {
        for (Path f : pricedFiles) {
            if (f.toString().endsWith(".png")) {
                BufferedImage image = ImageIO.read(f.toFile());
                assertNotNull(image, f + " decodes");
                assertEquals(1000, image.getWidth());
                assertEquals(640, image.getHeight());
            }
        }
    }

    @Test
    void costQualitySvgNamesEverySeriesAndUsesLogScaleFor100x() throws Exception {
        String text = svgText(pricedDir.resolve("cost-quality.svg"));
        for (String name : List.of("A", "B", "C (best single)", "Oracle", "kNN", "FineRouter (α = 0.50)", "log scale")) {
            assertTrue(text.contains(name), "missing " + name + " in " + text);
        }
    }

    @Test
    void narrowCostSpanIsLinear() throws Exception {
        EvaluationCharts.write(Reports.narrow(), dir);
        String text = svgText(dir.resolve("cost-quality.svg"));
        assertTrue(text.contains("cost per prompt (USD)"), text);
        assertFalse(text.contains("log scale"), text);
    }

    @Test
    void equalCostRendersWithCallsPerPrompt() throws Exception {
        EvaluationCharts.write(Reports.equalCost(), dir);
        String text = svgText(dir.resolve("cost-quality.svg"));
        assertTrue(text.contains("calls per prompt"), text);
        assertTrue(text.contains("FineRouter (α = 0.50)"), text);
    }

    @Test
    void routingShareAndPerBenchmarkSvgsNameModelsAndRouters() throws Exception {
        String share = svgText(pricedDir.resolve("routing-share.svg"));
        for (String name : List.of("A", "B", "C", "Oracle", "kNN", "FineRouter (α = 0.50)")) {
            assertTrue(share.contains(name), "missing " + name);
        }
        String bars = svgText(pricedDir.resolve("per-benchmark.svg"));
        for (String name : List.of("C (best single model)", "Oracle", "kNN", "FineRouter (α = 0.50)", "Ave", "Qual", "x", "y")) {
            assertTrue(bars.contains(name), "missing " + name);
        }
    }

    @Test
    void noTemporaryFilesAreLeft() throws Exception {
        try (Stream<Path> s = Files.list(pricedDir)) {
            assertEquals(6, s.count());
        }
    }

    @Test
    void nanQualitySingleRouterAndNoSingleModelsDoNotCrash() throws Exception {
        RouterMetrics nan = new RouterMetrics(3, 0, 3, Map.of(), Double.NaN, Double.NaN, 3, 1, new double[]{1, 0}, Double.NaN,
                Double.NaN, 0, 0);
        RouterResult only = new RouterResult("FineRouter", RouterKind.FULL, true, nan,
                new CostQualityCurve(List.of(new CurvePoint(0, 1, Double.NaN), new CurvePoint(1, 0.5, Double.NaN))),
                Double.NaN, Double.NaN, Double.NaN);
        EvaluationReport report = new EvaluationReport("odd", "fp", 1, 3, 0, 3, List.of("A", "B"), List.of("x"), CostModel.DEFAULT,
                true, null, Double.NaN, Double.NaN, List.of(only));
        List<Path> files = EvaluationCharts.write(report, dir);
        assertEquals(6, files.size());
        assertNotNull(ImageIO.read(dir.resolve("cost-quality.png").toFile()));
        svgText(dir.resolve("per-benchmark.svg"));
    }

    @Test
    void emptyReportRenders() throws Exception {
        EvaluationReport report = new EvaluationReport("empty", "fp", 1, 0, 0, 0, List.of(), List.of(), CostModel.DEFAULT, false,
                null, Double.NaN, Double.NaN, List.of());
        assertEquals(6, EvaluationCharts.write(report, dir).size());
    }

    @Test
    void theSameReportGivesTheSameSvg() throws Exception {
        EvaluationCharts.write(Reports.narrow(), dir.resolve("a"));
        EvaluationCharts.write(Reports.narrow(), dir.resolve("b"));
        assertEquals(Files.readString(dir.resolve("a/routing-share.svg")), Files.readString(dir.resolve("b/routing-share.svg")));
    }
}

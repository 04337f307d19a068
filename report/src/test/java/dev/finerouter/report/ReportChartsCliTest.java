package dev.finerouter.report;

import dev.finerouter.engine.cli.FineRouterCli;
import dev.finerouter.engine.eval.ReportRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter report charts} with the report module on the class path (as through app's Main). */
class ReportChartsCliTest {
    @TempDir
    Path dir;

    @Test
    void theServiceIsFound() {
        assertInstanceOf(ChartReportRenderer.class, ReportRenderer.find().orElseThrow());
    }

    @Test
    void rendersFromAJsonFileIntoChartsBesideIt() throws Exception {
        Path json = dir.resolve("evaluation.json");
        Files.writeString(json, Reports.priced().toJson());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(new String[]{"report", "charts", "--from", json.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("wrote 6 chart files to " + dir.resolve("charts").toAbsolutePath().normalize()), out.toString());
        assertNotNull(ImageIO.read(dir.resolve("charts/cost-quality.png").toFile()));
        assertTrue(Files.exists(dir.resolve("charts/per-benchmark.svg")));
    }

    @Test
    void theDefaultFolderIsLinkedFromEvaluationMdOnce() throws Exception {
        Files.writeString(dir.resolve("evaluation.json"), Reports.priced().toJson());
        Files.writeString(dir.resolve("evaluation.md"), Reports.priced().toMarkdown());
        String[] args = {"report", "charts", "--from", dir.toString()};
        assertEquals(0, FineRouterCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        assertEquals(0, FineRouterCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        String md = Files.readString(dir.resolve("evaluation.md"));
        assertTrue(md.startsWith(Reports.priced().toMarkdown()), md);
        assertTrue(md.endsWith("\n## Charts\n\n![cost-quality](charts/cost-quality.png) ([SVG](charts/cost-quality.svg))\n\n"
                + "![routing-share](charts/routing-share.png) ([SVG](charts/routing-share.svg))\n\n"
                + "![per-benchmark](charts/per-benchmark.png) ([SVG](charts/per-benchmark.svg))\n"), md);
        assertEquals(md.indexOf("## Charts"), md.lastIndexOf("## Charts"), "one section after two runs");
    }

    @Test
    void rendersFromAFolderIntoOut() throws Exception {
        Files.writeString(dir.resolve("evaluation.json"), Reports.equalCost().toJson());
        Path target = dir.resolve("elsewhere");
        int code = FineRouterCli.run(new String[]{"report", "charts", "--from", dir.toString(), "--out", target.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        assertTrue(Files.exists(target.resolve("routing-share.png")));
        assertTrue(Files.notExists(dir.resolve("evaluation.md")), "--out elsewhere touches no evaluation.md");
    }
}

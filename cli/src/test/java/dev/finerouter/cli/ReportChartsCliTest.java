package dev.finerouter.cli;

import dev.finerouter.report.EvaluationCharts;
import dev.finerouter.report.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter report charts}: the cli draws with the report module (called directly, no service lookup). */
class ReportChartsCliTest {
    @TempDir
    Path dir;

    @Test
    void theChartsAreTheReportModules() throws Exception {
        Path json = dir.resolve("evaluation.json");
        Files.writeString(json, Reports.priced().toJson());
        Path cli = dir.resolve("cli");
        Path direct = dir.resolve("direct");
        assertEquals(0, FineRouterCli.run(new String[]{"report", "charts", "--from", json.toString(), "--out", cli.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        List<Path> written = EvaluationCharts.write(Reports.priced(), direct);
        assertEquals(written.stream().map(p -> p.getFileName().toString()).sorted().toList(),
                Files.list(cli).map(p -> p.getFileName().toString()).sorted().toList(), "the cli writes exactly the report module's charts");
        for (Path p : written) {
            if (p.toString().endsWith(".png")) {
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(cli.resolve(p.getFileName())), "same drawing: " + p.getFileName());
            }
        }
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

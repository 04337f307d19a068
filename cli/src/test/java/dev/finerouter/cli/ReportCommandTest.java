package dev.finerouter.cli;

import dev.finerouter.report.EvaluationCharts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter report charts|tables}: charts drawn by the report module, which the cli calls directly. */
class ReportCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void missingEvaluationJsonIsBadInputNamingTheFile() {
        assertEquals(FineRouterCli.BAD_INPUT, run("report", "charts", "--from", dir.toString()));
        assertTrue(err.toString().contains(dir.resolve("evaluation.json").toString()), err.toString());
    }

    @Test
    void theCommittedSampleIsDrawnWithTheReportModule() throws Exception {
        Path json = Path.of("../docs/results/sample/levels1/evaluation.json");
        assertTrue(Files.exists(json), "the committed sample evaluation");
        assertEquals(FineRouterCli.OK, run("report", "charts", "--from", json.toString(), "--out", dir.toString()), err.toString());
        for (String chart : EvaluationCharts.NAMES) {
            assertTrue(Files.size(dir.resolve(chart + ".png")) > 0 && Files.size(dir.resolve(chart + ".svg")) > 0, chart);
        }
    }

    @Test
    void fromIsRequired() {
        assertEquals(FineRouterCli.USAGE, run("report", "charts"));
    }

    @Test
    void tablesAddsTheDerivedMetricsKeepsTheNumbersAndTheChartLinks() throws Exception {
        Path committed = Path.of("../docs/results/sample/levels1");
        Files.copy(committed.resolve("evaluation.json"), dir.resolve("evaluation.json"));
        Files.writeString(dir.resolve("evaluation.md"), "# old\n\n## Charts\n\n![cost-quality](charts/cost-quality.png)\n");
        dev.finerouter.engine.eval.EvaluationReport before = dev.finerouter.engine.eval.EvaluationReportReader.read(dir.resolve("evaluation.json"));

        assertEquals(FineRouterCli.OK, run("report", "tables", "--from", dir.toString()), err.toString());

        String json = Files.readString(dir.resolve("evaluation.json"));
        assertTrue(json.contains("\"standardMetrics\""), "derived metrics are written");
        dev.finerouter.engine.eval.EvaluationReport after = dev.finerouter.engine.eval.EvaluationReportReader.read(dir.resolve("evaluation.json"));
        assertEquals(before.toJson(), after.toJson(), "measured numbers unchanged");
        String md = Files.readString(dir.resolve("evaluation.md"));
        assertTrue(md.contains("Standard router metrics"), md);
        assertTrue(md.endsWith("## Charts\n\n![cost-quality](charts/cost-quality.png)\n"), "the charts section is kept");
        assertTrue(!md.contains("# old"), "the tables are re-rendered");
    }
}

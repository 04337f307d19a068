package dev.finerouter.engine.eval;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.PairedDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportReaderTest {
    @TempDir
    Path dir;

    private static EvaluationReport toyReport() throws Exception {
        EvaluationData toy = EvalFixtures.toy();
        List<RouterEvaluation.Entry> entries = new ArrayList<>();
        for (SingleModelRouter s : SingleModelRouter.all(toy)) {
            entries.add(new RouterEvaluation.Entry(s, RouterKind.SINGLE_MODEL));
        }
        entries.add(new RouterEvaluation.Entry(new OracleRouter(), RouterKind.BASELINE));
        entries.add(new RouterEvaluation.Entry(KnnRouter.withK(toy, 2), RouterKind.BASELINE));
        return RouterEvaluation.evaluate(toy, entries, 42);
    }

    @Test
    void roundTripGivesTheSameJson() throws Exception {
        EvaluationReport report = toyReport();
        report.write(dir);
        EvaluationReport back = EvaluationReportReader.read(dir.resolve("evaluation.json"));
        assertEquals(report.toJson(), back.toJson());
        assertEquals(report.toMarkdown(), back.toMarkdown());
    }

    /** The toy report plus a full router (α = 1 over fixed predictions), so it has a verdict. */
    private static EvaluationReport toyReportWithFullRouter() throws Exception {
        EvaluationData toy = EvalFixtures.toy();
        List<RouterEvaluation.Entry> entries = new ArrayList<>();
        for (SingleModelRouter s : SingleModelRouter.all(toy)) {
            entries.add(new RouterEvaluation.Entry(s, RouterKind.SINGLE_MODEL));
        }
        entries.add(new RouterEvaluation.Entry(new OracleRouter(), RouterKind.BASELINE));
        entries.add(new RouterEvaluation.Entry(KnnRouter.withK(toy, 2), RouterKind.BASELINE));
        float[] predicted = {0.9f, 0.8f, 0.7f, 0.1f, 0.9f, 0.8f, 0.1f, 0.2f, 0.9f, 0.6f, 0.5f, 0.4f};
        entries.add(new RouterEvaluation.Entry(PredictedQualityRouter.stage2Only("FineRouter (α = 1.00)", toy.test(), predicted, 3),
                RouterKind.FULL));
        return RouterEvaluation.evaluate(toy, entries, 42);
    }

    @Test
    void devChoicesRoundTripAndOldJsonWithoutThemReadsAsNone() throws Exception {
        EvaluationReport report = toyReport().withDevChoices(List.of("kNN: k = 5 (dev-tuned)", "FineRouter: robust rule: k = 10"));
        EvaluationReport back = EvaluationReportReader.parse(report.toJson(), "x.json");
        assertEquals(report.devChoices(), back.devChoices());
        assertTrue(back.toMarkdown().contains("## Settings chosen on train/dev (never on test)\n\n- kNN: k = 5 (dev-tuned)\n"), back.toMarkdown());
        String old = toyReport().toJson().replace("\"devChoices\" : [ ],", "");
        assertTrue(!old.contains("devChoices"), old);
        assertEquals(List.of(), EvaluationReportReader.parse(old, "x.json").devChoices());
        assertTrue(!toyReport().toMarkdown().contains("## Settings chosen"), "no section without choices");
    }

    @Test
    void verdictIsDerivedSoOldJsonWithoutItReadsTheSame() throws Exception {
        EvaluationReport report = toyReportWithFullRouter();
        String json = report.toJson();
        assertTrue(report.verdict().isPresent());
        assertTrue(json.contains("\"verdict\" : \"FineRouter: "), json);
        report.write(dir);
        EvaluationReport back = EvaluationReportReader.read(dir.resolve("evaluation.json"));
        assertEquals(json, back.toJson());
        assertEquals(report.toMarkdown(), back.toMarkdown());
        String old = json.replaceFirst("\n  \"verdict\" : \"[^\"]*\",", "");
        assertTrue(!old.contains("\"verdict\""), old);
        EvaluationReport fromOld = EvaluationReportReader.parse(old, "old.json");
        assertEquals(report.verdict(), fromOld.verdict());
        assertEquals(json, fromOld.toJson());
    }

    @Test
    void pairedDifferencesRoundTripAndOldJsonWithoutThemReadsAsNone() throws Exception {
        EvaluationReport report = toyReportWithFullRouter();
        EvaluationReport back = EvaluationReportReader.parse(report.toJson(), "x.json");
        assertEquals(report.result("kNN").versusFull(), back.result("kNN").versusFull());
        assertEquals(report.result("A").versusBestSingle(), back.result("A").versusBestSingle());
        assertEquals(PairedDifference.NONE, back.result("C").versusBestSingle());
        assertTrue(report.verdict().orElseThrow().contains(" ± "), report.verdict().orElseThrow());
        assertTrue(report.toMarkdown().contains("## Paired differences on test (λ = 0)"), report.toMarkdown());
        String old = report.toJson().replaceAll(",\\s*\"versus(BestSingle|Full)\" : \\{[^}]*}", "");
        assertTrue(!old.contains("versus"), old);
        EvaluationReport fromOld = EvaluationReportReader.parse(old, "old.json");
        assertEquals(PairedDifference.NONE, fromOld.result("A").versusBestSingle());
        assertTrue(!fromOld.verdict().orElseThrow().contains("±"), "no standard errors in a report written without them");
        assertTrue(!fromOld.toMarkdown().contains("## Paired differences"), "no section without them");
        String negative = report.toJson().replaceFirst("\"n\" : \\d+", "\"n\" : -1");
        EngineException e = assertThrows(EngineException.class, () -> EvaluationReportReader.parse(negative, "e.json"));
        assertTrue(e.getMessage().contains("e.json") && e.getMessage().contains(".versusBestSingle.n"), e.getMessage());
    }

    @Test
    void roundTripKeepsNanAsNaNAndTheCurve() throws Exception {
        EvaluationReport back = EvaluationReportReader.parse(toyReport().toJson(), "x.json");
        RouterResult knn = back.result("kNN");
        List<CurvePoint> writtenPoints = toyReport().result("kNN").curve().points();
        assertEquals(writtenPoints.size(), knn.curve().points().size(), "every traced point comes back");
        assertEquals(writtenPoints.stream().map(CurvePoint::tolerance).toList(), knn.curve().points().stream().map(CurvePoint::tolerance).toList());
        CurvePoint written = writtenPoints.get(writtenPoints.size() - 1);
        CurvePoint read = knn.curve().points().get(writtenPoints.size() - 1);
        assertEquals(3, read.share().length, "per-point routing shares come back");
        assertEquals(written.shareOf(2), read.shareOf(2));
        assertEquals(1.0, read.share()[0] + read.share()[1] + read.share()[2], 1e-12);
        assertTrue(Double.isNaN(back.result("A").area()), "a knob-less router has no area: null in JSON, NaN back");
        assertTrue(Double.isNaN(back.result("A").curve().points().get(0).tolerance()));
        assertEquals("C", back.bestSingleModel());
        assertEquals(List.of("A", "B", "C"), back.models());
    }

    @Test
    void unknownKeysAreIgnored() throws Exception {
        String json = toyReport().toJson().replaceFirst("\\{", "{ \"derived\" : {\"x\" : [1, 2]},")
                .replace("\"hasCostKnob\"", "\"newMetric\" : 0.5, \"hasCostKnob\"");
        EvaluationReport back = EvaluationReportReader.parse(json, "x.json");
        assertEquals(toyReport().toJson(), back.toJson());
    }

    @Test
    void missingFieldNamesFileAndPath() throws Exception {
        String json = toyReport().toJson().replace("\"qual\" : 0.875,", "");
        Path file = dir.resolve("evaluation.json");
        Files.writeString(file, json);
        EngineException e = assertThrows(EngineException.class, () -> EvaluationReportReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("field 'routers[3].qual': missing"), e.getMessage());
    }

    @Test
    void wrongTypeIsNamed() throws Exception {
        String json = toyReport().toJson().replace("\"seed\" : 42", "\"seed\" : \"forty-two\"");
        EngineException e = assertThrows(EngineException.class, () -> EvaluationReportReader.parse(json, "e.json"));
        assertEquals("e.json: field 'seed': expected an integer, was \"forty-two\"", e.getMessage());
    }

    @Test
    void unknownKindIsNamed() throws Exception {
        String json = toyReport().toJson().replace("\"kind\" : \"BASELINE\"", "\"kind\" : \"MAGIC\"");
        EngineException e = assertThrows(EngineException.class, () -> EvaluationReportReader.parse(json, "e.json"));
        assertEquals("e.json: field 'routers[3].kind': unknown router kind 'MAGIC'", e.getMessage());
    }

    @Test
    void brokenJsonNamesTheLine() {
        EngineException e = assertThrows(EngineException.class, () -> EvaluationReportReader.parse("{\n\"a\": [1,\n}", "e.json"));
        assertTrue(e.getMessage().startsWith("e.json:3: not valid JSON"), e.getMessage());
    }

    @Test
    void missingFileIsAnEngineException() {
        EngineException e = assertThrows(EngineException.class, () -> EvaluationReportReader.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("none.json"), e.getMessage());
    }

    @Test
    void nullBestSingleModelStaysNull() throws Exception {
        String json = toyReport().toJson().replace("\"bestSingleModel\" : \"C\"", "\"bestSingleModel\" : null");
        assertNull(EvaluationReportReader.parse(json, "e.json").bestSingleModel());
    }

    @Test
    void noChartsInTheEngineAlone() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.finerouter.report.EvaluationCharts"),
                "the engine's own class path has no chart drawing: the report module has it, and the cli calls it");
    }
}

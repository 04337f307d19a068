package dev.finerouter.cli;

import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.onboard.OnboardFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter onboard plan|accept} on the fixture bundle, then {@code bundle verify} and {@code bundle diff} on the result. */
class OnboardCliTest {
    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Path base;
    private Path data;

    @BeforeEach
    void fixture() throws Exception {
        base = OnboardFixture.bundle(dir, true);
        data = OnboardFixture.data(dir);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path plan(int perTask) {
        Path plan = dir.resolve("plan.jsonl");
        assertEquals(0, run("onboard", "plan", "--bundle", base.toString(), "--data", data.toString(), "--per-task", Integer.toString(perTask),
                "--out", plan.toString()), err.toString());
        return plan;
    }

    private String[] accept(Path scores, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("onboard", "accept", "--bundle", base.toString(), "--scores", scores.toString(),
                "--model", "poet-pro", "--out", dir.resolve("b2.frb").toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void withALabelPriorAcceptSaysWhichLabelsTheNewModelTakes() throws Exception {
        base = OnboardFixture.bundleWithLabels(dir);
        Path scored = OnboardFixture.score(plan(6), "poet-pro", 1, 0);
        assertEquals(0, run(accept(scored, "--cost-per-query", "0.001")), err.toString());
        String s = out.toString();
        assertTrue(s.contains("the rule shrinks toward the data labels' prior; the new model's label means (prediction-powered"), s);
        assertTrue(s.contains("best existing (mean)"), s);
        // the new model scores 1 on the poems prompts it answered and 0 elsewhere: its poems mean is its highest (the
        // fixture's trigram classifier is weak, so P(label | x) blurs the three toward its overall mean), and below
        // every label's best existing model: ahead nowhere
        double poems = labelEstimate(s, "poems");
        assertTrue(poems > labelEstimate(s, "algebra") && poems > labelEstimate(s, "python"), s);
        assertFalse(java.util.regex.Pattern.compile("(?m) yes$").matcher(s.substring(s.indexOf("best existing (mean)"))).find(), s);
        assertEquals(3, BundleReader.read(dir.resolve("b2.frb")).manifest().hyperparameters().path("onboarding").path("poet-pro")
                .path("labelMeans").size());
    }

    @Test
    void acceptSaysThatGuardedTasksKeepTheirValidatedModels() throws Exception {
        base = OnboardFixture.bundleWithGuardedPoems(dir);
        Path scored = OnboardFixture.score(plan(6), "poet-pro", 1, 0.9);
        assertEquals(0, run(accept(scored, "--cost-per-query", "0.001")), err.toString());
        String s = out.toString();
        assertTrue(s.contains("guarded tasks keep routing among the models validated on dev (the new model is not routed there"), s);
        // one row: the poem task, its six scored prompts, their paired difference, not routed there
        assertTrue(java.util.regex.Pattern.compile("(?m)^ +\\d +\\S+ +6 +[+-]\\d\\.\\d{3} ± \\d\\.\\d{3}  no$").matcher(s).find(), s);
        assertEquals(1, BundleReader.read(dir.resolve("b2.frb")).manifest().hyperparameters().path("onboarding").path("poet-pro")
                .path("fallbacks").size());
    }

    /** The estimate column of {@code label}'s row in accept's label table. */
    private static double labelEstimate(String console, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + label + " +\\d+\\.\\d +(\\d\\.\\d{3}) +\\S+ \\(\\d\\.\\d{3}\\)").matcher(console);
        assertTrue(m.find(), "no row for " + label + "\n" + console);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void planScoreAcceptVerifyDiff() throws Exception {
        Path plan = plan(6);
        assertTrue(out.toString().contains("Write short poems"), out.toString());
        assertTrue(out.toString().contains("prompts for 3 tasks (seed 42)"), out.toString());
        assertEquals(18, Files.readAllLines(plan).size());
        Path scored = OnboardFixture.score(plan, "poet-pro", 1, 0);
        assertEquals(0, run(accept(scored, "--cost-per-query", "0.001", "--display-name", "Poet Pro")), err.toString());
        String s = out.toString();
        assertTrue(s.contains("1.000 [0.610, 1.000]"), "six right answers: Wilson interval\n" + s);
        assertTrue(s.contains("stage-2 prediction: bard-mini's general adapter"), s);
        assertTrue(s.contains("memory column: regression on the existing models' scores of each prompt plus task offsets (λ "), s);
        assertTrue(s.contains("5 models (+poet-pro), candidate of 1 of 3 tasks, verified"), s);
        assertTrue(s.contains("caution: measured on real data (docs/results/onboarding), onboarding from about 10 prompts per task"),
                "the measured caution is printed after every accept");
        assertTrue(s.contains("Δ vs best other ± SE"), s);
        assertTrue(java.util.regex.Pattern.compile("[+-]\\d\\.\\d{3} ± \\d\\.\\d{3}").matcher(s).find(),
                "each scored task shows its paired difference and standard error\n" + s);

        Path b2 = dir.resolve("b2.frb");
        assertEquals(0, run("bundle", "verify", b2.toString()), err.toString());
        assertEquals(0, run("bundle", "diff", base.toString(), b2.toString()), err.toString());
        String diff = out.toString();
        assertTrue(diff.contains("models.poet-pro.costPerQuery"), diff);
        assertTrue(diff.contains("hyperparameters.onboarding.poet-pro.scoredPrompts"), diff);
        assertTrue(diff.contains("~ Write short poems: bard-mini, generalist, mathstral → poet-pro, bard-mini, generalist, mathstral"), diff);
        assertEquals(18, BundleReader.read(b2).manifest().hyperparameters().path("onboarding").path("poet-pro").path("promptIds").size());
    }

    @Test
    void errorsNameWhatIsWrong() throws Exception {
        Path scored = OnboardFixture.score(plan(2), "poet-pro", 1, 0);
        assertEquals(1, run(accept(dir.resolve("nowhere.jsonl"), "--cost-per-query", "0.001")));
        assertTrue(err.toString().contains("nowhere.jsonl: does not exist"), err.toString());

        Path bad = dir.resolve("bad.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(scored));
        lines.set(1, lines.get(1).replaceFirst("\"poet-pro\":[0-9.]+", "\"poet-pro\":\"good\""));
        Files.write(bad, lines);
        assertEquals(1, run(accept(bad, "--cost-per-query", "0.001")));
        assertTrue(err.toString().contains("bad.jsonl:2: field 'scores.poet-pro': expected a number in [0, 1] or null"), err.toString());

        assertEquals(1, run(accept(scored)));
        assertTrue(err.toString().contains("no price was given for poet-pro"), err.toString());
        assertTrue(err.toString().contains("hint: pass --cost-per-query"), err.toString());

        Path asBard = OnboardFixture.score(plan(2), "bard-mini", 1, 0);
        assertEquals(1, run("onboard", "accept", "--bundle", base.toString(), "--scores", asBard.toString(), "--model", "bard-mini",
                "--cost-per-query", "0.001", "--out", dir.resolve("b3").toString()));
        assertTrue(err.toString().contains("model bard-mini is already in the bundle's pool"), err.toString());
        assertFalse(Files.exists(dir.resolve("b2.frb")) || Files.exists(dir.resolve("b3")), "nothing is written on an error");

        assertEquals(1, run("onboard", "plan", "--bundle", base.toString(), "--data", data.toString(), "--per-task", "0", "--out",
                dir.resolve("p.jsonl").toString()));
        assertTrue(err.toString().contains("--per-task must be at least 1"), err.toString());
        assertEquals(2, run("onboard", "plan", "--bundle", base.toString(), "--out", dir.resolve("p.jsonl").toString()), "--data is required");
    }
}

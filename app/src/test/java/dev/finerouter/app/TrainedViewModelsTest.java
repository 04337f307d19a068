package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.pipeline.PipelineViewModel;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.ShellViewModel;
import dev.finerouter.app.playground.PlaygroundViewModel;
import dev.finerouter.app.whatif.MetricRow;
import dev.finerouter.app.whatif.Variant;
import dev.finerouter.app.whatif.VariantStore;
import dev.finerouter.app.whatif.WhatIfViewModel;
import dev.finerouter.engine.cluster.TaskDiscoveryRunner;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.whatif.Sweep;
import dev.finerouter.engine.whatif.WhatIfMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage 2 and the features on top of a trained router, without a toolkit (everything on the calling thread). */
class TrainedViewModelsTest {
    @TempDir
    static Path dir;
    static Preferences node;
    static WorkbenchPreferences prefs;
    static Workspace workspace;
    static PipelineViewModel pipeline;
    static BackgroundTasks direct = BackgroundTasks.direct();

    @BeforeAll
    static void discoverAndTrain() throws Exception {
        node = Preferences.userRoot().node("dev/finerouter/test-" + UUID.randomUUID());
        prefs = new WorkbenchPreferences(node);
        prefs.setCacheDir(dir.resolve("cache"));
        workspace = new Workspace();
        ShellViewModel shell = new ShellViewModel(workspace, prefs, direct);
        pipeline = new PipelineViewModel(workspace, prefs, direct);
        shell.open(TinyDataset.writePriced(dir), false);
        pipeline.levelsProperty().set(1);
        pipeline.run();
        assertNotNull(workspace.resultProperty().get(), String.join("\n", pipeline.log()));
        pipeline.train();
    }

    @AfterAll
    static void dropPreferences() throws Exception {
        node.removeNode();
    }

    @Test
    void trainingPutsTheRouterIntoTheWorkspace() {
        TrainingResult r = workspace.trainingProperty().get();
        assertNotNull(r, String.join("\n", pipeline.log()));
        assertEquals(workspace.resultProperty().get().discovery().tasks().size(), r.router().tasks().size());
        assertFalse(pipeline.runningProperty().get());
        assertFalse(pipeline.trainingProperty().get());
        assertEquals(1.0, pipeline.trainProgressProperty().get());
        assertTrue(pipeline.trainStatusProperty().get().startsWith("✓ router trained"), pipeline.trainStatusProperty().get());
        assertTrue(pipeline.log().stream().anyMatch(l -> l.startsWith("estimator")), String.join("\n", pipeline.log()));
    }

    @Test
    void whatIfRescoresFromCachedPredictionsDeterministicallyAndMeasuresTheTime() {
        WhatIfViewModel vm = new WhatIfViewModel(workspace, direct);
        assertTrue(vm.readyProperty().get(), vm.statusProperty().get());
        assertNotNull(vm.currentProperty().get());
        assertEquals(Split.TEST, vm.currentProperty().get().split());
        assertEquals(6, vm.currentProperty().get().metrics().prompts());
        assertTrue(vm.rescoreMicrosProperty().get() >= 0);
        double qual = vm.metric("Qual");
        double cost = vm.metric("cost per prompt");
        int[] paperChoices = vm.currentProperty().get().choices();
        assertTrue(qual > 0.8, "the router should pick one of each group's good models: " + qual);

        vm.pin();
        // full tolerance: the cheapest compared model wins, so the cost cannot rise
        vm.toleranceProperty().set(1.0);
        assertTrue(vm.metric("cost per prompt") < cost, vm.metric("cost per prompt") + " vs " + cost);
        MetricRow costRow = vm.rows().stream().filter(r -> r.name().equals("cost per prompt")).findFirst().orElseThrow();
        assertEquals(cost, costRow.pinned(), 1e-12);
        assertEquals(costRow.current() - cost, costRow.delta(), 1e-12);
        assertTrue(vm.rescoreMicrosProperty().get() < 200_000, "re-score took " + vm.rescoreMicrosProperty().get() + " µs");
        long cold = vm.rescoreMicrosProperty().get();
        long warm = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            vm.rescore();
            warm = Math.min(warm, vm.rescoreMicrosProperty().get());
        }
        System.out.println("what-if re-score of the test split (6 prompts): first " + cold + " µs, warm " + warm + " µs");

        // α = 0: only the task prior counts; same inputs → same decisions, every time
        vm.toleranceProperty().set(0);
        vm.alphaProperty().set(0);
        int[] priorOnly = vm.currentProperty().get().choices();
        vm.alphaProperty().set(0.3);
        vm.alphaProperty().set(0);
        assertArrayEquals(priorOnly, vm.currentProperty().get().choices());
        vm.resetToPaper();
        assertArrayEquals(paperChoices, vm.currentProperty().get().choices());
        assertEquals(qual, vm.metric("Qual"), 1e-12);
        double shares = vm.rows().stream().filter(r -> r.name().startsWith("share ")).mapToDouble(MetricRow::current).sum();
        assertEquals(1.0, shares, 1e-9);

        vm.splitProperty().set(Split.DEV);
        assertEquals(Split.DEV, vm.currentProperty().get().split());
        assertNull(vm.pinnedProperty().get(), "switching split drops the pin");
        assertTrue(Double.isNaN(vm.rows().get(0).pinned()));
        assertTrue(vm.stage1Settings().contains("τ = "));
    }

    @Test
    void whatIfAlphaChangeUpdatesTheMetricsAgainstThePin() {
        WhatIfViewModel vm = new WhatIfViewModel(workspace, direct);
        double trainedAlpha = workspace.trainingProperty().get().recommendedPolicy().alpha();
        assertEquals(trainedAlpha, vm.alphaProperty().get(), 1e-12, "the panel starts at the α the router was tuned with");
        double paperQual = vm.metric("Qual");
        int[] paperChoices = vm.currentProperty().get().choices();
        vm.pin();
        vm.alphaProperty().set(0);
        int[] priorOnly = vm.currentProperty().get().choices();
        double priorQual = vm.metric("Qual");
        vm.alphaProperty().set(1);
        int[] predictionOnly = vm.currentProperty().get().choices();
        System.out.println("what-if choices α=0 " + java.util.Arrays.toString(priorOnly) + " α=0.5 " + java.util.Arrays.toString(paperChoices)
                + " α=1 " + java.util.Arrays.toString(predictionOnly) + "; Qual α=0 " + priorQual + " α=0.5 " + paperQual + " α=1 " + vm.metric("Qual"));
        assertEquals(1.0, vm.currentProperty().get().settings().alpha());
        MetricRow qual = row(vm, "Qual");
        assertEquals(paperQual, qual.pinned(), 1e-12);
        assertEquals(vm.currentProperty().get().metrics().qual(), qual.current(), 1e-12);
        assertFalse(qual.needsRetraining());
        assertEquals(1.0 - trainedAlpha, row(vm, "α").delta(), 1e-12);
    }

    @Test
    void whatIfCalibratesOnDevAppliesTheSettingAndTheExportRecordsIt() throws Exception {
        WhatIfViewModel vm = new WhatIfViewModel(workspace, direct);
        dev.finerouter.app.whatif.CalibrationViewModel cal = vm.calibration();
        cal.goalProperty().set(dev.finerouter.app.whatif.CalibrationViewModel.Goal.MAX_SHARE);
        cal.calibrate();
        assertNull(cal.resultProperty().get());
        assertEquals("Cannot calibrate: choose a model for the share cap", cal.statusProperty().get());

        cal.goalProperty().set(dev.finerouter.app.whatif.CalibrationViewModel.Goal.MIN_QUALITY);
        cal.boundProperty().set(0.0);
        cal.tuneAlphaProperty().set(true);
        cal.calibrate();
        var r = cal.resultProperty().get();
        assertNotNull(r, cal.statusProperty().get());
        assertTrue(r.feasible() && r.metOnTest(), "Qual >= 0 always holds");
        assertTrue(r.evaluations() >= 11 * 201, "201 tolerances for each of the 11 α values: " + r.evaluations());
        assertTrue(cal.statusProperty().get().contains(": met on dev and on test with α = "), cal.statusProperty().get());

        cal.apply();
        assertEquals(r.policy().alpha(), vm.alphaProperty().get(), 1e-12);
        assertEquals(r.policy().tolerance(), vm.toleranceProperty().get(), 1e-12);
        vm.splitProperty().set(Split.DEV);
        assertEquals(r.dev().qual(), vm.metric("Qual"), 1e-12, "the reported dev outcome is the panel's dev metrics at that setting");
        assertEquals(r.dev().costPer1k(), 1000 * vm.metric("cost per prompt"), 1e-9);
        vm.splitProperty().set(Split.TEST);
        assertEquals(r.test().qual(), vm.metric("Qual"), 1e-12);

        dev.finerouter.app.bundle.ExportViewModel export = new dev.finerouter.app.bundle.ExportViewModel(workspace, direct, vm::policy,
                cal::forExport);
        Path target = dir.resolve("calibrated.frb");
        export.export(target);
        assertNull(export.failureProperty().get(), () -> String.valueOf(export.failureProperty().get()));
        assertEquals(r.target().describe(), export.summaryProperty().get().calibration());
        var manifest = dev.finerouter.engine.bundle.BundleReader.read(target).manifest();
        assertEquals("min-quality", manifest.calibration().target());
        assertEquals(r.policy().tolerance(), manifest.defaultPolicy().tolerance(), 1e-12);
        assertEquals(0, dev.finerouter.cli.FineRouterCli.run(new String[]{"bundle", "verify", target.toString()},
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter())));

        vm.toleranceProperty().set(r.policy().tolerance() == 1 ? 0 : 1);
        assertTrue(cal.forExport(List.of("model-a", "model-b", "model-c")).isEmpty(), "a knob moved since: no calibration recorded");
    }

    @Test
    void whatIfDeltaReselectsCandidatesWithoutRetraining() {
        WhatIfViewModel vm = new WhatIfViewModel(workspace, direct);
        TrainingResult r = workspace.trainingProperty().get();
        double trained = vm.metric("candidates per task");
        assertEquals(r.discovery().discovery().meanCandidates(), trained, 1e-12);
        vm.deltaProperty().set(1.0);
        double full = vm.metric("candidates per task");
        vm.deltaProperty().set(0.05);
        double minimal = vm.metric("candidates per task");
        System.out.println("what-if candidates per task: δ=0.05 " + minimal + ", trained " + trained + ", δ=1 " + full
                + "; compared per prompt at δ=0.05 " + vm.metric("avg candidates"));
        assertEquals(TaskDiscoveryRunner.withDelta(r.discovery().discovery(), r.discovery().dataset().scores()
                .selectRows(r.discovery().trainRows()), 0.05).meanCandidates(), minimal, 1e-12);
        assertTrue(minimal <= trained && trained <= full, minimal + " ≤ " + trained + " ≤ " + full);
        assertFalse(vm.needsRetrainingProperty().get());
        // the fixture's router has the default robust rule, which compares every model: δ is off and says why
        assertFalse(vm.deltaAppliesProperty().get());
        assertTrue(vm.effectProperty().get().contains("robust rule compares every model"), vm.effectProperty().get());
        assertFalse(row(vm, "Qual").needsRetraining());
    }

    @Test
    void whatIfTauReclustersAndMarksRetrainingNeededKNeedsANewGraph() {
        WhatIfViewModel vm = new WhatIfViewModel(workspace, direct);
        double qual = vm.metric("Qual");
        double trainedTau = vm.tauProperty().get();
        vm.tauProperty().set(0.9);
        assertTrue(vm.needsRetrainingProperty().get());
        assertTrue(vm.currentProperty().get().needsRetraining());
        assertTrue(row(vm, "Qual").needsRetraining());
        assertTrue(Double.isNaN(vm.metric("Qual")));
        assertFalse(row(vm, "tasks").needsRetraining());
        assertTrue(vm.metric("tasks") >= 0);
        assertTrue(vm.statusProperty().get().startsWith("Re-clustered"), vm.statusProperty().get());
        vm.tauProperty().set(trainedTau);
        assertFalse(vm.needsRetrainingProperty().get());
        assertEquals(qual, vm.metric("Qual"), 1e-12);
        vm.kProperty().set(vm.kProperty().get() + 1);
        assertTrue(vm.needsRetrainingProperty().get());
        assertNull(vm.currentProperty().get());
        assertTrue(row(vm, "Qual").needsRetraining() && row(vm, "tasks").needsRetraining() && Double.isNaN(vm.metric("tasks")));
        assertEquals(vm.kProperty().get(), vm.metric("k"));
        assertTrue(vm.effectProperty().get().startsWith("k = "));
    }

    @Test
    void whatIfSweepProducesOnePointPerStepAndRetrainPassesTheSettings() {
        WhatIfViewModel vm = new WhatIfViewModel(workspace, direct);
        vm.toleranceProperty().set(0);
        double qualAtZero = vm.metric("Qual");
        vm.startSweep(Sweep.Knob.TOLERANCE, 0, 1, 5, WhatIfMetric.QUAL);
        Sweep sweep = vm.sweep().resultProperty().get();
        assertNotNull(sweep, vm.sweep().statusProperty().get());
        assertEquals(5, sweep.points().size());
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), sweep.points().stream().map(Sweep.Point::value).toList());
        assertEquals(qualAtZero, sweep.points().get(0).metric(), 1e-12);
        vm.startSweep(Sweep.Knob.TAU, 0.2, 0.8, 3, WhatIfMetric.TASKS);
        assertEquals(3, vm.sweep().resultProperty().get().points().size());
        assertTrue(vm.sweep().resultProperty().get().points().stream().allMatch(p -> p.metric() >= 0));
        assertEquals(1.0, vm.sweep().progressProperty().get());

        List<dev.finerouter.engine.cluster.Stage1Config> asked = new java.util.ArrayList<>();
        vm.setRetrainAction(asked::add);
        vm.tauProperty().set(0.55);
        vm.retrain();
        assertEquals(1, asked.size());
        assertEquals(0.55, asked.get(0).tau());
        assertEquals(vm.kProperty().get(), asked.get(0).k());
    }

    @Test
    void whatIfCancelStopsASweepARecluteringAndACalibrationAndEachRunsAgain() throws Exception {
        dev.finerouter.app.common.ThreadedTasks threaded = new dev.finerouter.app.common.ThreadedTasks();
        WhatIfViewModel vm = new WhatIfViewModel(workspace, threaded.tasks());
        threaded.drainUntil(() -> vm.readyProperty().get(), 60);

        vm.startSweep(Sweep.Knob.TAU, 0.2, 0.8, 7, WhatIfMetric.TASKS);
        assertTrue(vm.sweep().runningProperty().get());
        vm.sweep().cancel();
        assertFalse(vm.sweep().runningProperty().get(), "ready again at once");
        assertEquals("Sweep cancelled.", vm.sweep().statusProperty().get());
        threaded.awaitWorkers(30);
        assertNull(vm.sweep().resultProperty().get(), "a cancelled sweep shows no result");
        assertEquals("Sweep cancelled.", vm.sweep().statusProperty().get());
        vm.startSweep(Sweep.Knob.TAU, 0.2, 0.8, 3, WhatIfMetric.TASKS);
        threaded.drainUntil(() -> !vm.sweep().runningProperty().get(), 60);
        assertEquals(3, vm.sweep().resultProperty().get().points().size(), vm.sweep().statusProperty().get());

        double trainedTau = vm.tauProperty().get();
        vm.tauProperty().set(0.9);
        assertTrue(vm.reclusteringProperty().get());
        vm.cancelRecluster();
        assertFalse(vm.reclusteringProperty().get());
        assertEquals("Re-clustering cancelled.", vm.statusProperty().get());
        threaded.awaitWorkers(30);
        assertEquals("Re-clustering cancelled.", vm.statusProperty().get(), "the cancelled re-clustering's preview is dropped");
        vm.tauProperty().set(0.85);
        threaded.drainUntil(() -> !vm.reclusteringProperty().get(), 60);
        assertTrue(vm.statusProperty().get().startsWith("Re-clustered"), vm.statusProperty().get());
        vm.tauProperty().set(trainedTau);
        threaded.awaitWorkers(30);

        dev.finerouter.app.whatif.CalibrationViewModel cal = vm.calibration();
        cal.goalProperty().set(dev.finerouter.app.whatif.CalibrationViewModel.Goal.MIN_QUALITY);
        cal.boundProperty().set(0.0);
        cal.tuneAlphaProperty().set(true);
        cal.calibrate();
        assertTrue(cal.runningProperty().get());
        cal.cancel();
        assertFalse(cal.runningProperty().get());
        assertEquals("Calibration cancelled.", cal.statusProperty().get());
        threaded.awaitWorkers(30);
        assertNull(cal.resultProperty().get(), "a cancelled calibration has no result");
        cal.calibrate();
        threaded.drainUntil(() -> !cal.runningProperty().get(), 60);
        assertNotNull(cal.resultProperty().get(), cal.statusProperty().get());
    }

    @Test
    void whatIfVariantsRoundTripThroughTheFile() throws Exception {
        Path file = dir.resolve("variants").resolve(VariantStore.FILE_NAME);
        WhatIfViewModel vm = new WhatIfViewModel(workspace, direct, file);
        vm.saveVariant("paper");
        vm.toleranceProperty().set(1);
        vm.saveVariant("cheap");
        assertEquals(List.of("paper", "cheap"), vm.variants().list().stream().map(Variant::name).toList());
        WhatIfViewModel reopened = new WhatIfViewModel(workspace, direct, file);
        assertEquals(vm.variants().list(), reopened.variants().list());
        Variant cheap = reopened.variants().list().get(1);
        assertEquals(1.0, cheap.settings().tolerance());
        assertEquals(vm.metric("cost per prompt"), cheap.metric("cost per prompt"), 1e-12);
        List<MetricRow> compared = MetricRow.compare(cheap, reopened.variants().list().get(0));
        assertEquals("λ", compared.get(1).name());
        assertEquals(1.0, compared.get(1).delta(), 1e-12);
        reopened.applyVariant(cheap);
        assertEquals(1.0, reopened.toleranceProperty().get());
        reopened.variants().delete("paper");
        assertEquals(List.of("cheap"), VariantStore.open(file).list().stream().map(Variant::name).toList());
    }

    private static MetricRow row(WhatIfViewModel vm, String name) {
        return vm.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void playgroundCancelDropsTheRoutingAndTheNextRouteWorks() {
        List<Runnable> held = new java.util.ArrayList<>();
        PlaygroundViewModel vm = new PlaygroundViewModel(workspace, prefs, BackgroundTasks.of(held::add, Runnable::run));
        try {
            vm.pick(vm.datasetPrompts().get(0));
            vm.route();
            assertTrue(vm.busyProperty().get());
            vm.cancel();
            assertFalse(vm.busyProperty().get(), "ready again at once");
            assertEquals("Routing cancelled.", vm.statusProperty().get());
            held.remove(0).run(); // the cancelled routing's worker: its result is dropped
            assertNull(vm.decisionProperty().get());
            assertEquals("Routing cancelled.", vm.statusProperty().get());
            vm.route();
            assertTrue(vm.busyProperty().get());
            held.remove(0).run();
            assertFalse(vm.busyProperty().get());
            assertNotNull(vm.decisionProperty().get(), vm.statusProperty().get());
            assertTrue(vm.statusProperty().get().startsWith("Routed"), vm.statusProperty().get());
        } finally {
            vm.close();
        }
    }

    @Test
    void playgroundRoutesADatasetPromptAndATypedPromptAndRedecidesInPlace() {
        PlaygroundViewModel vm = new PlaygroundViewModel(workspace, prefs, direct);
        try {
            assertTrue(vm.readyProperty().get());
            assertEquals(12, vm.datasetPrompts().size());
            PlaygroundViewModel.DatasetPrompt math = vm.datasetPrompts().stream()
                    .filter(p -> p.text().startsWith("Solve")).findFirst().orElseThrow();
            vm.pick(math);
            vm.route();
            assertNotNull(vm.decisionProperty().get(), vm.statusProperty().get());
            assertFalse(vm.models().isEmpty());
            assertEquals(1, vm.models().stream().filter(PlaygroundViewModel.ModelRow::winner).count());
            assertTrue(vm.models().stream().noneMatch(r -> Double.isNaN(r.trueScore())), "dataset prompt: true scores");
            assertTrue(vm.oracleProperty().get().contains("oracle"), vm.oracleProperty().get());
            assertFalse(vm.reasonProperty().get().isEmpty());
            assertFalse(vm.taskProperty().get().isEmpty());

            vm.textProperty().set("Translate this sentence into French: 'The dogs are in the garden number 7.'");
            vm.route();
            assertNotNull(vm.decisionProperty().get(), vm.statusProperty().get());
            assertTrue(vm.statusProperty().get().startsWith("Routed"), vm.statusProperty().get());
            assertEquals("", vm.oracleProperty().get(), "typed prompt: no true scores");
            var before = vm.decisionProperty().get();
            vm.toleranceProperty().set(1.0);
            assertNotSame(before, vm.decisionProperty().get(), "the tolerance re-decides in place");
            String chosen = vm.models().stream().filter(PlaygroundViewModel.ModelRow::winner).findFirst().orElseThrow().model();
            double cheapest = vm.models().stream().mapToDouble(PlaygroundViewModel.ModelRow::cost).min().orElseThrow();
            assertEquals(cheapest, vm.models().stream().filter(r -> r.model().equals(chosen)).findFirst().orElseThrow().cost());
        } finally {
            vm.close();
        }
    }

    @Test
    void playgroundShowsTasksNearestTrainingPromptsAndKeepsAHistory() throws Exception {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-02T03:04:05Z");
        PlaygroundViewModel vm = new PlaygroundViewModel(workspace, prefs, direct, java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC));
        try {
            TrainingResult r = workspace.trainingProperty().get();
            PlaygroundViewModel.DatasetPrompt code = vm.datasetPrompts().stream()
                    .filter(p -> p.text().startsWith("Write")).findFirst().orElseThrow();
            vm.pick(code);
            vm.route();
            assertNotNull(vm.decisionProperty().get(), vm.statusProperty().get());
            var d = vm.decisionProperty().get();

            // tasks: every row at or above the threshold, most probable first; the assigned one marked
            float threshold = r.router().classifier().threshold();
            assertFalse(vm.taskRows().isEmpty());
            for (int i = 0; i + 1 < vm.taskRows().size(); i++) {
                assertTrue(vm.taskRows().get(i).probability() >= vm.taskRows().get(i + 1).probability());
            }
            if (d.decision().task() >= 0) {
                assertTrue(vm.taskRows().stream().allMatch(t -> t.probability() >= threshold));
                assertEquals(1, vm.taskRows().stream().filter(PlaygroundViewModel.TaskRow::assigned).count());
                assertEquals(d.decision().task(), vm.taskRows().get(0).task(), "the assigned task is the most probable");
            } else {
                assertEquals(List.of(d.bestTask()), vm.taskRows().stream().map(PlaygroundViewModel.TaskRow::task).toList());
                assertFalse(vm.taskRows().get(0).assigned());
            }

            // nearest: 5 training prompts, most similar first, with their true scores; the nearest is a code prompt
            assertEquals(PlaygroundViewModel.NEIGHBOURS, vm.neighbours().size());
            var nearest = vm.neighbours().get(0);
            assertTrue(nearest.text().startsWith("Write a Python function"), nearest.text());
            assertTrue(java.util.Arrays.stream(r.discovery().trainRows()).anyMatch(row -> row == nearest.row()), "a training prompt");
            assertEquals(r.discovery().dataset().scores().get(nearest.row(), 2), nearest.scores()[2]);
            for (int i = 0; i + 1 < vm.neighbours().size(); i++) {
                assertTrue(vm.neighbours().get(i).similarity() >= vm.neighbours().get(i + 1).similarity());
            }
            assertEquals(List.of("model-a", "model-b", "model-c"), vm.modelNames());

            // history: one entry per route, newest first; reopening restores prompt, α and λ and routes again
            assertEquals(1, vm.history().entries().size());
            var first = vm.history().entries().get(0);
            assertEquals(new dev.finerouter.app.playground.PromptHistory.Entry(t0, code.text(),
                    d.decision().task() < 0 ? "Others" : "task " + d.decision().task(),
                    r.router().pool().names().get(d.decision().chosenModel()), r.recommendedPolicy().alpha(), 0.0), first);
            vm.textProperty().set("Solve the arithmetic word problem: 3 owls plus 4 owls, how many in total?");
            vm.alphaProperty().set(0.8);
            vm.route();
            assertEquals(2, vm.history().entries().size());
            assertEquals(0.8, vm.history().entries().get(0).alpha(), 1e-12);
            vm.reopen(first);
            assertEquals(code.text(), vm.textProperty().get());
            assertEquals(first.alpha(), vm.alphaProperty().get(), 1e-12);
            assertEquals(3, vm.history().entries().size());
            Path csv = dir.resolve("history.csv");
            vm.exportHistory(csv);
            assertEquals(4, java.nio.file.Files.readAllLines(csv).size(), "header + 3 entries: " + vm.statusProperty().get());
        } finally {
            vm.close();
        }
    }

    @Test
    void dashboardEvaluatesTheTrainedRouterQuickly() {
        dev.finerouter.app.dashboard.DashboardViewModel vm = new dev.finerouter.app.dashboard.DashboardViewModel(workspace, direct,
                () -> dev.finerouter.engine.route.RoutingPolicy.PAPER, java.util.Optional.empty());
        assertTrue(vm.readyProperty().get());
        vm.evaluate();
        assertFalse(vm.runningProperty().get());
        assertNotNull(vm.reportProperty().get(), vm.statusProperty().get());
        // quick: 3 single models, the oracle, FineRouter
        assertEquals(List.of("model-a", "model-b", "model-c", "Oracle", "FineRouter (α = 0.50)"),
                vm.rows().stream().map(dev.finerouter.app.dashboard.EvaluationGrid.Row::router).toList());
        assertEquals(6, vm.reportProperty().get().testPrompts());
        assertTrue(vm.statusProperty().get().startsWith("Evaluated 5 routers (quick) on 6 test prompts"), vm.statusProperty().get());
        assertEquals(List.of("Oracle", "FineRouter (α = 0.50)"), vm.shareRouters().stream().map(x -> x.name()).toList());
        int traced = vm.reportProperty().get().result("FineRouter (α = 0.50)").curve().points().size();
        assertTrue(traced >= dev.finerouter.engine.eval.CostQualityCurve.STEPS, "the 21 grid tolerances at least: " + traced);
        assertEquals(traced, vm.costQuality().get(4).points().size(), "FineRouter's knob: every traced tolerance is drawn");
    }

    @Test
    void dashboardOpensTheReportTheCliWroteAndExportsItsChartsAsSvg() throws Exception {
        dev.finerouter.app.dashboard.DashboardViewModel evaluated = new dev.finerouter.app.dashboard.DashboardViewModel(workspace, direct,
                () -> dev.finerouter.engine.route.RoutingPolicy.PAPER, java.util.Optional.empty());
        evaluated.evaluate();
        Path reportDir = dir.resolve("report");
        evaluated.reportProperty().get().write(reportDir);

        dev.finerouter.app.dashboard.DashboardViewModel vm = new dev.finerouter.app.dashboard.DashboardViewModel(workspace, direct,
                () -> dev.finerouter.engine.route.RoutingPolicy.PAPER,
                java.util.Optional.of(new dev.finerouter.app.dashboard.ReportSvgExporter()));
        vm.open(reportDir);
        assertNotNull(vm.reportProperty().get(), vm.statusProperty().get());
        assertEquals(evaluated.rows().stream().map(dev.finerouter.app.dashboard.EvaluationGrid.Row::router).toList(),
                vm.rows().stream().map(dev.finerouter.app.dashboard.EvaluationGrid.Row::router).toList());
        assertEquals(evaluated.reportProperty().get().toJson(), vm.reportProperty().get().toJson());

        var report = vm.reportProperty().get();
        var standard = dev.finerouter.app.dashboard.StandardMetricsTable.rows(report);
        assertEquals(List.of("Oracle", "FineRouter (α = 0.50)"), standard.stream().map(r -> r.router()).toList());
        var oracle = standard.get(0).metrics();
        assertEquals(report.bestSingleModel(), oracle.strongModel());
        double strongQual = report.result(oracle.strongModel()).metrics().qual();
        double weakQual = report.result(oracle.weakModel()).metrics().qual();
        assertEquals((report.result("Oracle").metrics().qual() - weakQual) / (strongQual - weakQual), oracle.pgr(), 1e-12,
                "PGR = (Qual − weak) / (strong − weak)");

        Path svg = dir.resolve("share.svg");
        vm.exportVector(dev.finerouter.app.dashboard.DashboardChart.ROUTING_SHARE, svg);
        String text = java.nio.file.Files.readString(svg);
        assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), text.substring(0, 40));
        assertTrue(text.contains("FineRouter"), "the SVG names the routers");

        vm.open(dir.resolve("missing.json"));
        assertTrue(vm.statusProperty().get().startsWith("Cannot open the report: cannot read"), vm.statusProperty().get());
        assertNotNull(vm.reportProperty().get(), "a bad file keeps the shown report");
    }

    @Test
    void dashboardCancelStopsAFullEvaluationWhileTheBaselinesFitAndStaysUsable() throws Exception {
        dev.finerouter.app.common.ThreadedTasks threaded = new dev.finerouter.app.common.ThreadedTasks();
        dev.finerouter.app.dashboard.DashboardViewModel vm = new dev.finerouter.app.dashboard.DashboardViewModel(workspace,
                threaded.tasks(), () -> dev.finerouter.engine.route.RoutingPolicy.PAPER, java.util.Optional.empty());
        vm.scopeProperty().set(dev.finerouter.engine.pipeline.EvaluationSuite.Scope.FULL);
        vm.evaluate();
        threaded.drainUntil(() -> vm.statusProperty().get().contains("fitting"), 60);
        assertTrue(vm.runningProperty().get());
        assertTrue(vm.progressProperty().get() >= 0 && vm.progressProperty().get() < 1, "progress shows: " + vm.progressProperty().get());
        vm.cancel();
        assertFalse(vm.runningProperty().get(), "ready again at once");
        assertEquals("Evaluation cancelled.", vm.statusProperty().get());
        threaded.awaitWorkers(30);
        assertNull(vm.reportProperty().get(), "the cancelled run's report is dropped");
        assertEquals("Evaluation cancelled.", vm.statusProperty().get());
        assertEquals(0, threaded.tasks().activeCountProperty().get());

        vm.scopeProperty().set(dev.finerouter.engine.pipeline.EvaluationSuite.Scope.QUICK);
        vm.evaluate();
        threaded.drainUntil(() -> !vm.runningProperty().get(), 60);
        assertNotNull(vm.reportProperty().get(), vm.statusProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Evaluated 5 routers (quick)"), vm.statusProperty().get());
    }

    @Test
    void dashboardCancelStopsWaitingAndDropsTheLateReport() {
        List<Runnable> held = new java.util.ArrayList<>();
        dev.finerouter.app.dashboard.DashboardViewModel vm = new dev.finerouter.app.dashboard.DashboardViewModel(workspace,
                BackgroundTasks.of(held::add, Runnable::run), () -> dev.finerouter.engine.route.RoutingPolicy.PAPER,
                java.util.Optional.empty());
        vm.evaluate();
        assertTrue(vm.runningProperty().get());
        assertEquals(1, held.size());
        vm.cancel();
        assertFalse(vm.runningProperty().get());
        assertEquals("Evaluation cancelled.", vm.statusProperty().get());
        held.forEach(Runnable::run);
        assertNull(vm.reportProperty().get(), "the cancelled run's report is dropped");
        assertEquals("Evaluation cancelled.", vm.statusProperty().get());
    }

    @Test
    void exportCancelKeepsNoBundleAndTheNextExportWorks() {
        List<Runnable> held = new java.util.ArrayList<>();
        dev.finerouter.app.bundle.ExportViewModel vm = new dev.finerouter.app.bundle.ExportViewModel(workspace,
                BackgroundTasks.of(held::add, Runnable::run), () -> dev.finerouter.engine.route.RoutingPolicy.PAPER);
        Path target = dir.resolve("cancelled.frb");
        vm.export(target);
        assertTrue(vm.busyProperty().get());
        vm.cancel();
        assertFalse(vm.busyProperty().get(), "ready again at once");
        held.remove(0).run(); // the cancelled export's worker: it does not run
        assertFalse(java.nio.file.Files.exists(target), "nothing written");
        assertNull(vm.summaryProperty().get());
        assertNull(vm.failureProperty().get());
        vm.export(target);
        held.remove(0).run();
        assertNull(vm.failureProperty().get(), () -> String.valueOf(vm.failureProperty().get()));
        assertNotNull(vm.summaryProperty().get());
        assertTrue(java.nio.file.Files.exists(target));
    }

    @Test
    void exportWritesABundleThatReadsBackAndTheCliVerifies() {
        dev.finerouter.app.bundle.ExportViewModel vm = new dev.finerouter.app.bundle.ExportViewModel(workspace, direct,
                () -> new dev.finerouter.engine.route.RoutingPolicy(0.7, 0.1, null));
        assertTrue(vm.canExport().get());
        Path target = dir.resolve("router.frb");
        vm.export(target);
        assertNull(vm.failureProperty().get(), () -> String.valueOf(vm.failureProperty().get()));
        var s = vm.summaryProperty().get();
        assertNotNull(s);
        TrainingResult r = workspace.trainingProperty().get();
        assertEquals(r.router().tasks().size(), s.tasks());
        assertEquals(java.util.List.of("model-a", "model-b", "model-c"), s.models());
        assertEquals(r.router().encoderId(), s.encoder());
        assertEquals(0.7, s.policy().alpha(), 1e-12);
        assertTrue(s.files() > 0);
        assertTrue(s.text().contains("tasks"));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int rc = dev.finerouter.cli.FineRouterCli.run(new String[]{"bundle", "verify", target.toString()},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        assertEquals(0, rc, out + "\n" + err);
    }
}

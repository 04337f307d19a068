package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.dataset.StatisticsViewModel;
import dev.finerouter.app.graph.TaskGraphViewModel;
import dev.finerouter.app.inspector.InspectorViewModel;
import dev.finerouter.app.pipeline.PipelineViewModel;
import dev.finerouter.app.pipeline.StageRow;
import dev.finerouter.app.preferences.PreferencesViewModel;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.ShellViewModel;
import dev.finerouter.engine.io.DataFormatException;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.viz.graph.TaskGraphData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View models driven without a JavaFX toolkit: background work and UI callbacks run on the calling thread. */
class ViewModelsTest {
    @TempDir
    static Path dir;
    static Preferences node;
    static WorkbenchPreferences prefs;
    static Workspace workspace;
    static ShellViewModel shell;
    static PipelineViewModel pipeline;

    @BeforeAll
    static void runPipelineOnce() throws Exception {
        node = Preferences.userRoot().node("dev/finerouter/test-" + UUID.randomUUID());
        prefs = new WorkbenchPreferences(node);
        prefs.setCacheDir(dir.resolve("cache"));
        workspace = new Workspace();
        BackgroundTasks direct = BackgroundTasks.direct();
        shell = new ShellViewModel(workspace, prefs, direct);
        pipeline = new PipelineViewModel(workspace, prefs, direct);
        shell.open(TinyDataset.write(dir), false);
        pipeline.levelsProperty().set(1);
        pipeline.run();
    }

    @AfterAll
    static void dropPreferences() throws Exception {
        node.removeNode();
    }

    @Test
    void pipelineRunFillsStagesLogAndWorkspace() {
        DiscoveryResult r = workspace.resultProperty().get();
        assertNotNull(r, String.join("\n", pipeline.log()));
        assertFalse(r.discovery().tasks().isEmpty());
        for (StageRow row : pipeline.stageRows()) {
            assertEquals(StageRow.Status.DONE, row.statusProperty().get(), row.stage().label());
            assertEquals(1.0, row.progressProperty().get());
        }
        assertTrue(pipeline.log().stream().anyMatch(l -> l.contains("tasks over 48 training prompts")), String.join("\n", pipeline.log()));
        assertFalse(pipeline.runningProperty().get());
        assertEquals(java.util.List.of("ℓ"), pipeline.changedSettings());
    }

    @Test
    void cancelStopsAPipelineRunAndARouterTrainingAndLeavesTheViewModelUsable() throws Exception {
        Preferences n = Preferences.userRoot().node("dev/finerouter/test-" + UUID.randomUUID());
        try {
            WorkbenchPreferences p = new WorkbenchPreferences(n);
            p.setCacheDir(dir.resolve("cache-cancel"));
            Workspace ws = new Workspace();
            ws.datasetProperty().set(workspace.datasetProperty().get());
            PipelineViewModel vm = new PipelineViewModel(ws, p, BackgroundTasks.direct());
            vm.levelsProperty().set(1);
            StageRow first = vm.stageRows().get(0);
            javafx.beans.value.ChangeListener<StageRow.Status> cancelOnStart = (o, a, b) -> {
                if (b == StageRow.Status.RUNNING) {
                    vm.cancel();
                }
            };
            first.statusProperty().addListener(cancelOnStart);
            vm.run(); // direct: returns once the engine has stopped
            first.statusProperty().removeListener(cancelOnStart);
            assertFalse(vm.runningProperty().get());
            assertEquals("Cancelled.", vm.statusProperty().get());
            assertNull(vm.failureProperty().get(), "a cancellation is no failure");
            assertNull(ws.resultProperty().get(), "a cancelled run publishes nothing");
            assertEquals(StageRow.Status.CANCELLED, first.statusProperty().get());
            vm.stageRows().stream().skip(1).forEach(r -> assertEquals(StageRow.Status.WAITING, r.statusProperty().get(), r.stage().label()));
            assertTrue(vm.log().contains("cancelled; finished stages stay cached"), String.join("\n", vm.log()));

            vm.run(); // usable again; the engine had stopped, so the stages after the first were not cached
            assertNotNull(ws.resultProperty().get(), String.join("\n", vm.log()));
            assertTrue(vm.statusProperty().get().startsWith("Done: "), vm.statusProperty().get());
            long cached = vm.log().stream().filter(l -> l.endsWith("(cached)")).count();
            assertTrue(cached < vm.stageRows().size() - 1, "the cancelled run stopped early:\n" + String.join("\n", vm.log()));

            javafx.beans.value.ChangeListener<String> cancelOnTraining = (o, a, b) -> {
                if (b.startsWith("Training: ")) {
                    vm.cancel();
                }
            };
            vm.trainStatusProperty().addListener(cancelOnTraining);
            vm.train();
            vm.trainStatusProperty().removeListener(cancelOnTraining);
            assertEquals("Training cancelled.", vm.trainStatusProperty().get());
            assertFalse(vm.trainingProperty().get());
            assertFalse(vm.runningProperty().get());
            assertNull(ws.trainingProperty().get(), "a cancelled training publishes no router");
            assertNull(vm.failureProperty().get());
        } finally {
            n.removeNode();
        }
    }

    @Test
    void trainingChoosesTheLevelsOnDevAndShowsTheChosenTasksOrKeepsTheGivenOnes() throws Exception {
        Preferences n = Preferences.userRoot().node("dev/finerouter/test-" + UUID.randomUUID());
        try {
            WorkbenchPreferences p = new WorkbenchPreferences(n);
            p.setCacheDir(dir.resolve("cache-levels"));
            Workspace ws = new Workspace();
            ShellViewModel shell = new ShellViewModel(ws, p, BackgroundTasks.direct());
            PipelineViewModel vm = new PipelineViewModel(ws, p, BackgroundTasks.direct());
            shell.open(TinyDataset.writePriced(java.nio.file.Files.createDirectories(dir.resolve("levels"))), false);
            assertTrue(vm.chooseLevelsProperty().get(), "on by default, as train and eval without --levels");
            vm.levelsProperty().set(2);
            vm.run();
            DiscoveryResult stage1 = ws.resultProperty().get();
            assertNotNull(stage1, String.join("\n", vm.log()));
            assertEquals(2, stage1.discovery().assignment().communitiesPerLevel().length, "the tiny data makes two levels");

            vm.train();
            dev.finerouter.engine.pipeline.TrainingResult r = ws.trainingProperty().get();
            assertNotNull(r, String.join("\n", vm.log()));
            assertEquals(2, r.levelSearch().size(), r.levelSearch().toString());
            assertSame(r.discovery(), ws.resultProperty().get(), "the workspace shows the tasks the router routes by");
            int chosen = r.levelSearch().stream().filter(dev.finerouter.engine.pipeline.LevelTrial::chosen).findFirst().orElseThrow().levels();
            assertEquals(chosen, ws.resultProperty().get().config().stage1().levels());
            assertTrue(vm.log().stream().anyMatch(l -> l.startsWith("ℓ = " + chosen + " chosen on dev")), String.join("\n", vm.log()));
            assertEquals(1.0, vm.trainProgressProperty().get());
            assertTrue(vm.trainStatusProperty().get().startsWith("✓ router trained"), vm.trainStatusProperty().get());

            vm.chooseLevelsProperty().set(false);
            assertEquals(0.0, p.pipelineSetting("chooseLevels", 1), "the choice is kept in the preferences");
            vm.run();
            DiscoveryResult again = ws.resultProperty().get();
            vm.train();
            assertTrue(ws.trainingProperty().get().levelSearch().isEmpty());
            assertSame(again, ws.resultProperty().get(), "off: the router is trained on the Stage-1 result as shown");
            assertEquals(2, ws.trainingProperty().get().discovery().config().stage1().levels());
        } finally {
            n.removeNode();
        }
    }

    @Test
    void cancellingADatasetLoadOpensNothingAndTheNextLoadWorks() throws Exception {
        Preferences n = Preferences.userRoot().node("dev/finerouter/test-" + UUID.randomUUID());
        try {
            Workspace ws = new Workspace();
            java.util.List<Runnable> held = new java.util.ArrayList<>();
            ShellViewModel vm = new ShellViewModel(ws, new WorkbenchPreferences(n), BackgroundTasks.of(held::add, Runnable::run));
            Path data = TinyDataset.write(java.nio.file.Files.createDirectories(dir.resolve("cancel-load")));
            vm.open(data, false);
            assertTrue(vm.loadingProperty().get());
            vm.cancelLoading();
            assertFalse(vm.loadingProperty().get(), "ready again at once");
            held.remove(0).run();
            assertNull(ws.datasetProperty().get(), "a cancelled load opens nothing");
            assertNull(vm.failureProperty().get());
            vm.open(data, false);
            held.remove(0).run();
            assertFalse(vm.loadingProperty().get());
            assertNotNull(ws.datasetProperty().get());
        } finally {
            n.removeNode();
        }
    }

    @Test
    void inspectorListsTasksAndShowsTheSelectedOnesCandidates() {
        InspectorViewModel vm = new InspectorViewModel(workspace);
        DiscoveryResult r = workspace.resultProperty().get();
        workspace.resultProperty().set(null);
        workspace.resultProperty().set(r);
        assertEquals(r.discovery().tasks().size(), vm.filteredRows().size());
        vm.select(0);
        InspectorViewModel.TaskDetail d = vm.detailProperty().get();
        assertNotNull(d);
        assertFalse(d.candidates().isEmpty());
        assertEquals(3, d.ranking().size());
        assertEquals(1.0, d.mix().stream().mapToDouble(InspectorViewModel.MixRow::share).sum(), 1e-9);
        assertEquals(3, d.scores().size(), "a mean with a 95% interval per model");
        for (InspectorViewModel.ModelScores m : d.scores()) {
            assertEquals(d.size(), m.interval().n(), m.model());
            assertTrue(m.interval().low() <= m.interval().mean() && m.interval().mean() <= m.interval().high(), m.toString());
        }
        assertEquals(d.candidateNames(), d.scores().stream().filter(InspectorViewModel.ModelScores::candidate)
                .map(InspectorViewModel.ModelScores::model).toList());
        assertFalse(d.name().name().isBlank());
        vm.filterProperty().set("no task has this text");
        assertEquals(0, vm.filteredRows().size());
        vm.filterProperty().set("");
        assertEquals(r.discovery().tasks().size(), vm.filteredRows().size());
    }

    @Test
    void graphHasOneNodePerTaskAndDeduplicatedNeighbourEdges() {
        DiscoveryResult r = workspace.resultProperty().get();
        TaskGraphData g = TaskGraphViewModel.toGraphData(r, 3);
        int n = r.discovery().tasks().size();
        assertEquals(n, g.nodes().size());
        assertEquals(java.util.List.of("model-a", "model-b", "model-c"), g.categories());
        assertTrue(g.edges().size() <= n * Math.min(3, n - 1));
        g.edges().forEach(e -> assertTrue(e.source() != e.target()));
        assertEquals(g.edges().size(), g.edges().stream().map(e -> Math.min(e.source(), e.target()) + ":" + Math.max(e.source(), e.target()))
                .distinct().count());
    }

    @Test
    void statisticsShowOneRowPerModel() {
        StatisticsViewModel vm = new StatisticsViewModel();
        vm.show(workspace.datasetProperty().get());
        assertEquals(3, vm.models().size());
        assertEquals(3, vm.tasks().size());
        assertTrue(vm.headlineProperty().get().contains("60 prompts"), vm.headlineProperty().get());
    }

    @Test
    void malformedFileFailsWithTheLineAndLenientLoadSkipsIt() throws Exception {
        Workspace ws = new Workspace();
        Preferences n = Preferences.userRoot().node("dev/finerouter/test-" + UUID.randomUUID());
        try {
            ShellViewModel vm = new ShellViewModel(ws, new WorkbenchPreferences(n), BackgroundTasks.direct());
            Path bad = TinyDataset.writeMalformed(dir);
            vm.open(bad, false);
            DataFormatException e = assertInstanceOf(DataFormatException.class, vm.failureProperty().get().error());
            assertEquals(3, e.line());
            assertNull(ws.datasetProperty().get());
            vm.open(bad, true);
            assertEquals(3, ws.datasetProperty().get().loaded().dataset().size());
            assertEquals(1, vm.skippedProperty().get().rowsSkipped());
            assertEquals(bad.toAbsolutePath().normalize(), vm.recentFiles().get(0));
        } finally {
            n.removeNode();
        }
    }

    @Test
    void preferencesAreValidatedAndPersisted() throws Exception {
        Preferences n = Preferences.userRoot().node("dev/finerouter/test-" + UUID.randomUUID());
        try {
            WorkbenchPreferences p = new WorkbenchPreferences(n);
            PreferencesViewModel vm = new PreferencesViewModel(p);
            assertEquals("42", vm.seedProperty().get());
            vm.seedProperty().set("x");
            assertTrue(vm.save().contains("seed"));
            vm.seedProperty().set("7");
            vm.llmUrlProperty().set("http://127.0.0.1:8000/v1");
            assertTrue(vm.save().contains("model"));
            vm.llmModelProperty().set("tiny");
            assertNull(vm.save());
            WorkbenchPreferences reread = new WorkbenchPreferences(n);
            assertEquals(7, reread.seed());
            assertEquals("tiny", reread.llmModel());
            reread.setWindowBounds(10, 20, 900, 600);
            assertEquals(900, new WorkbenchPreferences(n).windowBounds()[2]);
        } finally {
            n.removeNode();
        }
    }
}

package dev.finerouter.app.onboard;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.OpenBundle;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.drift.DriftFixtures;
import dev.finerouter.engine.data.DatasetStatistics;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.LoadedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Onboard dialog's state without a screen: what it asks for first, a bundle it cannot extend, and Cancel (the
 * accept path with a real bundle is in {@code OpenBundleUiTest}).
 */
class OnboardViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void asksForABundleAndItsDatasetAndRefusesAPaperRuleBundle() throws Exception {
        Workspace workspace = new Workspace();
        OnboardViewModel vm = new OnboardViewModel(workspace, BackgroundTasks.direct(), Clock.systemUTC());
        assertFalse(vm.canPlanProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Open the router bundle to extend first"), vm.statusProperty().get());
        // the golden bundle routes by the paper's rule: it keeps no training prompts, so there is nothing to score on
        workspace.bundleProperty().set(OpenBundle.read(DriftFixtures.GOLDEN));
        assertFalse(vm.canPlanProperty().get());
        assertTrue(vm.statusProperty().get().contains("routes by the paper's rule"), vm.statusProperty().get());
    }

    @Test
    void cancelDropsTheRunningStepsResult() throws Exception {
        Workspace workspace = new Workspace();
        Path data = DriftFixtures.writeDataset(tmp);
        LoadedDataset loaded = DatasetLoader.load(data, ImportOptions.STRICT);
        workspace.datasetProperty().set(new DatasetSnapshot(data, loaded, DatasetStatistics.of(loaded.dataset()), false));
        workspace.bundleProperty().set(OpenBundle.read(DriftFixtures.GOLDEN));
        List<Runnable> held = new ArrayList<>();
        OnboardViewModel vm = new OnboardViewModel(workspace, BackgroundTasks.of(held::add, Runnable::run), Clock.systemUTC());
        Path plan = tmp.resolve("plan.jsonl");
        vm.plan(plan);
        assertTrue(vm.runningProperty().get());
        vm.cancel();
        assertFalse(vm.runningProperty().get());
        assertEquals("Cancelled: nothing was kept.", vm.statusProperty().get());
        held.forEach(Runnable::run); // the worker finishes (here: the paper-rule bundle is refused) after the cancel
        assertEquals("Cancelled: nothing was kept.", vm.statusProperty().get(), "a cancelled step's outcome is not shown");
        assertEquals("", vm.planSummaryProperty().get());
        assertFalse(Files.exists(plan));
    }

    @Test
    void afterACancelTheNextStepRunsAndReportsAndADroppedStepNeverRuns() throws Exception {
        Workspace workspace = new Workspace();
        Path data = DriftFixtures.writeDataset(tmp);
        LoadedDataset loaded = DatasetLoader.load(data, ImportOptions.STRICT);
        workspace.datasetProperty().set(new DatasetSnapshot(data, loaded, DatasetStatistics.of(loaded.dataset()), false));
        workspace.bundleProperty().set(OpenBundle.read(DriftFixtures.GOLDEN));
        List<Runnable> held = new ArrayList<>();
        OnboardViewModel vm = new OnboardViewModel(workspace, BackgroundTasks.of(held::add, Runnable::run), Clock.systemUTC());
        vm.plan(tmp.resolve("first.jsonl"));
        vm.cancel();
        assertFalse(vm.runningProperty().get());
        Path second = tmp.resolve("second.jsonl");
        vm.plan(second);
        assertTrue(vm.runningProperty().get(), "usable again after Cancel");
        assertEquals(2, held.size());
        held.get(0).run(); // the cancelled step: its work does not run, nothing is shown
        assertTrue(vm.runningProperty().get());
        assertEquals("Picking the prompts…", vm.statusProperty().get());
        held.get(1).run(); // the second step runs: the paper-rule bundle is refused, and the view model says so
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Cannot write the plan: "), vm.statusProperty().get());
        assertFalse(Files.exists(second));
    }

    @Test
    void theSummaryNamesTheLabelsWhereTheNewModelIsAhead() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals("", OnboardViewModel.labelNote(json.readTree("{\"memoryColumn\":\"x\"}")), "no label prior, nothing said");
        String two = "{\"labelMeans\":[{\"label\":\"math\",\"scoredWeight\":14.3,\"estimate\":0.48,\"bestExisting\":\"m1\",\"bestExistingMean\":0.556,"
                + "\"ahead\":false},{\"label\":\"natural_qa\",\"scoredWeight\":14.3,\"estimate\":0.555,\"bestExisting\":\"m0\","
                + "\"bestExistingMean\":0.483,\"ahead\":true}]}";
        assertEquals(" The router shrinks toward the data labels' prior; the new model is ahead of the best existing model on 1 of 2 labels and "
                + "will take most of their prompts: natural_qa (0.555 vs m0's 0.483, on 14 scored prompts).", OnboardViewModel.labelNote(json.readTree(two)));
        assertTrue(OnboardViewModel.labelNote(json.readTree(two.replace("\"ahead\":true", "\"ahead\":false")))
                .endsWith("behind the best existing model on all 2 labels."));
    }

    @Test
    void theSummarySaysWhereTheBundleFallsBackAndWhetherTheNewModelIsRoutedThere() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals("", OnboardViewModel.fallbackNote(json.readTree("{\"memoryColumn\":\"x\"}")), "no fallback, nothing said");
        String guards = "{\"fallbacks\":[{\"task\":5,\"fallsBackTo\":\"m1\",\"prompts\":10,\"difference\":-0.3,\"standardError\":0.15,"
                + "\"compared\":false,\"ahead\":false},{\"task\":7,\"fallsBackTo\":\"m1\",\"prompts\":9,\"difference\":0.2,"
                + "\"standardError\":0.1,\"compared\":false,\"ahead\":false}]}";
        assertEquals(" 2 guarded task(s) (5, 7) keep routing among the models validated on dev; the new model is not routed there (retrain to "
                + "let it compete).", OnboardViewModel.fallbackNote(json.readTree(guards)));
        String global = "{\"fallbacks\":[{\"task\":\"all\",\"fallsBackTo\":\"m1\",\"prompts\":240,\"difference\":0.052,"
                + "\"standardError\":0.02,\"compared\":true,\"ahead\":true}]}";
        assertEquals(" The bundle falls back to m1 for every prompt; the new model replaces it (+0.052 ± 0.020 on 240 scored prompts).",
                OnboardViewModel.fallbackNote(json.readTree(global)));
        assertTrue(OnboardViewModel.fallbackNote(json.readTree(global.replace("\"ahead\":true", "\"ahead\":false")))
                .contains("does not replace it"));
    }
}

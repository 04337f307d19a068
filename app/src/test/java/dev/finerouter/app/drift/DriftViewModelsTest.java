package dev.finerouter.app.drift;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.data.DatasetStatistics;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.replay.DecisionLogReader;
import dev.finerouter.engine.replay.Replay;
import dev.finerouter.engine.replay.ReplayReport;
import dev.finerouter.engine.service.RouterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drift review and replay view models on the golden bundle, without a toolkit (work runs on the calling thread). */
class DriftViewModelsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private DriftReviewViewModel openedReview() throws Exception {
        DriftReviewViewModel vm = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK, e -> new TrigramEmbedder());
        vm.open(DriftFixtures.writeProposals(tmp), DriftFixtures.GOLDEN);
        assertNull(vm.failureProperty().get());
        return vm;
    }

    @Test
    void openingListsTheProposalsWithNothingAccepted() throws Exception {
        DriftReviewViewModel vm = openedReview();
        assertEquals(List.of("drift-1", "drift-2"), vm.rows().stream().map(r -> r.proposal().id()).toList());
        assertEquals("mathstral, generalist", vm.rows().get(1).candidates());
        assertEquals(List.of(), vm.acceptedIds());
        assertFalse(vm.canWrite().get());
        assertEquals(3, vm.bundleProperty().get().router().tasks().size());
        assertTrue(vm.statusProperty().get().startsWith("2 proposals from 19 logged prompts (0 with true scores), 3 communities"),
                vm.statusProperty().get());
        assertTrue(vm.statusProperty().get().contains("Warning: the proposals were made against bundle golden"), vm.statusProperty().get());
    }

    @Test
    void tickingEnablesWritingAndUntickingDisablesIt() throws Exception {
        DriftReviewViewModel vm = openedReview();
        vm.rows().get(1).acceptProperty().set(true);
        assertEquals(List.of("drift-2"), vm.acceptedIds());
        assertTrue(vm.canWrite().get());
        vm.rows().get(1).acceptProperty().set(false);
        assertFalse(vm.canWrite().get());
    }

    @Test
    void acceptingTwoWritesANewBundleWithTwoMoreTasksAndLeavesTheParentAlone() throws Exception {
        DriftReviewViewModel vm = openedReview();
        vm.rows().forEach(r -> r.acceptProperty().set(true));
        Path out = tmp.resolve("b2.frb");
        vm.write(out);
        assertNull(vm.failureProperty().get());
        DriftReviewViewModel.Summary s = vm.summaryProperty().get();
        assertEquals(3, s.tasksBefore());
        assertEquals(5, s.tasksAfter());
        assertEquals(List.of("drift-1", "drift-2"), s.accepted());
        assertEquals(List.of(), s.rejected());
        RouterBundle b2 = BundleReader.read(out);
        assertEquals(5, b2.router().tasks().size());
        assertEquals("Write haiku", b2.router().tasks().get(3).summary());
        assertEquals("Compute percentages", b2.router().tasks().get(4).summary());
        assertEquals("2026-03-01T00:00:00Z", b2.manifest().createdAt());
        assertEquals(3, BundleReader.read(DriftFixtures.GOLDEN).router().tasks().size());
        assertTrue(s.text().contains("tasks 3 → 5"), s.text());
        assertTrue(s.text().contains("finerouter bundle verify " + out), s.text());
        assertEquals("calibrated on each proposal's example prompts", s.biases());
        assertEquals("calibrated on each proposal's example prompts", b2.manifest().hyperparameters().path("drift").path("biases").asText());
    }

    @Test
    void cancellingAWriteKeepsNoBundleAndTheNextWriteWorks() throws Exception {
        java.util.concurrent.atomic.AtomicReference<DriftReviewViewModel> self = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean pressCancel = new java.util.concurrent.atomic.AtomicBoolean(true);
        DriftReviewViewModel vm = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK, e -> {
            if (pressCancel.get()) {
                self.get().cancel(); // the user presses Cancel while the encoder opens
            }
            return new TrigramEmbedder();
        });
        self.set(vm);
        vm.open(DriftFixtures.writeProposals(tmp), DriftFixtures.GOLDEN);
        vm.rows().forEach(r -> r.acceptProperty().set(true));
        Path out = tmp.resolve("b2.frb");
        vm.write(out);
        assertFalse(vm.busyProperty().get());
        assertEquals("Writing cancelled: no new bundle was kept.", vm.statusProperty().get());
        assertNull(vm.summaryProperty().get());
        assertNull(vm.failureProperty().get());
        assertFalse(Files.exists(out), "the work stopped before writing");

        pressCancel.set(false);
        assertTrue(vm.canWrite().get(), "usable again");
        vm.write(out);
        assertNull(vm.failureProperty().get());
        assertEquals(5, vm.summaryProperty().get().tasksAfter());
        assertTrue(Files.exists(out));
    }

    @Test
    void withoutTheEncoderTheNewTasksGetTheMedianBiasAndTheSummarySaysWhy() throws Exception {
        DriftReviewViewModel vm = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK, e -> {
            throw new EngineException("no encoder here", "test", null);
        });
        vm.open(DriftFixtures.writeProposals(tmp), DriftFixtures.GOLDEN);
        vm.rows().get(0).acceptProperty().set(true);
        Path out = tmp.resolve("median.frb");
        vm.write(out);
        assertNull(vm.failureProperty().get());
        assertEquals("median of the parent's (encoder not available: no encoder here)", vm.summaryProperty().get().biases());
        float[] biases = BundleReader.read(out).router().classifier().taskBiases();
        float[] old = BundleReader.read(DriftFixtures.GOLDEN).router().classifier().taskBiases();
        float[] sorted = old.clone();
        java.util.Arrays.sort(sorted);
        assertEquals(sorted[1], biases[3], "median of the three old biases");
    }

    @Test
    void anUntickedProposalIsReportedAsRejectedAndNotAdded() throws Exception {
        DriftReviewViewModel vm = openedReview();
        vm.rows().get(0).acceptProperty().set(true);
        Path out = tmp.resolve("b2");
        vm.write(out);
        DriftReviewViewModel.Summary s = vm.summaryProperty().get();
        assertEquals(4, s.tasksAfter());
        assertEquals(List.of("drift-2"), s.rejected());
        assertEquals(List.of("Write haiku"), BundleReader.read(out).router().tasks().subList(3, 4).stream().map(t -> t.summary()).toList());
    }

    @Test
    void writingOverTheParentBundleFailsWithTheEnginesMessage() throws Exception {
        Path copy = tmp.resolve("parent");
        copyTree(DriftFixtures.GOLDEN, copy);
        DriftReviewViewModel vm = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK);
        vm.open(DriftFixtures.writeProposals(tmp), copy);
        vm.rows().get(0).acceptProperty().set(true);
        vm.write(copy);
        assertInstanceOf(EngineException.class, vm.failureProperty().get());
        assertNull(vm.summaryProperty().get());
        assertTrue(vm.statusProperty().get().contains("would replace"), vm.statusProperty().get());
    }

    @Test
    void theBundleRecordedInTheProposalsIsFoundWhenNoneIsGiven() throws Exception {
        DriftReviewViewModel vm = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK);
        Path proposals = DriftFixtures.writeProposals(tmp);
        assertEquals(DriftFixtures.GOLDEN, DriftReviewViewModel.bundleNamedBy(proposals));
        vm.open(proposals, null);
        assertEquals(2, vm.rows().size());
    }

    @Test
    void aMissingProposalsFileFailsAndLeavesTheTableEmpty() {
        DriftReviewViewModel vm = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK);
        vm.open(tmp.resolve("nope.json"), DriftFixtures.GOLDEN);
        assertInstanceOf(EngineException.class, vm.failureProperty().get());
        assertTrue(vm.rows().isEmpty());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void detailsListExamplesAndCandidateRanks() throws Exception {
        DriftReviewViewModel vm = openedReview();
        String d = DriftReviewViewModel.details(vm.rows().get(1).proposal());
        assertTrue(d.contains("  • What is 15% of 80?"), d);
        assertTrue(d.contains("  1. mathstral  0.0300  0.900"), d);
        assertTrue(d.contains("  2. generalist  0.0100  –"), d);
        assertTrue(d.contains("Nearest existing task: Solve arithmetic and algebra equations (cosine 0.310)"), d);
        assertTrue(d.contains("Dataset label: percent (50.0%)"), d);
    }

    private ReplayViewModel replayVm() {
        return new ReplayViewModel(new Workspace(), BackgroundTasks.direct(), e -> new TrigramEmbedder());
    }

    @Test
    void replayGivesTheAgreementTheEngineComputes() throws Exception {
        Path log = DriftFixtures.writeLog(tmp);
        ReplayViewModel vm = replayVm();
        vm.run(log, DriftFixtures.GOLDEN, null);
        assertNull(vm.failureProperty().get());
        ReplayReport r = vm.reportProperty().get();
        assertEquals(5, r.replayed());
        assertEquals(4, r.agreement().agreeing());
        assertEquals(0.8, r.agreement().share());
        RouterService service = new RouterService(BundleReader.read(DriftFixtures.GOLDEN), new TrigramEmbedder());
        List<dev.finerouter.engine.decisionlog.DecisionRecord> records = DecisionLogReader.read(log);
        ReplayReport engine = Replay.compare(DriftFixtures.GOLDEN.toString(), Replay.bundleId(service), records, Replay.route(service, records), null);
        assertEquals(engine, r);
        assertEquals(List.of(new ReplayReport.TaskAgreement("task 0", 3, 2), new ReplayReport.TaskAgreement("task 1", 2, 2)), vm.perTask());
        assertEquals(1, vm.moves().size());
        assertEquals(1, vm.moves().get(0).prompts());
        assertNull(r.quality());
        assertEquals("no dataset: quality change not measured", vm.scoreSourceProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Agreement 80.0% (4 of 5 prompts routed to the same model)"), vm.statusProperty().get());
    }

    @Test
    void replayReportsProgressAndTheLoggedPolicyChoiceMatchesTheEngine() throws Exception {
        Path log = DriftFixtures.writeLog(tmp);
        ReplayViewModel vm = replayVm();
        vm.loggedPolicyProperty().set(true);
        vm.run(log, DriftFixtures.GOLDEN, null);
        assertEquals(1.0, vm.progressProperty().get(), "all logged prompts routed");
        RouterService service = new RouterService(BundleReader.read(DriftFixtures.GOLDEN), new TrigramEmbedder());
        List<dev.finerouter.engine.decisionlog.DecisionRecord> records = DecisionLogReader.read(log);
        assertEquals(Replay.compare(DriftFixtures.GOLDEN.toString(), Replay.bundleId(service), records,
                Replay.route(service, records, null), null), vm.reportProperty().get());
    }

    @Test
    void aCancelledReplayStopsAndSaysSo() throws Exception {
        Path log = DriftFixtures.writeLog(tmp);
        List<Runnable> held = new java.util.ArrayList<>();
        ReplayViewModel vm = new ReplayViewModel(new Workspace(), BackgroundTasks.of(held::add, Runnable::run),
                e -> new TrigramEmbedder());
        vm.run(log, DriftFixtures.GOLDEN, null);
        assertTrue(vm.busyProperty().get());
        vm.cancel();
        held.forEach(Runnable::run);
        assertFalse(vm.busyProperty().get());
        assertEquals("Replay cancelled.", vm.statusProperty().get());
        assertNull(vm.reportProperty().get());
        assertNull(vm.failureProperty().get());
    }

    /** (score of the replayed − score of the logged model of prompt 0) / 4: the only move, on the 4 prompts in the dataset. */
    private static void assertQualityOfTheOneMove(ReplayViewModel vm) {
        ReplayReport r = vm.reportProperty().get();
        assertEquals(4, r.quality().matched());
        String[] move = vm.moves().get(0).move().split(" → ");
        double expected = (DriftFixtures.SCORES.get(move[1]) - DriftFixtures.SCORES.get(move[0])) / 4;
        assertEquals(expected, r.quality().change(), 1e-6); // dataset scores are floats
        assertTrue(vm.statusProperty().get().contains("on 4 prompts"), vm.statusProperty().get());
    }

    @Test
    void replayWithADatasetReportsTheQualityChangeOfTheMovedPrompt() throws Exception {
        Path log = DriftFixtures.writeLog(tmp);
        Path data = DriftFixtures.writeDataset(tmp);
        ReplayViewModel vm = replayVm();
        vm.run(log, DriftFixtures.GOLDEN, data);
        assertNull(vm.failureProperty().get());
        assertQualityOfTheOneMove(vm);
        assertEquals("true scores from " + data, vm.scoreSourceProperty().get());
    }

    @Test
    void replayWithoutADatasetUsesTheWorkspacesOpenDataset() throws Exception {
        Path log = DriftFixtures.writeLog(tmp);
        Path data = DriftFixtures.writeDataset(tmp);
        LoadedDataset loaded = DatasetLoader.load(data, ImportOptions.STRICT);
        Workspace workspace = new Workspace();
        workspace.datasetProperty().set(new DatasetSnapshot(data, loaded, DatasetStatistics.of(loaded.dataset()), false));
        ReplayViewModel vm = new ReplayViewModel(workspace, BackgroundTasks.direct(), e -> new TrigramEmbedder());
        vm.run(log, DriftFixtures.GOLDEN, null);
        assertNull(vm.failureProperty().get());
        assertQualityOfTheOneMove(vm);
        assertEquals("true scores from the open dataset " + data, vm.scoreSourceProperty().get());
    }

    @Test
    void replaySharesSumToOneOnBothSides() throws Exception {
        ReplayViewModel vm = replayVm();
        vm.run(DriftFixtures.writeLog(tmp), DriftFixtures.GOLDEN, null);
        assertEquals(1.0, vm.shares().stream().mapToDouble(ReplayViewModel.ShareRow::logged).sum(), 1e-12);
        assertEquals(1.0, vm.shares().stream().mapToDouble(ReplayViewModel.ShareRow::replayed).sum(), 1e-12);
        assertEquals(0.0, vm.shares().stream().mapToDouble(ReplayViewModel.ShareRow::change).sum(), 1e-12);
    }

    @Test
    void moveRowsAreSortedByCountThenName() {
        ReplayReport r = new ReplayReport("b", "id", List.of("old"), 4, 0,
                new dev.finerouter.engine.bundle.BundleDiff.Agreement(4, 1, Map.of("b → a", 1, "a → c", 2)), List.of(), 4, 4, Map.of(), Map.of(), null);
        assertEquals(List.of(new ReplayViewModel.MoveRow("a → c", 2), new ReplayViewModel.MoveRow("b → a", 1)), ReplayViewModel.moveRows(r));
        assertEquals("Agreement 25.0% (1 of 4 prompts routed to the same model); cost change per 1k prompts +0.0000.", ReplayViewModel.headline(r));
    }

    @Test
    void replayExportsMarkdownAndJson() throws Exception {
        ReplayViewModel vm = replayVm();
        vm.run(DriftFixtures.writeLog(tmp), DriftFixtures.GOLDEN, null);
        vm.export(tmp.resolve("r.md"));
        vm.export(tmp.resolve("r.json"));
        assertTrue(Files.readString(tmp.resolve("r.md")).contains("| agreement (same model) | 80.0% (4 of 5) |"));
        assertTrue(Files.readString(tmp.resolve("r.json")).contains("\"agreeing\" : 4"));
        assertEquals(tmp.resolve("r.json"), vm.exportedProperty().get());
    }

    @Test
    void aLogWithoutPromptTextIsRefusedWithTheEnginesHint() throws Exception {
        Path log = tmp.resolve("hashed.jsonl");
        Files.writeString(log, Files.readString(DriftFixtures.writeLog(tmp)).replaceAll("\"prompt\":\"[^\"]*\"", "\"prompt\":null"));
        ReplayViewModel vm = replayVm();
        vm.run(log, DriftFixtures.GOLDEN, null);
        EngineException e = assertInstanceOf(EngineException.class, vm.failureProperty().get());
        assertTrue(e.getMessage().contains("has prompt text"), e.getMessage());
        assertNull(vm.reportProperty().get());
    }

    // ---- find new tasks ------------------------------------------------------------------------------------------

    private FindTasksViewModel findTasks(BackgroundTasks tasks, DriftReviewViewModel review) {
        return new FindTasksViewModel(new Workspace(), tasks, e -> new TrigramEmbedder(), review);
    }

    @Test
    void emptyTablesSayWhatToDoBeforeAResultAndWhatWasFoundAfter() throws Exception {
        ReplayViewModel replay = replayVm();
        assertEquals("Run a replay to see which prompts move to another model.", replay.movesPlaceholder().get());
        replay.run(DriftFixtures.writeLog(tmp), DriftFixtures.GOLDEN, null);
        assertEquals("No moves: every prompt kept its model.", replay.movesPlaceholder().get());

        DriftReviewViewModel review = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK, e -> new TrigramEmbedder());
        assertTrue(review.proposalsPlaceholder().get().startsWith("No proposals open. Find new tasks in a decision log above"));
        review.open(DriftFixtures.writeProposals(tmp), DriftFixtures.GOLDEN);
        assertEquals("No new tasks proposed: every community found in the log is close to one of the bundle's tasks.",
                review.proposalsPlaceholder().get());
    }

    @Test
    void findTasksStartsWithTheCliDefaults() {
        FindTasksViewModel vm = findTasks(BackgroundTasks.direct(), new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK));
        assertEquals(0.8, vm.noveltyProperty().get());
        assertFalse(vm.allLoggedProperty().get());
        assertEquals(5, vm.minTaskSizeProperty().get());
        assertNull(vm.workspaceBundleProperty().get());
    }

    @Test
    void findTasksWithoutABundleChosenOrOpenedSaysSo() {
        FindTasksViewModel vm = findTasks(BackgroundTasks.direct(), new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK));
        vm.run(tmp.resolve("log"), null, tmp.resolve("proposals.json"));
        assertFalse(vm.busyProperty().get());
        assertEquals("Finding new tasks failed: no bundle to find new tasks against (choose the deployed bundle, or open it with "
                + "File → Open router bundle…)", vm.statusProperty().get());
    }

    @Test
    void findTasksWritesTheEnginesProposalsAndOpensThemForReview() throws Exception {
        Path log = DriftFixtures.writeDriftLog(tmp);
        DriftReviewViewModel review = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK, e -> new TrigramEmbedder());
        Workspace workspace = new Workspace();
        FindTasksViewModel vm = new FindTasksViewModel(workspace, BackgroundTasks.direct(), e -> new TrigramEmbedder(), review);
        workspace.bundleProperty().set(dev.finerouter.app.common.OpenBundle.read(DriftFixtures.GOLDEN));
        assertEquals(DriftFixtures.GOLDEN, vm.workspaceBundleProperty().get(), "the opened bundle is the default");
        vm.noveltyProperty().set(1.0);
        Path target = tmp.resolve("out/found.json");
        Files.createDirectories(target.getParent());
        List<Double> bar = new java.util.ArrayList<>();
        vm.progressProperty().addListener((o, a, f) -> bar.add(f.doubleValue()));
        vm.run(log, null, target);
        assertNull(vm.failureProperty().get(), () -> vm.statusProperty().get());
        assertTrue(bar.size() > 3 && bar.get(0) < 0.5, "the bar moves through the run: " + bar);
        for (int i = 1; i < bar.size(); i++) {
            assertTrue(bar.get(i) >= bar.get(i - 1), "the bar never goes back: " + bar);
        }
        assertEquals(1.0, bar.get(bar.size() - 1), 1e-9);
        assertEquals(target, vm.writtenProperty().get());
        assertTrue(Files.exists(tmp.resolve("out/found.md")), "the Markdown summary next to the JSON");

        RouterBundle golden = BundleReader.read(DriftFixtures.GOLDEN);
        dev.finerouter.engine.drift.DriftProposals expected = dev.finerouter.engine.drift.IncrementalDiscovery.run(golden,
                DriftFixtures.GOLDEN.toAbsolutePath().toString(), new TrigramEmbedder(), DecisionLogReader.read(log), null,
                dev.finerouter.engine.pipeline.PipelineConfig.defaults(), null, null,
                new dev.finerouter.engine.drift.IncrementalDiscovery.Settings(true, 1.0), dev.finerouter.engine.stage.StageContext.silent(42));
        assertFalse(expected.proposals().isEmpty(), "the fixture log has new communities");
        assertEquals(expected.toJson(), dev.finerouter.engine.drift.DriftProposals.read(target).toJson());
        assertEquals(expected.proposals().stream().map(p -> p.id()).toList(), review.rows().stream().map(r -> r.proposal().id()).toList());
        assertEquals(target, review.proposalsPathProperty().get());
        assertTrue(vm.statusProperty().get().startsWith(expected.proposals().size() + " proposals from 36 logged prompts written to " + target),
                vm.statusProperty().get());
    }

    @Test
    void cancellingFindTasksStopsTheEngineAndLoadsNothing() throws Exception {
        Path log = DriftFixtures.writeDriftLog(tmp);
        DriftReviewViewModel review = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK);
        FindTasksViewModel vm = findTasks(BackgroundTasks.direct(), review);
        vm.progressProperty().addListener((o, a, f) -> vm.cancel()); // the user presses Cancel once progress shows
        Path target = tmp.resolve("proposals.json");
        vm.run(log, DriftFixtures.GOLDEN, target);
        assertFalse(vm.busyProperty().get());
        assertEquals("Finding new tasks cancelled; nothing written.", vm.statusProperty().get());
        assertNull(vm.failureProperty().get());
        assertFalse(Files.exists(target));
        assertTrue(vm.progressProperty().get() < 1, "stopped before the end: " + vm.progressProperty().get());
        assertTrue(review.rows().isEmpty());
    }

    @Test
    void afterACancelReplayAndFindTasksRunAgain() throws Exception {
        Path log = DriftFixtures.writeLog(tmp);
        List<Runnable> held = new java.util.ArrayList<>();
        ReplayViewModel replay = new ReplayViewModel(new Workspace(), BackgroundTasks.of(held::add, Runnable::run),
                e -> new TrigramEmbedder());
        replay.run(log, DriftFixtures.GOLDEN, null);
        replay.cancel();
        assertFalse(replay.busyProperty().get(), "ready at once");
        replay.run(log, DriftFixtures.GOLDEN, null);
        assertTrue(replay.busyProperty().get());
        held.forEach(Runnable::run); // the cancelled replay's worker, then the new one
        assertFalse(replay.busyProperty().get());
        assertNull(replay.failureProperty().get());
        org.junit.jupiter.api.Assertions.assertNotNull(replay.reportProperty().get(), replay.statusProperty().get());
        assertEquals(1.0, replay.progressProperty().get(), 1e-9, "the new replay's progress");

        Path driftLog = DriftFixtures.writeDriftLog(tmp);
        DriftReviewViewModel review = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK);
        FindTasksViewModel vm = findTasks(BackgroundTasks.direct(), review);
        vm.noveltyProperty().set(1.0);
        javafx.beans.value.ChangeListener<Number> pressCancel = (o, a, f) -> vm.cancel();
        vm.progressProperty().addListener(pressCancel);
        Path target = tmp.resolve("proposals.json");
        vm.run(driftLog, DriftFixtures.GOLDEN, target);
        vm.progressProperty().removeListener(pressCancel);
        assertEquals("Finding new tasks cancelled; nothing written.", vm.statusProperty().get());
        assertFalse(Files.exists(target));
        vm.run(driftLog, DriftFixtures.GOLDEN, target);
        assertNull(vm.failureProperty().get());
        assertTrue(Files.exists(target), vm.statusProperty().get());
        assertFalse(review.rows().isEmpty());
    }

    @Test
    void findTasksInALogThatIsNotThereFailsNamingItWithTheHint() {
        DriftReviewViewModel review = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK);
        FindTasksViewModel vm = findTasks(BackgroundTasks.direct(), review);
        Path missing = tmp.resolve("no-such-log");
        vm.run(missing, DriftFixtures.GOLDEN, tmp.resolve("proposals.json"));
        EngineException e = assertInstanceOf(EngineException.class, vm.failureProperty().get());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(vm.statusProperty().get().startsWith("Finding new tasks failed: " + e.getMessage()), vm.statusProperty().get());
        assertTrue(e.hint() == null || vm.statusProperty().get().endsWith("(" + e.hint() + ")"), vm.statusProperty().get());
        assertFalse(Files.exists(tmp.resolve("proposals.json")));
        assertTrue(review.rows().isEmpty());
    }

    @Test
    void findTasksInALogWithTooFewDriftPromptsGivesTheEnginesHint() throws Exception {
        DriftReviewViewModel review = new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK);
        FindTasksViewModel vm = findTasks(BackgroundTasks.direct(), review);
        vm.run(DriftFixtures.writeLog(tmp), DriftFixtures.GOLDEN, tmp.resolve("proposals.json"));
        assertInstanceOf(EngineException.class, vm.failureProperty().get());
        assertEquals("Finding new tasks failed: only 0 logged prompt(s) with text flagged drift to cluster "
                + "(log more traffic with --log-prompts full, or pass --all-logged)", vm.statusProperty().get());
    }

    @Test
    void anInvalidNoveltyIsRefusedBeforeAnythingRuns() {
        FindTasksViewModel vm = findTasks(BackgroundTasks.direct(), new DriftReviewViewModel(BackgroundTasks.direct(), CLOCK));
        vm.noveltyProperty().set(1.5);
        vm.run(tmp.resolve("log"), DriftFixtures.GOLDEN, tmp.resolve("proposals.json"));
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.statusProperty().get().contains("novelty threshold must be in (-1, 1], was 1.5"), vm.statusProperty().get());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }
}

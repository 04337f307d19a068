package dev.finerouter.app.shell;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.dataset.StatisticsView;
import dev.finerouter.app.dataset.StatisticsViewModel;
import dev.finerouter.app.graph.TaskGraphPane;
import dev.finerouter.app.graph.TaskGraphViewModel;
import dev.finerouter.app.inspector.InspectorView;
import dev.finerouter.app.inspector.InspectorViewModel;
import dev.finerouter.app.pipeline.PipelineView;
import dev.finerouter.app.pipeline.PipelineViewModel;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.playground.PlaygroundView;
import dev.finerouter.app.playground.PlaygroundViewModel;
import dev.finerouter.app.whatif.WhatIfView;
import dev.finerouter.app.whatif.WhatIfViewModel;

/**
 * Wires the features together: one workspace, one view model and one view per feature, the shell around them.
 * Used by {@link dev.finerouter.app.WorkbenchApp} and by the UI tests.
 *
 * @param workspace shared state
 * @param shell the shell's view model
 * @param pipeline the pipeline runner's view model
 * @param inspector the inspector's view model
 * @param graph the task graph's view model
 * @param whatIf the what-if panel's view model
 * @param playground the prompt playground's view model
 * @param export File → Export router bundle…
 * @param view the root view
 * @param dashboard the evaluation dashboard's view model
 * @param saveDialog where every "save as" asks for its file (replaceable in UI tests)
 * @param onboard File → Onboard a model…
 */
public record Workbench(Workspace workspace, ShellViewModel shell, PipelineViewModel pipeline, InspectorViewModel inspector,
                        TaskGraphViewModel graph, WhatIfViewModel whatIf, PlaygroundViewModel playground,
                        dev.finerouter.app.bundle.ExportViewModel export, ShellView view,
                        dev.finerouter.app.dashboard.DashboardViewModel dashboard, dev.finerouter.app.common.SaveDialog saveDialog,
                        dev.finerouter.app.onboard.OnboardViewModel onboard) {

    /** Builds the workbench (on the FX thread). */
    public static Workbench create(WorkbenchPreferences prefs, BackgroundTasks tasks) {
        Workspace workspace = new Workspace();
        ShellViewModel shell = new ShellViewModel(workspace, prefs, tasks);
        StatisticsViewModel stats = new StatisticsViewModel();
        workspace.datasetProperty().addListener((o, a, s) -> stats.show(s));
        PipelineViewModel pipeline = new PipelineViewModel(workspace, prefs, tasks);
        TaskGraphViewModel graph = new TaskGraphViewModel(workspace, tasks);
        InspectorViewModel inspector = new InspectorViewModel(workspace);
        dev.finerouter.app.common.SaveDialog saveDialog = new dev.finerouter.app.common.SaveDialog();
        ShellView view = new ShellView(shell, new StatisticsView(stats), new PipelineView(pipeline), new TaskGraphPane(graph, saveDialog),
                new InspectorView(inspector));
        WhatIfViewModel whatIf = new WhatIfViewModel(workspace, tasks, prefs.cacheDir().resolve(dev.finerouter.app.whatif.VariantStore.FILE_NAME));
        dev.finerouter.app.whatif.RetrainLink.connect(whatIf, pipeline, workspace);
        view.addTab("What-if", "tab-whatif", new WhatIfView(whatIf));
        PlaygroundViewModel playground = new PlaygroundViewModel(workspace, prefs, tasks);
        view.addTab("Playground", "tab-playground", new PlaygroundView(playground, saveDialog));
        dev.finerouter.app.dashboard.DashboardViewModel dashboard = new dev.finerouter.app.dashboard.DashboardViewModel(workspace, tasks,
                whatIf::policy, java.util.Optional.of(new dev.finerouter.app.dashboard.ReportSvgExporter()));
        view.addTab("Evaluation", "tab-evaluation", new dev.finerouter.app.dashboard.DashboardView(dashboard, saveDialog));
        dev.finerouter.app.drift.DriftReviewViewModel driftReview = new dev.finerouter.app.drift.DriftReviewViewModel(tasks, java.time.Clock.systemUTC());
        view.addTab("Drift", "tab-drift", new dev.finerouter.app.drift.DriftView(driftReview, new dev.finerouter.app.drift.FindTasksViewModel(workspace,
                tasks, dev.finerouter.app.drift.ReplayViewModel.EncoderOpener.RESOLVED, driftReview),
                new dev.finerouter.app.drift.ReplayViewModel(workspace, tasks), saveDialog));
        dev.finerouter.app.bundle.ExportViewModel export = new dev.finerouter.app.bundle.ExportViewModel(workspace, tasks, whatIf::policy,
                whatIf.calibration()::forExport);
        view.addExport(export, saveDialog);
        dev.finerouter.app.onboard.OnboardViewModel onboard = new dev.finerouter.app.onboard.OnboardViewModel(workspace, tasks,
                java.time.Clock.systemUTC());
        view.addOnboard(onboard, saveDialog);
        view.finishMenus(pipeline::run, pipeline::train,
                workspace.datasetProperty().isNotNull().and(pipeline.runningProperty().not()),
                workspace.resultProperty().isNotNull().and(pipeline.runningProperty().not()));
        return new Workbench(workspace, shell, pipeline, inspector, graph, whatIf, playground, export, view, dashboard, saveDialog, onboard);
    }
}

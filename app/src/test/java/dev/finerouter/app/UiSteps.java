package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Steps the TestFX tests share: waiting for background work, and running Stage 1 through the real UI. */
final class UiSteps {
    private UiSteps() {
    }

    /** Waits until {@code condition} holds (failing after {@code seconds}), then lets pending FX events run. */
    static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens {@code data} in the workbench and runs Stage 1 (ℓ = 1) from the pipeline runner's Run button. */
    static void openAndRunStage1(FxRobot robot, Workbench wb, Path cacheDir, Path data) throws Exception {
        robot.interact(() -> {
            wb.shell().preferences().setCacheDir(cacheDir);
            wb.pipeline().levelsProperty().set(1);
        });
        robot.interact(() -> wb.shell().open(data, false));
        waitUntil(20, () -> wb.workspace().datasetProperty().get() != null);
        robot.interact(() -> wb.view().showTab("tab-pipeline"));
        robot.clickOn("#pipeline-run");
        waitUntil(60, () -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get());
    }

    /** Presses the pipeline runner's Train router button and waits until the workspace holds the trained router. */
    static void trainFromPipeline(FxRobot robot, Workbench wb) throws Exception {
        robot.clickOn("#pipeline-train");
        waitUntil(150, () -> !wb.pipeline().runningProperty().get());
        if (wb.workspace().trainingProperty().get() == null) {
            throw new AssertionError("training failed:\n" + String.join("\n", wb.pipeline().log()));
        }
    }
}

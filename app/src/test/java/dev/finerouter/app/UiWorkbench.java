package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationAdapter;
import org.testfx.framework.junit5.ApplicationFixture;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Set;
import java.util.UUID;
import java.util.prefs.Preferences;

/**
 * The one TestFX fixture of the workbench's UI tests: before each test, the workbench wired as in the app on TestFX's
 * primary stage (1200 × 800) with throw-away preferences; after it, the playground's encoder closed, the background
 * threads stopped, the preferences dropped and the stage cleaned up. Headless (Monocle) comes from the surefire
 * {@code argLine} in {@code app/pom.xml}, not from here.
 *
 * <p>A test class registers it in place of TestFX's {@code ApplicationExtension} (which finds {@code @Start} only in
 * the test class itself, so every class repeated the same start and tear-down):
 * <pre>
 *   &#64;RegisterExtension
 *   final UiWorkbench ui = new UiWorkbench();
 * </pre>
 * and its test and lifecycle methods take {@link FxRobot}, {@link Workbench} or {@link Stage} parameters.
 */
final class UiWorkbench extends FxRobot implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final Set<Class<?>> RESOLVED = Set.of(FxRobot.class, Workbench.class, Stage.class);

    private Preferences node;
    private BackgroundTasks tasks;
    private Workbench workbench;
    private Stage stage;
    private Application application;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(() -> new ApplicationAdapter(new ApplicationFixture() {
            @Override
            public void init() {
            }

            @Override
            public void start(Stage s) {
                show(s);
            }

            @Override
            public void stop() {
            }
        }));
    }

    /** Builds the workbench with fresh preferences and shows it on {@code s} (on the FX thread). */
    private void show(Stage s) {
        node = Preferences.userRoot().node("dev/finerouter/uitest-" + UUID.randomUUID());
        tasks = BackgroundTasks.forFx();
        workbench = Workbench.create(new WorkbenchPreferences(node), tasks);
        stage = s;
        s.setScene(new Scene(workbench.view(), 1200, 800));
        s.titleProperty().bind(workbench.shell().title());
        s.show();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (workbench != null) {
                workbench.playground().close();
                tasks.shutdown();
                node.removeNode();
            }
        } finally {
            FxToolkit.cleanupAfterTest(this, application);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == FxRobot.class ? this : type == Workbench.class ? workbench : stage;
    }

    /** The background tasks the workbench runs its work on. */
    BackgroundTasks tasks() {
        return tasks;
    }

    /** The workbench. */
    Workbench workbench() {
        return workbench;
    }

    /** The stage it is shown on. */
    Stage stage() {
        return stage;
    }
}

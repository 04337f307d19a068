package dev.finerouter.app;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.preferences.WorkbenchPreferences;
import dev.finerouter.app.shell.Workbench;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;

/**
 * What the screenshot tours (not tests; docs/screenshots/take*.sh) share: the workbench on a 1280 × 800 stage at the
 * screen's corner, running work on the FX thread from the tour's thread, waiting, and the marker protocol — the tour
 * writes {@code <name>.ready}, the script grabs the screen and deletes it.
 */
final class TourSteps {
    private TourSteps() {
    }

    /** Builds the workbench with throw-away preferences and {@code cacheDir}, and shows it. */
    static Workbench show(Stage stage, Path cacheDir) {
        WorkbenchPreferences prefs = new WorkbenchPreferences(Preferences.userRoot().node("dev/finerouter/tour-" + UUID.randomUUID()));
        prefs.setCacheDir(cacheDir);
        Workbench wb = Workbench.create(prefs, BackgroundTasks.forFx());
        stage.titleProperty().bind(wb.shell().title());
        stage.setScene(new Scene(wb.view(), 1280, 800));
        stage.setX(0);
        stage.setY(0);
        stage.show();
        return wb;
    }

    /** Runs {@code c} on the FX thread and returns its result (call from the tour's own thread). */
    static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    /** Polls {@code c} every 100 ms for at most {@code seconds} (then goes on: the screenshot shows what is there). */
    static void waitFor(int seconds, Callable<Boolean> c) throws Exception {
        for (int i = 0; i < seconds * 10 && !c.call(); i++) {
            Thread.sleep(100);
        }
    }

    /**
     * Lets the layout settle and grabs the whole X screen (menus and dialogs included) into {@code png} with AWT's
     * robot: for tours run under Xvfb without ImageMagick.
     */
    static void grab(Path png) throws Exception {
        Thread.sleep(1500);
        java.awt.Rectangle screen = new java.awt.Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
        java.awt.image.BufferedImage img = new java.awt.Robot().createScreenCapture(screen);
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        System.out.println("grabbed " + png);
    }

    /** Lets the layout settle, signals {@code name} to the script and waits until it has grabbed the screen. */
    static void shot(Path markers, String name) throws Exception {
        Thread.sleep(1500);
        Path m = markers.resolve(name + ".ready");
        Files.writeString(m, name);
        while (Files.exists(m)) {
            Thread.sleep(100);
        }
    }
}

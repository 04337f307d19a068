package dev.finerouter.app;

import dev.finerouter.app.shell.Workbench;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static dev.finerouter.app.TourSteps.fx;
import static dev.finerouter.app.TourSteps.waitFor;

/**
 * Not a test: the screenshot gallery of issue 18, every tab at 1280 × 800 and 1600 × 1000 in the light and the dark
 * theme, on one dataset (docs/screenshots/take-gallery.sh). The tour opens the dataset, runs Stage 1 with ℓ = 1, trains,
 * evaluates, routes one typed prompt, then resizes the window and switches the theme and grabs each tab's window.
 *
 * <p>Arguments: output folder, dataset, cache folder, label (the file prefix), and {@code public} or {@code private}.
 * A private dataset's prompt text must not be published (benchmark prompts whose authors ask that they not be
 * reposted), so the tabs that show prompt text (inspector, playground) are skipped for it.
 */
public final class GalleryScreenshotTour {
    /** Tab ids in the order of the window's tabs, with the file name part of each. */
    static final List<String[]> TABS = List.of(
            new String[] {"tab-dataset", "stats"}, new String[] {"tab-pipeline", "pipeline"}, new String[] {"tab-graph", "graph"},
            new String[] {"tab-inspector", "inspector"}, new String[] {"tab-evaluation", "evaluation"},
            new String[] {"tab-whatif", "whatif"}, new String[] {"tab-playground", "playground"}, new String[] {"tab-drift", "drift"});
    /** Tabs that show prompt text. */
    static final List<String> PROMPT_TABS = List.of("tab-inspector", "tab-playground");
    /** Window sizes of the gallery. */
    static final int[][] SIZES = {{1280, 800}, {1600, 1000}};

    private static String[] arguments;

    private GalleryScreenshotTour() {
    }

    /** Starts the tour. */
    public static void main(String[] args) {
        if (args.length < 5 || !(args[4].equals("public") || args[4].equals("private"))) {
            System.err.println("usage: GalleryScreenshotTour OUT_DIR DATASET CACHE_DIR LABEL public|private");
            System.exit(2);
        }
        arguments = args;
        Application.launch(App.class);
    }

    /** The application the tour drives. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Path out = Path.of(arguments[0]);
            Path data = Path.of(arguments[1]);
            String label = arguments[3];
            boolean showPrompts = arguments[4].equals("public");
            Workbench wb = TourSteps.show(stage, Path.of(arguments[2]));
            Thread t = new Thread(() -> {
                int status = 0;
                try {
                    Files.createDirectories(out);
                    fx(() -> { wb.shell().open(data, false); return null; });
                    waitFor(600, () -> fx(() -> wb.workspace().datasetProperty().get() != null));
                    fx(() -> { wb.view().showTab("tab-pipeline"); wb.pipeline().levelsProperty().set(1); wb.pipeline().run(); return null; });
                    waitFor(1800, () -> fx(() -> wb.workspace().resultProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> { wb.pipeline().train(); return null; });
                    waitFor(1800, () -> fx(() -> wb.workspace().trainingProperty().get() != null && !wb.pipeline().runningProperty().get()));
                    fx(() -> { wb.view().showTab("tab-evaluation"); wb.dashboard().evaluate(); return null; });
                    waitFor(1800, () -> fx(() -> wb.dashboard().reportProperty().get() != null && !wb.dashboard().runningProperty().get()));
                    waitFor(600, () -> fx(() -> wb.whatIf().readyProperty().get()));
                    fx(() -> { wb.whatIf().pin(); return null; });
                    if (showPrompts) {
                        fx(() -> {
                            wb.playground().textProperty().set("Write a Python function that returns the n-th Fibonacci number.");
                            wb.playground().route();
                            return null;
                        });
                        waitFor(300, () -> fx(() -> !wb.playground().busyProperty().get() && !wb.playground().models().isEmpty()));
                    }
                    fx(() -> { wb.workspace().selectedTaskProperty().set(Math.min(2,
                            wb.workspace().resultProperty().get().discovery().tasks().size() - 1)); return null; });
                    for (int[] size : SIZES) {
                        fx(() -> { stage.setWidth(size[0]); stage.setHeight(size[1]); return null; });
                        for (boolean dark : new boolean[] {false, true}) {
                            fx(() -> { wb.shell().darkModeProperty().set(dark); return null; });
                            for (String[] tab : TABS) {
                                if (!showPrompts && PROMPT_TABS.contains(tab[0])) {
                                    continue;
                                }
                                fx(() -> { wb.view().showTab(tab[0]); return null; });
                                Thread.sleep(tab[0].equals("tab-graph") ? 6000 : 1000);
                                grabWindow(stage, out.resolve(String.format(Locale.ROOT, "%s-%dx%d-%s-%s.png", label, size[0], size[1],
                                        dark ? "dark" : "light", tab[1])));
                            }
                        }
                    }
                    fx(() -> { wb.shell().darkModeProperty().set(false); return null; });
                } catch (Exception e) {
                    e.printStackTrace();
                    status = 1;
                } finally {
                    Platform.exit();
                    System.exit(status);
                }
            });
            t.setDaemon(true);
            t.start();
        }
    }

    /** Grabs the window's area of the X screen (the stage sits at the screen's corner) into {@code png}. */
    static void grabWindow(Stage stage, Path png) throws Exception {
        Thread.sleep(500);
        java.awt.Rectangle r = fx(() -> new java.awt.Rectangle((int) stage.getX(), (int) stage.getY(), (int) stage.getWidth(),
                (int) stage.getHeight()));
        java.awt.image.BufferedImage img = new java.awt.Robot().createScreenCapture(r);
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        System.out.println("grabbed " + png);
    }
}

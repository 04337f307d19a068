package dev.finerouter.app;

import javafx.application.Application;

/** Starts JavaFX; kept apart from {@link Main} so the CLI path never loads a JavaFX class. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch() {
        Application.launch(WorkbenchApp.class);
    }
}

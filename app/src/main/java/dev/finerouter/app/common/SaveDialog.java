package dev.finerouter.app.common;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Asks where to save a file, or which file to open: a JavaFX file dialog, or (in UI tests, which cannot click native
 * dialogs) an answer set with {@link #answerWith(Function)} / {@link #answerOpenWith(Function)}. One instance is shared
 * by every feature that saves something.
 */
public final class SaveDialog {
    /**
     * What to ask.
     *
     * @param owner the dialog's owner window, or null
     * @param title the dialog title
     * @param initialName the proposed file name
     * @param filters the file type choices, first = default
     */
    public record Request(Window owner, String title, String initialName, List<FileChooser.ExtensionFilter> filters) {
        /** Validates and copies. */
        public Request {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(initialName, "initialName");
            filters = List.copyOf(filters);
        }
    }

    private Function<Request, Path> answer = SaveDialog::showChooser;
    private Function<Request, Path> openAnswer = SaveDialog::showOpenChooser;

    /** The chosen path, or null when the user cancelled. */
    public Path ask(Request request) {
        return answer.apply(request);
    }

    /** Replaces the dialog by {@code answer} (UI tests); {@code answer} returns null for "cancelled". */
    public void answerWith(Function<Request, Path> answer) {
        this.answer = Objects.requireNonNull(answer, "answer");
    }

    /** The file chosen to open ({@link Request#initialName()} is ignored), or null when the user cancelled. */
    public Path askToOpen(Request request) {
        return openAnswer.apply(request);
    }

    /** Replaces the open dialog by {@code answer} (UI tests); {@code answer} returns null for "cancelled". */
    public void answerOpenWith(Function<Request, Path> answer) {
        this.openAnswer = Objects.requireNonNull(answer, "answer");
    }

    private static Path showOpenChooser(Request r) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(r.title());
        chooser.getExtensionFilters().addAll(r.filters());
        File f = chooser.showOpenDialog(r.owner());
        return f == null ? null : f.toPath();
    }

    private static Path showChooser(Request r) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(r.title());
        chooser.setInitialFileName(r.initialName());
        chooser.getExtensionFilters().addAll(r.filters());
        File f = chooser.showSaveDialog(r.owner());
        return f == null ? null : f.toPath();
    }
}

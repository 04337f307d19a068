package dev.finerouter.app.common;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.function.Consumer;

/** Error and information dialogs. They are shown without blocking ({@code show()}, not {@code showAndWait()}). */
public final class Dialogs {
    private Dialogs() {
    }

    /**
     * Shows an error with its stack trace in the expandable details.
     *
     * @param extra extra buttons besides Close, may be empty
     * @param onClose receives the button pressed (Close or one of {@code extra})
     */
    public static Alert error(Window owner, String title, String header, String content, Throwable error,
                              Consumer<ButtonType> onClose, ButtonType... extra) {
        Alert alert = new Alert(Alert.AlertType.ERROR, content, ButtonType.CLOSE);
        alert.getButtonTypes().addAll(0, java.util.List.of(extra));
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setId("error-dialog");
        alert.getDialogPane().setMinWidth(560);
        if (error != null) {
            alert.getDialogPane().setExpandableContent(details(stackTrace(error)));
        }
        alert.setOnHidden(e -> {
            if (onClose != null) {
                onClose.accept(Optional.ofNullable(alert.getResult()).orElse(ButtonType.CLOSE));
            }
        });
        alert.show();
        return alert;
    }

    /** Shows information with optional expandable details. */
    public static Alert info(Window owner, String title, String header, String content, String details) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, content, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setId("info-dialog");
        alert.getDialogPane().setMinWidth(560);
        if (details != null && !details.isBlank()) {
            alert.getDialogPane().setExpandableContent(details(details));
            alert.getDialogPane().setExpanded(true);
        }
        alert.show();
        return alert;
    }

    /** The stack trace of {@code t} as text. */
    public static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    private static TextArea details(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefRowCount(14);
        area.setStyle("-fx-font-family: monospace");
        return area;
    }
}

package dev.finerouter.app.common;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/** Small helpers for read-only tables of records. */
public final class Tables {
    private Tables() {
    }

    /** A column showing {@code value(row)}; sorts by the value's natural order. */
    public static <R, V> TableColumn<R, V> column(String title, Function<R, V> value) {
        TableColumn<R, V> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** A column showing {@code value(row)} formatted by {@code format}, sorting by the raw value. */
    public static <R, V> TableColumn<R, V> column(String title, Function<R, V> value, Function<V, String> format) {
        TableColumn<R, V> c = column(title, value);
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    /** A table that fills its width and says {@code placeholder} when empty. */
    public static <R> TableView<R> table(String placeholder) {
        TableView<R> t = new TableView<>();
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new javafx.scene.control.Label(placeholder));
        return t;
    }
}

package dev.finerouter.app.whatif;

import dev.finerouter.app.common.Format;
import dev.finerouter.app.common.Tables;
import dev.finerouter.engine.whatif.WhatIfMetric;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Locale;

/** A table of {@link MetricRow}s: name, two values and the coloured delta (green = better, red = worse). */
final class MetricsTable {
    private MetricsTable() {
    }

    static TableView<MetricRow> create(String id, String placeholder, String left, String right) {
        TableView<MetricRow> table = Tables.table(placeholder);
        table.setId(id);
        table.getColumns().add(Tables.column("metric", MetricRow::name));
        table.getColumns().add(Tables.column(left, r -> r, r -> r.needsRetraining() && Double.isNaN(r.current())
                ? "needs retraining" : format(r.current(), r.kind())));
        table.getColumns().add(Tables.column(right, r -> r, r -> format(r.pinned(), r.kind())));
        TableColumn<MetricRow, MetricRow> delta = Tables.column("Δ", r -> r);
        delta.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(MetricRow r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null || Double.isNaN(r.delta())) {
                    setText(null);
                    setStyle("");
                    return;
                }
                double d = r.delta();
                setText((d > 0 ? "+" : "") + format(d, r.kind()));
                boolean good = r.kind() == WhatIfMetric.Kind.COST ? d < 0 : d > 0;
                setStyle(Math.abs(d) < 1e-12 ? "-fx-alignment: CENTER-RIGHT;"
                        : "-fx-alignment: CENTER-RIGHT; -fx-text-fill: " + (r.kind() == WhatIfMetric.Kind.SHARE
                        || r.kind() == WhatIfMetric.Kind.COUNT || r.kind() == WhatIfMetric.Kind.INTEGER ? "-color-fg-muted" : good ? "-color-success-fg" : "-color-danger-fg"));
            }
        });
        table.getColumns().add(delta);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        return table;
    }

    static String format(double v, WhatIfMetric.Kind kind) {
        return switch (kind) {
            case SCORE -> Format.decimal(v);
            case COST -> Format.cost(v);
            case SHARE -> Format.percent(v);
            case COUNT -> Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
            case INTEGER -> Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
        };
    }
}

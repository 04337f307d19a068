package dev.finerouter.app.dashboard;

import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.eval.StandardMetrics;
import dev.finerouter.engine.eval.StandardMetricsCalculator;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The standard router metrics of an evaluation (RouteLLM's PGR, APGR, CPT; RouterBench's AIQ; definitions in
 * docs/metrics.md), one row per router that is not a single model, derived from the report as the CLI's
 * evaluation.md does.
 */
public final class StandardMetricsTable {
    /** One router's row. */
    public record Row(String router, StandardMetrics metrics, double strongCallShare) {
    }

    private StandardMetricsTable() {
    }

    /** The rows of {@code report}: every router except the single models, in report order. */
    public static List<Row> rows(EvaluationReport report) {
        Map<String, StandardMetrics> all = StandardMetricsCalculator.of(report);
        List<Row> rows = new ArrayList<>();
        for (RouterResult r : report.results()) {
            if (r.kind() == RouterKind.SINGLE_MODEL) {
                continue;
            }
            StandardMetrics m = all.get(r.name());
            rows.add(new Row(r.name(), m, StandardMetricsCalculator.strongCallShare(report, r, m)));
        }
        return rows;
    }

    /** The caption naming the strong/weak pair the metrics of {@code rows} are relative to. */
    public static String caption(List<Row> rows) {
        if (rows.isEmpty() || rows.get(0).metrics().strongModel() == null) {
            return "No single models in this report: the strong/weak pair, and with it PGR, APGR and CPT, is undefined.";
        }
        StandardMetrics m = rows.get(0).metrics();
        return String.format(Locale.ROOT, "Strong model = best single (%s, Qual %.2f); weak model = cheapest single (%s, Qual %.2f). "
                        + "CPT = %% of the normalised cost axis from weak to strong; AIQ over the single models' cost range. "
                        + "Definitions: docs/metrics.md.", m.strongModel(), 100 * m.strongQual(), m.weakModel(), 100 * m.weakQual());
    }

    /** A table view over {@code rows}. */
    public static TableView<Row> view(List<Row> rows) {
        TableView<Row> table = new TableView<>(FXCollections.observableArrayList(rows));
        table.setId("dashboard-standard");
        TableColumn<Row, String> name = new TableColumn<>("Router");
        name.setPrefWidth(260);
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().router()));
        table.getColumns().add(name);
        table.getColumns().add(number("PGR", r -> r.metrics().pgr(), 3));
        table.getColumns().add(number("APGR", r -> r.metrics().apgr(), 3));
        table.getColumns().add(number("CPT(50%)", r -> r.metrics().cpt50(), 1));
        table.getColumns().add(number("CPT(80%)", r -> r.metrics().cpt80(), 1));
        table.getColumns().add(number("AIQ", r -> r.metrics().aiq(), 4));
        table.getColumns().add(number("strong calls (%)", r -> 100 * r.strongCallShare(), 1));
        return table;
    }

    private static TableColumn<Row, String> number(String title, ToDoubleFunction<Row> value, int decimals) {
        TableColumn<Row, String> col = new TableColumn<>(title);
        col.setPrefWidth(title.length() > 10 ? 120 : 90);
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        col.setCellValueFactory(c -> {
            double v = value.applyAsDouble(c.getValue());
            return new ReadOnlyObjectWrapper<>(Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–");
        });
        return col;
    }
}

package dev.finerouter.app.dashboard;

import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import dev.finerouter.engine.model.PairedDifference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An evaluation report in the paper's Table-1 layout: rows grouped by {@link RouterKind} (single models, baselines,
 * ablations, the full router), columns = one per benchmark, then Ave, Qual, Cost (total over the test prompts) and
 * the cost ratio against the best single model. For every column it knows the best rows (highest quality, lowest
 * cost; ties all count). The oracle is an upper bound, not a contender: it is never marked best. Each row also carries
 * its paired test differences at λ = 0 to the best single model and to the router under test (mean ± standard error,
 * the numbers of evaluation.md's "Paired differences" table), which say which gaps in the Qual column the test split
 * can tell from noise.
 *
 * @param benchmarks benchmark labels, sorted as in the report
 * @param rows the rows in Table-1 order
 */
public record EvaluationGrid(List<String> benchmarks, List<Row> rows) {
    /** The name the evaluation gives the oracle router. */
    public static final String ORACLE = "Oracle";

    /**
     * One router's row.
     *
     * @param router router name
     * @param kind row group
     * @param values one value per column: benchmarks, Ave, Qual, Cost, cost ratio (NaN = not available)
     * @param versusBestSingle Qual minus the best single model's, paired over the test prompts
     * @param versusFull Qual minus the router under test's, paired ({@link PairedDifference#NONE} for that router itself)
     */
    public record Row(String router, RouterKind kind, double[] values, PairedDifference versusBestSingle, PairedDifference versusFull) {
        /** Validates and copies. */
        public Row {
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(versusBestSingle, "versusBestSingle");
            Objects.requireNonNull(versusFull, "versusFull");
            values = values.clone();
        }

        /** A row without paired differences (a report written before they were measured). */
        public Row(String router, RouterKind kind, double[] values) {
            this(router, kind, values, PairedDifference.NONE, PairedDifference.NONE);
        }

        /** The value in column {@code column}. */
        public double value(int column) {
            return values[column];
        }

        /** A copy of the values. */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** Validates and copies. */
    public EvaluationGrid {
        benchmarks = List.copyOf(benchmarks);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.values.length != benchmarks.size() + 4) {
                throw new IllegalArgumentException("row " + r.router() + " has " + r.values.length + " values, expected "
                        + (benchmarks.size() + 4));
            }
        }
    }

    /** Builds the grid of {@code report}: rows grouped by kind in {@link RouterKind} order, within a kind in report order. */
    public static EvaluationGrid of(EvaluationReport report) {
        double bestSingleCost = report.bestSingleModel() == null ? Double.NaN
                : report.result(report.bestSingleModel()).metrics().costPerPrompt();
        List<Row> rows = new ArrayList<>();
        for (RouterKind kind : RouterKind.values()) {
            for (RouterResult r : report.results()) {
                if (r.kind() != kind) {
                    continue;
                }
                RouterMetrics m = r.metrics();
                int b = report.benchmarks().size();
                double[] v = new double[b + 4];
                for (int i = 0; i < b; i++) {
                    v[i] = m.perBenchmark().getOrDefault(report.benchmarks().get(i), Double.NaN);
                }
                v[b] = m.ave();
                v[b + 1] = m.qual();
                v[b + 2] = m.totalCost();
                v[b + 3] = bestSingleCost > 0 ? m.costPerPrompt() / bestSingleCost : Double.NaN;
                rows.add(new Row(r.name(), kind, v, r.versusBestSingle(), r.versusFull()));
            }
        }
        return new EvaluationGrid(report.benchmarks(), rows);
    }

    /** Whether any row has a paired difference (reports written before stop 36 have none). */
    public boolean hasPairedDifferences() {
        return rows.stream().anyMatch(r -> r.versusBestSingle().n() > 0 || r.versusFull().n() > 0);
    }

    /** The index of the Qual column. */
    public int qualColumn() {
        return benchmarks.size() + 1;
    }

    /** Number of columns after the router name: benchmarks, Ave, Qual, Cost, cost ratio. */
    public int columnCount() {
        return benchmarks.size() + 4;
    }

    /** The header of column {@code column}. */
    public String columnName(int column) {
        int b = benchmarks.size();
        if (column < b) {
            return benchmarks.get(column);
        }
        return switch (column - b) {
            case 0 -> "Ave";
            case 1 -> "Qual";
            case 2 -> "Cost";
            case 3 -> "cost ratio";
            default -> throw new IndexOutOfBoundsException("column " + column);
        };
    }

    /**
     * How a value of {@code column} is shown: quality ×100 with two decimals, Cost with four significant digits, the
     * cost ratio with two decimals (two significant digits below 0.1, so a 0.0027× model does not read 0.00×) and a
     * "×"; NaN as "–".
     */
    public String format(int column, double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (column == columnCount() - 1) {
            return String.format(Locale.ROOT, v < 0.1 ? "%.2g×" : "%.2f×", v);
        }
        if (isCostColumn(column)) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    /** Whether column {@code column} is a cost (lower is better) rather than a quality (higher is better). */
    public boolean isCostColumn(int column) {
        return column >= benchmarks.size() + 2;
    }

    /** Whether {@code row} holds the best value of {@code column} (NaN is never best; the oracle never counts). */
    public boolean isBest(Row row, int column) {
        double v = row.value(column);
        if (Double.isNaN(v) || ORACLE.equals(row.router())) {
            return false;
        }
        for (Row other : rows) {
            double o = other.value(column);
            if (ORACLE.equals(other.router()) || Double.isNaN(o)) {
                continue;
            }
            if (isCostColumn(column) ? o < v : o > v) {
                return false;
            }
        }
        return true;
    }
}

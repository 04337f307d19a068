package dev.finerouter.cli;

import dev.finerouter.engine.data.DatasetStatistics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Renders {@link DatasetStatistics} as the text {@code finerouter data stats} prints. */
final class StatisticsReport {
    private static final String BARS = " ▁▂▃▄▅▆▇█";

    private StatisticsReport() {
    }

    static String render(DatasetStatistics s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "dataset %s: %,d prompts × %d models, %,d missing scores, oracle mean %.3f%n",
                s.name(), s.prompts(), s.models().size(), s.missingScores(), s.oracleMean()));
        sb.append("fingerprint sha256:").append(s.fingerprint()).append('\n');
        if (s.equalCost()) {
            sb.append("no prices: every call counts as cost 1 (equal-cost assumption)\n");
        }
        sb.append('\n');
        TextTable models = new TextTable("model", ">mean", ">best", ">sole best", ">cost/call", ">scored", ">missing", "histogram 0→1");
        for (DatasetStatistics.ModelStatistics m : s.models()) {
            models.row(m.name(), fmt(m.meanScore()), pct(m.bestShare()), pct(m.soleBestShare()),
                    String.format(Locale.ROOT, s.equalCost() ? "%.0f" : "%.6f", m.meanCost()), m.scored(), m.missing(),
                    sparkline(m.histogram()));
        }
        sb.append(models.render()).append('\n');
        TreeSet<String> splits = new TreeSet<>();
        s.tasks().values().forEach(m -> splits.addAll(m.keySet()));
        String[] columns = new String[splits.size() + 2];
        columns[0] = "task";
        int i = 1;
        for (String split : splits) {
            columns[i++] = ">" + split;
        }
        columns[i] = ">total";
        TextTable tasks = new TextTable(columns);
        for (Map.Entry<String, Map<String, Integer>> e : s.tasks().entrySet()) {
            Object[] row = new Object[columns.length];
            row[0] = e.getKey();
            int j = 1;
            int total = 0;
            for (String split : splits) {
                int n = e.getValue().getOrDefault(split, 0);
                row[j++] = n;
                total += n;
            }
            row[j] = total;
            tasks.row(row);
        }
        sb.append(tasks.render());
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** A one-line histogram, one block character per bin, scaled to the largest bin. */
    static String sparkline(long[] histogram) {
        long max = 0;
        for (long h : histogram) {
            max = Math.max(max, h);
        }
        StringBuilder sb = new StringBuilder();
        for (long h : histogram) {
            int level = max == 0 ? 0 : (int) Math.round((double) h / max * (BARS.length() - 1));
            if (h > 0 && level == 0) {
                level = 1;
            }
            sb.append(BARS.charAt(level));
        }
        return sb.toString();
    }
}

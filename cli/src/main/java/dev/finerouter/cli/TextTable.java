package dev.finerouter.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header, right-aligned numeric columns and column widths fitted to the content. */
final class TextTable {
    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Creates a table; columns whose header starts with '>' are right-aligned (the '>' is dropped). */
    TextTable(String... columns) {
        header = new ArrayList<>();
        rightAligned = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            rightAligned[i] = columns[i].startsWith(">");
            header.add(rightAligned[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    /** Adds a row; values are formatted with {@link String#valueOf(Object)}. */
    TextTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " values, got " + values.length);
        }
        List<String> row = new ArrayList<>();
        for (Object v : values) {
            row.add(String.valueOf(v));
        }
        rows.add(row);
        return this;
    }

    /** Renders the table, one line per row, with a rule under the header. */
    String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, width);
        for (int i = 0; i < width.length; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        sb.append('\n');
        rows.forEach(r -> appendRow(sb, r, width));
        return sb.toString();
    }

    private void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        for (int i = 0; i < width.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            sb.append(i == 0 ? "" : "  ");
            sb.append(rightAligned[i] ? pad + cell : (i == width.length - 1 ? cell : cell + pad));
        }
        sb.append('\n');
    }
}

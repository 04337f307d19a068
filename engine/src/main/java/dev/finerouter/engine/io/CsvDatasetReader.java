package dev.finerouter.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.finerouter.engine.model.ModelPool;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Streams the wide CSV format: a header row with {@code id}, {@code prompt}, optional {@code task}, {@code split},
 * {@code subtask}, and one column per model holding its score (empty cell = missing). RFC 4180 quoting, so prompts
 * may contain commas, quotes and line breaks. Parsed by Jackson's CSV module.
 */
public final class CsvDatasetReader {
    /** The hint for a bad header row, which --lenient cannot skip. */
    static final String HEADER_HINT = "fix the header row: id,prompt,task,split, then one column per model (--lenient skips bad data rows, not the header)";
    private static final Set<String> KNOWN_COLUMNS = Set.of("id", "prompt", "task", "split", "subtask");
    private static final CsvFactory CSV = CsvFactory.builder().build();

    private CsvDatasetReader() {
    }

    /**
     * Reads a dataset.
     *
     * @param file the CSV file
     * @param pool the models from {@code models.json}, or {@code null} to take them from the header
     * @param lenient skip bad rows and report them instead of stopping
     * @param name the dataset's name
     */
    public static LoadedDataset read(Path file, ModelPool pool, boolean lenient, String name) throws DataFormatException {
        DatasetAccumulator acc = new DatasetAccumulator(file, pool, lenient);
        try (HashingInput in = HashingInput.open(file);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CsvParser parser = CSV.createParser(reader)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new DataFormatException(file, 1, null, "empty file: expected a header row (id,prompt,task,split,<model>...)", HEADER_HINT, null);
            }
            Record headerRecord = nextRecord(file, parser);
            List<String> header = headerRecord == null ? null : headerRecord.cells();
            if (header == null) {
                throw new DataFormatException(file, 1, null, "empty file: expected a header row (id,prompt,task,split,<model>...)", HEADER_HINT, null);
            }
            Map<String, Integer> column = headerIndex(file, header);
            List<String> modelColumns = new ArrayList<>();
            for (String h : header) {
                if (!KNOWN_COLUMNS.contains(h.trim().toLowerCase(Locale.ROOT))) {
                    modelColumns.add(h.trim());
                }
            }
            if (modelColumns.isEmpty()) {
                throw new DataFormatException(file, 1, null, "the header has no model columns (every column after id,prompt,task,split is a model)", HEADER_HINT, null);
            }
            while (true) {
                Record record;
                // A CSV syntax error (e.g. an unclosed quote) is not skipped even in lenient mode: the parser cannot
                // find the next record, and silently dropping the rest of the file would be worse than stopping.
                record = nextRecord(file, parser);
                if (record == null) {
                    break;
                }
                List<String> cells = record.cells();
                long line = record.line();
                if (cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                if (cells.size() != header.size()) {
                    acc.rowFailed(new DataFormatException(file, line, null,
                            "expected " + header.size() + " columns (as in the header), got " + cells.size()));
                    continue;
                }
                DatasetAccumulator.RawRow row;
                try {
                    row = toRow(file, line, cells, header, column);
                } catch (DataFormatException e) {
                    acc.rowFailed(e);
                    continue;
                }
                acc.add(row);
            }
            return acc.finish(name, in.sha256Hex());
        } catch (IOException e) {
            throw DataFormatException.cannotRead(file, e);
        }
    }

    private static DatasetAccumulator.RawRow toRow(Path file, long line, List<String> cells, List<String> header,
                                                   Map<String, Integer> column) throws DataFormatException {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).trim();
            if (KNOWN_COLUMNS.contains(h.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String cell = cells.get(i).trim();
            if (cell.isEmpty()) {
                scores.put(h, null);
                continue;
            }
            try {
                scores.put(h, Double.parseDouble(cell));
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, line, "scores." + h, "expected a number, got \"" + cell + "\"");
            }
        }
        return new DatasetAccumulator.RawRow(line, cell(cells, column, "id"), cell(cells, column, "prompt"),
                cell(cells, column, "task"), cell(cells, column, "subtask"), cell(cells, column, "split"), scores, null);
    }

    private static String cell(List<String> cells, Map<String, Integer> column, String name) {
        Integer i = column.get(name);
        return i == null ? null : cells.get(i);
    }

    private static Map<String, Integer> headerIndex(Path file, List<String> header) throws DataFormatException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).trim();
            if (h.isEmpty()) {
                throw new DataFormatException(file, 1, "column " + (i + 1), "empty column name in the header", HEADER_HINT, null);
            }
            String key = KNOWN_COLUMNS.contains(h.toLowerCase(Locale.ROOT)) ? h.toLowerCase(Locale.ROOT) : h;
            if (index.put(key, i) != null) {
                throw new DataFormatException(file, 1, h, "column '" + h + "' appears twice in the header", HEADER_HINT, null);
            }
        }
        for (String required : List.of("id", "prompt")) {
            if (!index.containsKey(required)) {
                throw new DataFormatException(file, 1, required, "the header has no '" + required + "' column", HEADER_HINT, null);
            }
        }
        return index;
    }

    /** One CSV record and the physical line it starts on. */
    private record Record(long line, List<String> cells) {
    }

    /**
     * Reads the next record (the parser wraps the file in an outer array and each record in an inner one), or
     * returns null at the end.
     */
    private static Record nextRecord(Path file, CsvParser parser) throws IOException, DataFormatException {
        long line = parser.currentLocation().getLineNr();
        try {
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            long firstLine = -1;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                if (firstLine < 0) {
                    firstLine = parser.currentTokenLocation().getLineNr();
                }
                cells.add(parser.getText());
            }
            return new Record(firstLine > 0 ? firstLine : line, cells);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            throw new DataFormatException(file, at, null, "malformed CSV: " + e.getOriginalMessage(), e);
        }
    }
}
